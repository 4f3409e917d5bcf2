import type { Logger } from '../../logger.ts';

export interface PaceLimits {
  /** Minimum gap between two sends into the same chat. */
  perChatGapMs: number;
  /** At most this many sends into one group per rolling minute. */
  perGroupPerMinute: number;
  /** At most this many sends per rolling second across all chats. */
  globalPerSecond: number;
}

export interface PacedItem {
  chatKey: string;
  isGroup: boolean;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Sends platform messages at a pace the platform tolerates: one FIFO queue per chat (so a chat held
 * back by a rate limit never stalls the others), a minimum gap per chat, a per-group minute budget
 * and a global per-second budget. `deliver` does its own retries; an item it finally fails is logged.
 */
export class PacedSender<T extends PacedItem> {
  private readonly queues = new Map<string, T[]>();
  private readonly lastSend = new Map<string, number>();
  private readonly groupWindow = new Map<string, number[]>();
  private globalWindow: number[] = [];
  private readonly running = new Map<string, Promise<void>>();

  constructor(
    private readonly deliver: (item: T) => Promise<void>,
    private readonly limits: PaceLimits,
    private readonly log: Logger,
  ) {}

  /** Queues an item; returns at once. */
  enqueue(item: T): void {
    const queue = this.queues.get(item.chatKey) ?? [];
    queue.push(item);
    this.queues.set(item.chatKey, queue);
    if (!this.running.has(item.chatKey)) {
      const run = this.runChat(item.chatKey).finally(() => this.running.delete(item.chatKey));
      this.running.set(item.chatKey, run);
    }
  }

  /** Resolves when every queued item has been delivered or given up. */
  async drain(): Promise<void> {
    while (this.running.size > 0) await Promise.all([...this.running.values()]);
  }

  pending(): number {
    let n = 0;
    for (const q of this.queues.values()) n += q.length;
    return n;
  }

  private async runChat(key: string): Promise<void> {
    const queue = this.queues.get(key)!;
    while (queue.length > 0) {
      const item = queue[0]!;
      await this.waitForTurn(item);
      try {
        await this.deliver(item);
      } catch (error) {
        this.log.error('message could not be delivered', { chat: key, error });
      }
      queue.shift();
    }
    this.queues.delete(key);
  }

  private async waitForTurn(item: T): Promise<void> {
    for (;;) {
      const now = Date.now();
      const waits: number[] = [];
      const last = this.lastSend.get(item.chatKey);
      if (last !== undefined) waits.push(last + this.limits.perChatGapMs - now);
      if (item.isGroup) {
        const window = (this.groupWindow.get(item.chatKey) ?? []).filter((t) => t > now - 60_000);
        this.groupWindow.set(item.chatKey, window);
        if (window.length >= this.limits.perGroupPerMinute) waits.push(window[0]! + 60_000 - now);
      }
      this.globalWindow = this.globalWindow.filter((t) => t > now - 1000);
      if (this.globalWindow.length >= this.limits.globalPerSecond) waits.push(this.globalWindow[0]! + 1000 - now);
      const wait = Math.max(0, ...waits);
      if (wait <= 0) {
        this.lastSend.set(item.chatKey, now);
        if (item.isGroup) this.groupWindow.get(item.chatKey)!.push(now);
        this.globalWindow.push(now);
        return;
      }
      await sleep(wait);
    }
  }
}
