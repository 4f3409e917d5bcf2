import { DeliveryError, type PlatformSender } from '../../core/delivery.ts';
import type { OutboundMessage } from '../../core/message.ts';
import type { Outbox } from '../../core/ports.ts';
import type { Logger } from '../../logger.ts';
import { PacedSender, preparation, realTime, type PaceLimits, type PacedItem, type SenderTime } from '../shared/paced-sender.ts';
import { encodeForQq, type QqSend } from './encode.ts';
import { OneBotActionError, OneBotConnectionError, type OneBotClient } from './onebot-client.ts';

/**
 * NapCat does not rate-limit for us. What QQ users report as safe: at most one message every 1–2 s
 * per group, with jitter, and about 20 a minute per account.
 */
export const QQ_LIMITS: PaceLimits = { perChatGapMs: 1200, perChatJitterMs: 800, perGroupPerMinute: 15, global: { max: 20, windowMs: 60_000 }, switchGapMs: [300, 1500] };

/** How long the account is held back after QQ's risk control (风控) refused a send: first, doubling up to max. */
export const QQ_RISK_BACKOFF = { firstMs: 60_000, maxMs: 30 * 60_000 };

/** A later part of a message waits out a hold in place this many times before the message is uncertain. */
const IN_PLACE_TRIES = 5;
/** The bot's own message ids remembered, so a reply to one addresses the bot. */
const OWN_IDS = 5000;

interface Item extends PacedItem {
  send: QqSend;
  message: { failed: boolean; sent: number };
}

/** QQ's risk control: NapCat reports the refused send as retcode 1200 ("Timeout: NTEvent … sendMsg"). */
export function isRiskControl(error: unknown): boolean {
  return error instanceof OneBotActionError && error.retcode === 1200 && /timeout|超时|风控|频繁|risk/i.test(error.message);
}

export interface QqOutboxOptions {
  limits?: PaceLimits;
  time?: SenderTime;
  backoff?: { firstMs: number; maxMs: number };
  /** Told when a risk-control hold begins (once per episode) and when sending works again. */
  onHold?: (state: 'held' | 'resumed', holdMs: number) => void;
}

/**
 * The outbound side of the QQ adapter: OneBot sends, paced (per group with jitter, per account),
 * with real `at` mentions. When QQ's risk control refuses a send the whole account is held back —
 * nothing queued is tried and the delivery queue claims nothing for QQ — for a doubling while; the
 * refused message goes back to the delivery log uncounted, so it is neither lost nor sent twice.
 */
export class QqOutbox implements Outbox, PlatformSender {
  private readonly sender: PacedSender<Item, string>;
  private readonly time: SenderTime;
  private readonly backoff: { firstMs: number; maxMs: number };
  private heldUntil = 0;
  private nextHoldMs: number;
  private holding = false;
  private readonly own = new Set<string>();
  private submitted = 0;
  private readonly requeueUpTo = new Map<string, number>();
  /** False while the implementation reports the QQ account offline (heartbeat status). */
  online = true;

  constructor(
    private readonly client: OneBotClient,
    private readonly log: Logger,
    private readonly options: QqOutboxOptions = {},
  ) {
    this.time = options.time ?? realTime;
    this.backoff = options.backoff ?? QQ_RISK_BACKOFF;
    this.nextHoldMs = this.backoff.firstMs;
    const limits = options.limits ?? QQ_LIMITS;
    const quietFor = (now: number) => Math.max(limits.quietFor?.(now) ?? 0, this.heldUntil - now);
    this.sender = new PacedSender<Item, string>((item) => this.sendPart(item), { ...limits, quietFor }, log.child({ part: 'qq-outbox' }), this.time);
  }

  /** Sends one message (text parts, then attachments) and returns the QQ message ids. */
  async deliver(message: OutboundMessage, beforeSend?: () => Promise<void>): Promise<string[]> {
    const state = { failed: false, sent: 0 };
    const seq = ++this.submitted;
    const chatKey = message.chat.id;
    // Messages queued behind one that risk control refused go back to the log untried, so that
    // once the hold ends they leave in their original order, after it.
    const prepare = preparation(async () => {
      if (seq <= (this.requeueUpTo.get(chatKey) ?? 0)) throw new DeliveryError('held back by QQ risk control', 'retry', { throttled: true, retryAfterMs: this.holdLeft() });
      await beforeSend?.();
    }, state);
    const parts = encodeForQq(message).map((send, i) => this.sender.submit({ chatKey: send.chatId, isGroup: send.isGroup, send, message: state, prepare: i === 0 ? prepare : undefined }));
    if (parts.length === 0 && prepare) await prepare();
    const results = await Promise.allSettled(parts);
    const failed = results.find((r) => r.status === 'rejected');
    if (failed) throw failed.reason instanceof DeliveryError ? failed.reason : new DeliveryError(String(failed.reason), 'uncertain');
    return results.map((r) => (r.status === 'fulfilled' ? r.value : '')).filter(Boolean);
  }

  /** False while disconnected, while the account is offline, or during a risk-control hold. */
  ready(): boolean {
    return this.client.connected && this.online && this.time.now() >= this.heldUntil;
  }

  /** True for a message id the bot sent (in this process's memory). */
  isOwn(messageId: string): boolean {
    return this.own.has(messageId);
  }

  /** Sends without a delivery log (returns once queued; a failure is logged). */
  async send(message: OutboundMessage): Promise<void> {
    this.deliver(message).catch((error: unknown) => this.log.error('message could not be delivered', { chat: message.chat.id, error }));
  }

  pending(): number {
    return this.sender.pending();
  }

  drain(): Promise<void> {
    return this.sender.drain();
  }

  private async sendPart(item: Item): Promise<string> {
    if (item.message.failed) throw new DeliveryError('an earlier part failed', 'retry');
    const { send } = item;
    for (let tries = 1; ; tries++) {
      try {
        const target = send.isGroup ? { group_id: Number(send.chatId) } : { user_id: Number(send.chatId) };
        const data = await this.client.call<{ message_id?: number | string }>(send.isGroup ? 'send_group_msg' : 'send_private_msg', { ...target, message: send.segments });
        item.message.sent++;
        this.resume();
        const id = data?.message_id === undefined ? '' : String(data.message_id);
        if (id) this.remember(id);
        return id;
      } catch (error) {
        const risk = isRiskControl(error);
        if (risk) {
          this.hold();
          this.requeueUpTo.set(send.chatId, this.submitted);
        }
        // A later part: what went before is out, so the message cannot go back to the queue whole.
        if (risk && item.message.sent > 0 && tries < IN_PLACE_TRIES) {
          await this.time.sleep(Math.max(0, this.heldUntil - this.time.now()));
          continue;
        }
        item.message.failed = true;
        throw this.classify(error, item.message.sent);
      }
    }
  }

  private classify(error: unknown, sentBefore: number): DeliveryError {
    const certainlyNot = (why: string, hold = {}) => (sentBefore > 0 ? new DeliveryError(why, 'uncertain') : new DeliveryError(why, 'retry', hold));
    if (isRiskControl(error)) return certainlyNot(`QQ risk control: ${(error as Error).message}`, { throttled: true, retryAfterMs: this.holdLeft() });
    if (error instanceof OneBotActionError) return error.retcode === 1400 || error.retcode === 1404 ? new DeliveryError(error.message, 'permanent') : certainlyNot(error.message);
    if (error instanceof OneBotConnectionError) return error.sent ? new DeliveryError(error.message, 'uncertain') : certainlyNot(error.message);
    return error instanceof DeliveryError ? error : new DeliveryError(String(error), 'uncertain');
  }

  private holdLeft(): number {
    return Math.max(100, this.heldUntil - this.time.now());
  }

  private hold(): void {
    // Sends under way when the hold began fail too: one refusal episode, one doubling.
    if (this.time.now() < this.heldUntil) return;
    const holdMs = this.nextHoldMs;
    this.heldUntil = this.time.now() + holdMs;
    this.nextHoldMs = Math.min(holdMs * 2, this.backoff.maxMs);
    this.log.warn('QQ risk control refused a send; holding the account back', { holdMs });
    if (!this.holding) this.options.onHold?.('held', holdMs);
    this.holding = true;
  }

  private resume(): void {
    this.nextHoldMs = this.backoff.firstMs;
    if (!this.holding) return;
    this.holding = false;
    this.options.onHold?.('resumed', 0);
  }

  private remember(id: string): void {
    this.own.add(id);
    if (this.own.size > OWN_IDS) this.own.delete(this.own.values().next().value!);
  }
}
