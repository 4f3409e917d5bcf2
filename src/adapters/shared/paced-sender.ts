import type { Logger } from '../../logger.ts';
import type { SharedPace, SharedSlot } from './shared-pace.ts';

export interface PaceLimits {
  /** Minimum gap between two sends into the same chat. */
  perChatGapMs: number;
  /** Up to this much more, at random, on top of `perChatGapMs` (a steady rhythm looks automated). */
  perChatJitterMs?: number;
  /** At most this many sends into one group per rolling minute. */
  perGroupPerMinute: number;
  /** The group window, a minute unless a test shortens it. */
  groupWindowMs?: number;
  /** At most `max` sends per rolling `windowMs` across all chats. */
  global: { max: number; windowMs: number };
  /** An extra random gap, in ms, when the next send goes to a different chat than the last one. */
  switchGapMs?: [number, number];
  /** Milliseconds to hold everything back at `now` (quiet hours), 0 to send. */
  quietFor?: (now: number) => number;
  /**
   * The account's budget shared with the other processes sending for it (Redis). Every limit above
   * then holds account-wide; while it cannot be reached this process keeps to `localShare` of them.
   */
  shared?: SharedPace;
}

/** Shared budgets that could not be reached are tried again after this long (meanwhile the local share applies). */
const SHARED_RETRY_MS = 5000;

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
  /** Runs when the item's turn has come, before `deliver`; if it throws, the item is not delivered. */
  prepare?: () => Promise<void>;
}

/**
 * One send's place in the rate windows. While the call is under way it counts as happening now
 * (t = Infinity); when it ends it counts from then. The platform sees each call at some moment
 * before it ends, so counting from the end never lets more than the budget arrive in one window,
 * however slow the preparation, the event loop or the network.
 */
interface Slot {
  t: number;
  /** The gap the next send into the same chat waits after this one. */
  gap?: number;
  /** Its place in the account's shared windows. */
  shared?: SharedSlot;
}

/** How long to wait for a send under way to end when the whole budget is in flight. */
const IN_FLIGHT_POLL_MS = 10;

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
  private readonly lastSend = new Map<string, Slot>();
  private readonly groupWindow = new Map<string, Slot[]>();
  private globalWindow: Slot[] = [];
  private lastChat: string | undefined;
  private lastAny = 0;
  private readonly running = new Map<string, Promise<void>>();
  /** While the shared budget is unreachable: when to try it again. */
  private sharedDownUntil: number | undefined;

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
      const slot = await this.waitForTurn(item);
      try {
        await item.prepare?.();
        resolve(await this.deliver(item));
      } catch (error) {
        reject(error);
      } finally {
        slot.t = this.time.now();
        if (slot.shared) void this.limits.shared?.finish(slot.shared).catch(() => undefined);
      }
      queue.shift();
    }
    this.queues.delete(key);
  }

  /** The limits this process keeps to: all of them, or its local share while the shared budget is unreachable. */
  private get local(): PaceLimits {
    const { limits } = this;
    if (!limits.shared || this.sharedDownUntil === undefined) return limits;
    const share = limits.shared.localShare;
    return {
      ...limits,
      perChatGapMs: limits.perChatGapMs / share,
      perGroupPerMinute: Math.max(1, Math.floor(limits.perGroupPerMinute * share)),
      global: { max: Math.max(1, Math.floor(limits.global.max * share)), windowMs: limits.global.windowMs },
    };
  }

  private wait(item: T, now: number): number {
    const limits = this.local;
    const groupWindowMs = limits.groupWindowMs ?? 60_000;
    const waits = [limits.quietFor?.(now) ?? 0];
    const last = this.lastSend.get(item.chatKey);
    if (last !== undefined) waits.push(last.t + (last.gap ?? limits.perChatGapMs) - now);
    if (item.isGroup) {
      const window = (this.groupWindow.get(item.chatKey) ?? []).filter((s) => s.t > now - groupWindowMs);
      this.groupWindow.set(item.chatKey, window);
      if (window.length >= limits.perGroupPerMinute) waits.push(untilRoom(window, groupWindowMs, now));
    }
    this.globalWindow = this.globalWindow.filter((s) => s.t > now - limits.global.windowMs);
    if (this.globalWindow.length >= limits.global.max) waits.push(untilRoom(this.globalWindow, limits.global.windowMs, now));
    return Math.max(...waits);
  }

  private async waitForTurn(item: T): Promise<Slot> {
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
      const local = this.local;
      const jitter = local.perChatJitterMs ? this.time.random() * local.perChatJitterMs : 0;
      const gap = local.perChatGapMs + jitter;
      // Without a usable shared budget nothing is awaited between the check above and the slot below.
      const shared = this.sharedUsable() ? await this.takeShared(item, gap) : undefined;
      if (shared === 'wait') continue;
      this.lastChat = item.chatKey;
      this.lastAny = this.time.now();
      const slot: Slot = { t: Number.POSITIVE_INFINITY, gap, shared };
      this.lastSend.set(item.chatKey, slot);
      if (item.isGroup) this.groupWindow.get(item.chatKey)!.push(slot);
      this.globalWindow.push(slot);
      return slot;
    }
  }

  /**
   * A slot in the account's shared windows, or 'wait' (after sleeping what they ask when full, or at
   * once when they cannot be reached: the local share applies from then on).
   */
  private sharedUsable(): boolean {
    return this.limits.shared !== undefined && (this.sharedDownUntil === undefined || this.time.now() >= this.sharedDownUntil);
  }

  private async takeShared(item: T, gapMs: number): Promise<SharedSlot | 'wait'> {
    const { global, perGroupPerMinute, groupWindowMs } = this.limits;
    const shared = this.limits.shared!;
    try {
      const answer = await shared.take({ chatKey: item.chatKey, isGroup: item.isGroup, gapMs, accountMax: global.max, accountWindowMs: global.windowMs, groupMax: perGroupPerMinute, groupWindowMs: groupWindowMs ?? 60_000 });
      if (this.sharedDownUntil !== undefined) shared.log.info('the shared sending budget is reachable again; this process sends within it');
      this.sharedDownUntil = undefined;
      if ('slot' in answer) return answer.slot;
      await this.time.sleep(answer.waitMs);
      return 'wait';
    } catch (error) {
      if (this.sharedDownUntil === undefined) shared.log.warn('the shared sending budget (Redis) cannot be reached; this process keeps to its local share until it can', { share: shared.localShare, error: String(error) });
      this.sharedDownUntil = this.time.now() + SHARED_RETRY_MS;
      return 'wait';
    }
  }
}

/** A message's `beforeSend` as the `prepare` of its first part: when it throws, the later parts are not sent either. */
export function preparation(beforeSend: (() => Promise<void>) | undefined, message: { failed: boolean }): (() => Promise<void>) | undefined {
  if (!beforeSend) return undefined;
  return async () => {
    try {
      await beforeSend();
    } catch (error) {
      message.failed = true;
      throw error;
    }
  };
}

/** How long until a full window has room: the oldest finished send leaves it (or, with every send under way, look again soon). */
function untilRoom(window: Slot[], windowMs: number, now: number): number {
  const finished = window.filter((s) => Number.isFinite(s.t));
  return finished.length ? Math.min(...finished.map((s) => s.t)) + windowMs - now : IN_FLIGHT_POLL_MS;
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
