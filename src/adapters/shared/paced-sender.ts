import type { Logger } from '../../logger.ts';

export interface PaceLimits {
  /** Minimum gap between two sends into the same chat. */
  perChatGapMs: number;
  /** At most this many sends into one group per rolling minute. */
  perGroupPerMinute: number;
  /** At most `max` sends per rolling `windowMs` across all chats. */
  global: { max: number; windowMs: number };
  /** An extra random gap, in ms, when the next send goes to a different chat than the last one. */
  switchGapMs?: [number, number];
  /** Milliseconds to hold everything back at `now` (quiet hours), 0 to send. */
  quietFor?: (now: number) => number;
}

/** Time for the sender; tests pass a virtual one. */
export interface SenderTime {
  now(): number;
  sleep(ms: number): Promise<void>;
  random(): number;
}

export const realTime: SenderTime = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  random: () => Math.random(),
};

export interface PacedItem {
  chatKey: string;
  isGroup: boolean;
}

interface Queued<T, R> {
  item: T;
  resolve: (result: R) => void;
  reject: (error: unknown) => void;
}

/**
 * Sends platform messages at a pace the platform tolerates: one FIFO queue per chat (so a chat held
 * back by a rate limit never stalls the others), a minimum gap per chat, a per-group minute budget,
 * a global budget, a small random gap when switching chats, and quiet hours. `deliver` does its own
 * retries; an item it finally fails is reported to whoever submitted it, never retried here.
 */
export class PacedSender<T extends PacedItem, R = void> {
  private readonly queues = new Map<string, Queued<T, R>[]>();
  private readonly lastSend = new Map<string, number>();
  private readonly groupWindow = new Map<string, number[]>();
  private globalWindow: number[] = [];
  private lastChat: string | undefined;
  private lastAny = 0;
  private readonly running = new Map<string, Promise<void>>();

  constructor(
    private readonly deliver: (item: T) => Promise<R>,
    private readonly limits: PaceLimits,
    private readonly log: Logger,
    private readonly time: SenderTime = realTime,
  ) {}

  /** Queues an item; resolves with what `deliver` returned once it is sent, or rejects with its error. */
  submit(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      const queue = this.queues.get(item.chatKey) ?? [];
      queue.push({ item, resolve, reject });
      this.queues.set(item.chatKey, queue);
      if (!this.running.has(item.chatKey)) {
        const run = this.runChat(item.chatKey).finally(() => this.running.delete(item.chatKey));
        this.running.set(item.chatKey, run);
      }
    });
  }

  /** Queues an item and returns at once; a failure is logged. */
  enqueue(item: T): void {
    this.submit(item).catch((error: unknown) => this.log.error('message could not be delivered', { chat: item.chatKey, error }));
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
      const { item, resolve, reject } = queue[0]!;
      await this.waitForTurn(item);
      try {
        resolve(await this.deliver(item));
      } catch (error) {
        reject(error);
      }
      queue.shift();
    }
    this.queues.delete(key);
  }

  private wait(item: T, now: number): number {
    const { limits } = this;
    const waits = [limits.quietFor?.(now) ?? 0];
    const last = this.lastSend.get(item.chatKey);
    if (last !== undefined) waits.push(last + limits.perChatGapMs - now);
    if (item.isGroup) {
      const window = (this.groupWindow.get(item.chatKey) ?? []).filter((t) => t > now - 60_000);
      this.groupWindow.set(item.chatKey, window);
      if (window.length >= limits.perGroupPerMinute) waits.push(window[0]! + 60_000 - now);
    }
    this.globalWindow = this.globalWindow.filter((t) => t > now - limits.global.windowMs);
    if (this.globalWindow.length >= limits.global.max) waits.push(this.globalWindow[0]! + limits.global.windowMs - now);
    return Math.max(...waits);
  }

  private async waitForTurn(item: T): Promise<void> {
    for (;;) {
      const now = this.time.now();
      const wait = this.wait(item, now);
      if (wait > 0) {
        await this.time.sleep(wait);
        continue;
      }
      const [min, max] = this.limits.switchGapMs ?? [0, 0];
      if (max > 0 && this.lastChat !== undefined && this.lastChat !== item.chatKey) {
        const gap = min + this.time.random() * (max - min);
        const due = this.lastAny + gap - now;
        this.lastChat = item.chatKey;
        if (due > 0) {
          await this.time.sleep(due);
          continue;
        }
      }
      this.lastChat = item.chatKey;
      this.lastAny = now;
      this.lastSend.set(item.chatKey, now);
      if (item.isGroup) this.groupWindow.get(item.chatKey)!.push(now);
      this.globalWindow.push(now);
      return;
    }
  }
}

/** Splits text into parts of at most `limit` characters, at line ends where possible. */
export function splitText(text: string, limit: number): string[] {
  const parts: string[] = [];
  let rest = text;
  while (rest.length > limit) {
    let cut = rest.lastIndexOf('\n', limit);
    if (cut < limit / 2) cut = limit;
    parts.push(rest.slice(0, cut));
    rest = rest.slice(cut).replace(/^\n/, '');
  }
  parts.push(rest);
  return parts;
}
