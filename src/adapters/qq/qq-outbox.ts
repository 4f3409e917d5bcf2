import { DeliveryError, type PlatformSender } from '../../core/delivery.ts';
import type { OutboundMessage, UserRef } from '../../core/message.ts';
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

/** Failed group sends in this many different groups within FAILURE_SPAN_MS: the account is refused (风控), not a group. */
const SPAN_CHATS = 2;
const FAILURE_SPAN_MS = 2 * 60_000;
/** How often a group muted for everyone is looked at again, besides NapCat's unmute notice. */
const MUTE_RECHECK_MS = 30_000;

interface MessageState {
  failed: boolean;
  sent: number;
  /** The group a private message answers (it may go as a temporary message through it), and whom it is for. */
  origin?: { group: string; user: UserRef };
  /** The private message goes as a temporary message through the origin group. */
  temporary?: boolean;
}

interface Item extends PacedItem {
  send: QqSend;
  message: MessageState;
}

/**
 * NapCat answers every failed action with retcode 1200; only its wording tells a send QQ did not
 * confirm in time ("Timeout: NTEvent … sendMsg": it may well have arrived) from one QQ refused.
 */
export function isLateConfirmation(error: unknown): boolean {
  return error instanceof OneBotActionError && /^\s*timeout\b|超时/i.test(error.wording);
}

export interface QqOutboxOptions {
  limits?: PaceLimits;
  time?: SenderTime;
  backoff?: { firstMs: number; maxMs: number };
  /** Told when a risk-control hold begins (once per episode) and when sending works again. */
  onHold?: (state: 'held' | 'resumed', holdMs: number) => void;
  /** The short @-reply in the group for someone a private answer cannot reach (no friend, no temporary message). */
  unreachableText?: () => string;
  muteRecheckMs?: number;
}

/**
 * The outbound side of the QQ adapter: OneBot sends, paced (per group with jitter, per account),
 * with real `at` mentions. A failure is judged by what was sent and NapCat's wording, since the
 * retcode is always 1200: a send QQ confirmed too late may have arrived (UNCERTAIN, never resent by
 * itself); a private answer to someone who is not the account's friend goes as a temporary message
 * through the group it was asked in, else a short @-reply there says so (then FAILED); a group muted
 * for everyone holds only itself until it is unmuted; other failures are retried and counted — unless
 * groups fail together, which is QQ's risk control (风控) refusing the account: then the whole account
 * is held back for a doubling while and the refused message goes back to the log uncounted.
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
  /** Groups muted for everyone, with when to look again. */
  private readonly muted = new Map<string, number>();
  private recentFailures: { chat: string; at: number }[] = [];
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
    const origin = message.chat.kind === 'private' && message.origin?.platform === 'qq' && message.origin.kind === 'group' ? { group: message.origin.id, user: { id: message.chat.id, name: message.chat.title ?? message.chat.id } } : undefined;
    const state: MessageState = { failed: false, sent: 0, origin };
    const seq = ++this.submitted;
    const chatKey = message.chat.id;
    // Messages queued behind one that risk control refused go back to the log untried, so that
    // once the hold ends they leave in their original order, after it.
    const prepare = preparation(async () => {
      if (seq <= (this.requeueUpTo.get(chatKey) ?? 0)) throw new DeliveryError('held back by QQ risk control', 'retry', { throttled: true, retryAfterMs: this.holdLeft() });
      if (message.chat.kind === 'group' && (await this.stillMuted(chatKey))) throw this.mutedError();
      await beforeSend?.();
    }, state);
    const parts = encodeForQq(message).map((send, i) => this.sender.submit({ chatKey: send.chatId, isGroup: send.isGroup, send, message: state, prepare: i === 0 ? prepare : undefined }));
    if (parts.length === 0 && prepare) await prepare();
    const results = await Promise.allSettled(parts);
    const failed = results.find((r) => r.status === 'rejected');
    if (failed) throw failed.reason instanceof DeliveryError ? failed.reason : new DeliveryError(String(failed.reason), 'uncertain');
    return results.map((r) => (r.status === 'fulfilled' ? r.value : '')).filter(Boolean);
  }

  /** False while disconnected, while the account is offline, or during a risk-control hold (this process's or, shared, another's). */
  ready(): boolean {
    return this.client.connected && this.online && this.time.now() >= Math.max(this.heldUntil, this.options.limits?.shared?.heldUntil ?? 0);
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

  /** Marks a group muted for everyone (NapCat's group_ban notice with user 0) or unmuted. */
  setMuted(group: string, on: boolean): void {
    if (on) this.muted.set(group, this.time.now() + this.muteRecheckMs);
    else this.muted.delete(group);
    this.log.info(on ? 'a QQ group is muted; its messages wait' : 'a QQ group is unmuted', { group });
  }

  isMuted(group: string): boolean {
    return this.muted.has(group);
  }

  private get muteRecheckMs(): number {
    return this.options.muteRecheckMs ?? MUTE_RECHECK_MS;
  }

  private mutedError(): DeliveryError {
    return new DeliveryError('the QQ group is muted for everyone', 'retry', { throttled: true, retryAfterMs: this.muteRecheckMs });
  }

  /** True while a group known to be muted still is (asked again every little while, in case the unmute notice was missed). */
  private async stillMuted(group: string): Promise<boolean> {
    const recheckAt = this.muted.get(group);
    if (recheckAt === undefined) return false;
    if (this.time.now() < recheckAt) return true;
    const shut = await this.groupShut(group);
    this.setMuted(group, shut !== false);
    return shut !== false;
  }

  /** NapCat's `group_all_shut` (-1 muted for everyone, 0 not); undefined when it cannot say. */
  private async groupShut(group: string): Promise<boolean | undefined> {
    const info = await this.client.call<{ group_all_shut?: number }>('get_group_info', { group_id: Number(group), no_cache: true }, 5000).catch(() => undefined);
    return info?.group_all_shut === undefined ? undefined : info.group_all_shut !== 0;
  }

  private async sendPart(item: Item): Promise<string> {
    if (item.message.failed) throw new DeliveryError('an earlier part failed', 'retry');
    const { send, message } = item;
    for (let tries = 1; ; tries++) {
      try {
        const target = send.isGroup ? { group_id: Number(send.chatId) } : { user_id: Number(send.chatId), ...(message.temporary ? { group_id: Number(message.origin!.group) } : {}) };
        const data = await this.client.call<{ message_id?: number | string }>(send.isGroup ? 'send_group_msg' : 'send_private_msg', { ...target, message: send.segments });
        message.sent++;
        if (send.isGroup) this.resume();
        const id = data?.message_id === undefined ? '' : String(data.message_id);
        if (id) this.remember(id);
        return id;
      } catch (error) {
        if (!(error instanceof OneBotActionError) || isLateConfirmation(error) || error.retcode === 1400 || error.retcode === 1404) {
          if (send.isGroup && isLateConfirmation(error)) this.accountFailing(send.chatId);
          message.failed = true;
          throw this.classify(error, message.sent);
        }
        if (!send.isGroup) {
          // Most trainees are not the account's friend: try a temporary message through the group they asked in.
          if (message.origin && !message.temporary) {
            message.temporary = true;
            continue;
          }
          message.failed = true;
          if (message.origin && message.sent === 0) {
            this.tellInGroup(message.origin.group, message.origin.user);
            throw new DeliveryError(`QQ: no private or temporary message reaches this user (told in the group): ${error.message}`, 'permanent');
          }
          throw this.classify(error, message.sent);
        }
        if (message.sent === 0 && (await this.groupShut(send.chatId))) {
          this.setMuted(send.chatId, true);
          message.failed = true;
          throw this.mutedError();
        }
        const risk = this.accountFailing(send.chatId);
        if (risk) {
          this.hold();
          this.requeueUpTo.set(send.chatId, this.submitted);
        }
        // A later part: what went before is out, so the message cannot go back to the queue whole.
        if (risk && message.sent > 0 && tries < IN_PLACE_TRIES) {
          await this.time.sleep(Math.max(0, this.heldUntil - this.time.now()));
          continue;
        }
        message.failed = true;
        throw risk ? this.certainlyNot(`QQ risk control: ${error.message}`, message.sent, { throttled: true, retryAfterMs: this.holdLeft() }) : this.classify(error, message.sent);
      }
    }
  }

  /** Notes a group send that failed; true when groups are failing together (or the account is held already). */
  private accountFailing(chat: string): boolean {
    const now = this.time.now();
    this.recentFailures = [...this.recentFailures.filter((f) => now - f.at < FAILURE_SPAN_MS && f.chat !== chat), { chat, at: now }];
    return now < this.heldUntil || this.recentFailures.length >= SPAN_CHATS;
  }

  /** The short @-reply in the group for someone the private answer could not reach. */
  private tellInGroup(group: string, user: UserRef): void {
    const text = this.options.unreachableText?.();
    if (!text) return;
    void this.deliver({ chat: { platform: 'qq', id: group, kind: 'group' }, text, mentions: [user] }).catch((error: unknown) => this.log.warn('could not tell the group that a private answer did not arrive', { group, error }));
  }

  private certainlyNot(why: string, sentBefore: number, hold = {}): DeliveryError {
    return sentBefore > 0 ? new DeliveryError(why, 'uncertain') : new DeliveryError(why, 'retry', hold);
  }

  private classify(error: unknown, sentBefore: number): DeliveryError {
    if (isLateConfirmation(error)) return new DeliveryError(`QQ did not confirm the send in time; it may have arrived: ${(error as Error).message}`, 'uncertain');
    if (error instanceof OneBotActionError) return error.retcode === 1400 || error.retcode === 1404 ? new DeliveryError(error.message, 'permanent') : this.certainlyNot(error.message, sentBefore);
    if (error instanceof OneBotConnectionError) return error.sent ? new DeliveryError(error.message, 'uncertain') : this.certainlyNot(error.message, sentBefore);
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
    const shared = this.options.limits?.shared;
    if (!shared) {
      if (!this.holding) this.options.onHold?.('held', holdMs);
      this.holding = true;
      return;
    }
    // Every process sending for the account keeps the hold; the admins hear of it from the one that began it.
    const tell = (began: boolean) => {
      if (!began || this.holding) return;
      this.holding = true;
      this.options.onHold?.('held', holdMs);
    };
    shared.hold(holdMs).then(tell, () => tell(true));
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
