import { GrammyError, HttpError, InputFile, type Api } from 'grammy';
import { DeliveryError, type PlatformSender } from '../../core/delivery.ts';
import type { OutboundMessage } from '../../core/message.ts';
import type { Outbox } from '../../core/ports.ts';
import type { LiveMessageStore } from '../../app/live-messages.ts';
import type { Logger } from '../../logger.ts';
import { PacedSender, preparation, type PaceLimits, type PacedItem } from '../shared/paced-sender.ts';
import { encodeForTelegram, type TelegramSend } from './encode.ts';

/** Telegram's documented limits: about 1 message/s per chat, 20/min per group, 30/s overall. */
export const TELEGRAM_LIMITS: PaceLimits = { perChatGapMs: 1000, perGroupPerMinute: 20, global: { max: 30, windowMs: 1000 } };

interface Item extends PacedItem {
  send: TelegramSend;
  /** Shared by the parts of one message: once a part failed, the later parts are not sent. */
  message: { failed: boolean };
  /** A one-part live message: it edits the chat's earlier message with the same key. */
  live?: { key: string; final?: boolean; replaces?: string };
  /** How often this version of a live message failed to be edited in. */
  attempt?: number;
}

/** A failed edit of a live message waits this long before it is tried again, doubling up to a minute. */
export const LIVE_RETRY_FIRST_MS = 1000;
const LIVE_RETRY_MAX_MS = 60_000;

/** A live message as Telegram shows it now. */
interface LiveMessage {
  messageId: number;
  /** Its text and buttons: an edit to the same is refused by Telegram (400 "message is not modified"), so none is sent. */
  content: string;
}

/** Live messages remembered per process; the oldest are forgotten beyond this (their next version is sent anew). */
const LIVE_MEMORY = 5000;

/** Network failures that prove the request never reached Telegram. */
const NOT_CONNECTED = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH']);

function errorCode(error: unknown): string | undefined {
  for (let e = error; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return code;
  }
  return undefined;
}

/** What a failed Bot API call means for the delivery log (the auto-retry transformer has already retried 429 and 5xx). */
export function classifyTelegramError(error: unknown, partsAlreadySent: number): DeliveryError {
  if (error instanceof GrammyError) {
    const failure = error.error_code === 400 || error.error_code === 403 ? 'permanent' : partsAlreadySent > 0 ? 'uncertain' : 'retry';
    return new DeliveryError(`${error.error_code} ${error.description}`, failure);
  }
  if (error instanceof HttpError) {
    const code = errorCode(error.error);
    const failure = code && NOT_CONNECTED.has(code) && partsAlreadySent === 0 ? 'retry' : 'uncertain';
    return new DeliveryError(`network: ${code ?? error.message}`, failure);
  }
  return error instanceof DeliveryError ? error : new DeliveryError(String(error), 'uncertain');
}

/**
 * The outbound side of the Telegram adapter: encodes core messages, queues them per chat at
 * Telegram's pace and sends them through grammY (whose auto-retry transformer waits out a 429's
 * retry_after and retries 5xx answers).
 */
export class TelegramOutbox implements Outbox, PlatformSender {
  private readonly sender: PacedSender<Item, string>;
  private readonly live = new Map<string, LiveMessage>();
  /** The newest version submitted per live message: a retry of an older one gives way to it. */
  private readonly latest = new Map<string, Item>();
  private readonly retries = new Set<NodeJS.Timeout>();
  private store: LiveMessageStore | undefined;

  constructor(
    private readonly api: Api,
    private readonly log: Logger,
    limits: PaceLimits = TELEGRAM_LIMITS,
  ) {
    this.sender = new PacedSender<Item, string>(
      async (item) => {
        const { send, message, live } = item;
        if (message.failed) throw new DeliveryError('an earlier part failed', 'retry');
        if (live) return this.sendLive(item, live);
        try {
          const sent = send.file
            ? await api[send.file.method](send.chatId, send.file.upload ? new InputFile(send.file.upload.path, send.file.upload.name) : send.file.ref)
            : await api.sendMessage(send.chatId, send.text, { parse_mode: send.parseMode, ...(send.replyMarkup ? { reply_markup: send.replyMarkup } : {}) });
          return String(sent.message_id);
        } catch (error) {
          message.failed = true;
          throw error;
        }
      },
      limits,
      log.child({ part: 'telegram-outbox' }),
    );
  }

  async deliver(message: OutboundMessage, beforeSend?: () => Promise<void>): Promise<string[]> {
    // All parts are queued at once so another message to the same chat cannot land between them.
    const state = { failed: false };
    const isGroup = message.chat.kind === 'group';
    const prepare = preparation(beforeSend, state);
    const sends = encodeForTelegram(message);
    const live = sends.length === 1 ? message.live : undefined;
    const parts = sends.map((send, i) => {
      const item: Item = { chatKey: send.chatId, isGroup, send, prepare: i === 0 ? prepare : undefined, message: state, live };
      if (live) this.latest.set(liveKey(send, live), item);
      return this.sender.submit(item);
    });
    const results = await Promise.allSettled(parts);
    const ids = results.filter((r) => r.status === 'fulfilled' && r.value !== '').map((r) => (r as PromiseFulfilledResult<string>).value);
    const failed = results.find((r) => r.status === 'rejected');
    if (failed) throw classifyTelegramError(failed.reason, ids.length);
    return ids;
  }

  /** Keeps live messages' ids in `store` too, so a restarted process edits them instead of posting copies. */
  useLiveStore(store: LiveMessageStore): void {
    this.store = store;
  }

  /**
   * Sends a live message, or edits the chat's earlier one with the same key in place; an identical
   * version is not sent at all, and a final version with no earlier message has nothing to finish.
   * Runs in the chat's paced queue, so an edit waits for the send it edits and counts against the limits.
   * An edit lost on the way (a reset connection, Telegram's 5xx) is tried again until it lands or the
   * message is gone; a newer version submitted meanwhile replaces it.
   */
  private async sendLive(item: Item, live: NonNullable<Item['live']>): Promise<string> {
    const { send } = item;
    const key = liveKey(send, live);
    const markup = send.replyMarkup ?? { inline_keyboard: [] };
    const content = JSON.stringify([send.text, markup]);
    const known = this.live.get(key) ?? (await this.stored(send.chatId, live.key)) ?? (live.replaces ? { messageId: Number(live.replaces), content: '' } : undefined);
    const settle = async (messageId: number) => {
      this.live.delete(key);
      this.live.set(key, { messageId, content });
      if (this.live.size > LIVE_MEMORY) this.live.delete(this.live.keys().next().value!);
      await this.remember(send.chatId, live.key, { messageId: String(messageId), content });
      if (this.latest.get(key) === item) this.latest.delete(key);
      return String(messageId);
    };
    if (known?.content === content) return settle(known.messageId);
    if (known) {
      try {
        await this.api.editMessageText(send.chatId, known.messageId, send.text, { parse_mode: send.parseMode, reply_markup: markup });
        return await settle(known.messageId);
      } catch (error) {
        if (error instanceof GrammyError && /not modified/i.test(error.description)) return settle(known.messageId);
        const gone = error instanceof GrammyError && error.error_code === 400 && /not found|can't be edited/i.test(error.description);
        if (!gone && classifyTelegramError(error, 0).failure === 'permanent') throw error;
        if (!gone) return this.retryLive(item, live, error);
        this.live.delete(key);
        await this.forget(send.chatId, live.key);
        this.log.info('a live message can no longer be edited; sending it anew', { chat: send.chatId });
      }
    }
    if (live.final) return '';
    const sent = await this.api.sendMessage(send.chatId, send.text, { parse_mode: send.parseMode, ...(send.replyMarkup ? { reply_markup: send.replyMarkup } : {}) });
    return settle(sent.message_id);
  }

  /** Tries a failed edit again later through the chat's queue, unless a newer version was submitted by then. */
  private retryLive(item: Item, live: NonNullable<Item['live']>, error: unknown): string {
    const attempt = item.attempt ?? 0;
    const delay = Math.min(LIVE_RETRY_FIRST_MS * 2 ** attempt, LIVE_RETRY_MAX_MS);
    this.log.warn('a live message edit failed; trying again', { chat: item.send.chatId, attempt: attempt + 1, delayMs: delay, error });
    const timer = setTimeout(() => {
      this.retries.delete(timer);
      const key = liveKey(item.send, live);
      if (this.latest.get(key) !== item) return;
      const next: Item = { ...item, prepare: undefined, attempt: attempt + 1 };
      this.latest.set(key, next);
      this.sender.submit(next).catch((e: unknown) => this.log.error('a live message could not be edited', { chat: item.send.chatId, error: e }));
    }, delay);
    timer.unref();
    this.retries.add(timer);
    return '';
  }

  private async stored(chatId: string, key: string): Promise<LiveMessage | undefined> {
    try {
      const row = await this.store?.get(chatId, key);
      return row ? { messageId: Number(row.messageId), content: row.content } : undefined;
    } catch (error) {
      this.log.warn('could not read a live message id', { chat: chatId, error });
      return undefined;
    }
  }

  private async remember(chatId: string, key: string, message: { messageId: string; content: string }): Promise<void> {
    await this.store?.put(chatId, key, message).catch((error: unknown) => this.log.warn('could not store a live message id', { chat: chatId, error }));
  }

  private async forget(chatId: string, key: string): Promise<void> {
    await this.store?.forget(chatId, key).catch((error: unknown) => this.log.warn('could not forget a live message id', { chat: chatId, error }));
  }

  /** Sends without a delivery log (returns once queued; a failure is logged). */
  async send(message: OutboundMessage): Promise<void> {
    this.deliver(message).catch((error: unknown) => this.log.error('message could not be delivered', { chat: message.chat.id, error }));
  }

  /** Waits until everything queued has been sent (shutdown, tests). */
  drain(): Promise<void> {
    return this.sender.drain();
  }

  /** Drops the edits waiting to be tried again (shutdown: the next start edits the stored message). */
  stopRetries(): void {
    for (const timer of this.retries) clearTimeout(timer);
    this.retries.clear();
  }
}

function liveKey(send: TelegramSend, live: NonNullable<Item['live']>): string {
  return `${send.chatId}\u0000${live.key}`;
}
