import { GrammyError, HttpError, InputFile, type Api } from 'grammy';
import { DeliveryError, type PlatformSender } from '../../core/delivery.ts';
import type { OutboundMessage } from '../../core/message.ts';
import type { Outbox } from '../../core/ports.ts';
import type { Logger } from '../../logger.ts';
import { PacedSender, preparation, type PaceLimits, type PacedItem } from '../shared/paced-sender.ts';
import { encodeForTelegram, type TelegramSend } from './encode.ts';

/** Telegram's documented limits: about 1 message/s per chat, 20/min per group, 30/s overall. */
export const TELEGRAM_LIMITS: PaceLimits = { perChatGapMs: 1000, perGroupPerMinute: 20, global: { max: 30, windowMs: 1000 } };

interface Item extends PacedItem {
  send: TelegramSend;
  /** Shared by the parts of one message: once a part failed, the later parts are not sent. */
  message: { failed: boolean };
}

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

  constructor(
    api: Api,
    private readonly log: Logger,
    limits: PaceLimits = TELEGRAM_LIMITS,
  ) {
    this.sender = new PacedSender<Item, string>(
      async ({ send, message }) => {
        if (message.failed) throw new DeliveryError('an earlier part failed', 'retry');
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
    const parts = encodeForTelegram(message).map((send, i) => this.sender.submit({ chatKey: send.chatId, isGroup, send, prepare: i === 0 ? prepare : undefined, message: state }));
    const results = await Promise.allSettled(parts);
    const ids = results.filter((r) => r.status === 'fulfilled').map((r) => r.value);
    const failed = results.find((r) => r.status === 'rejected');
    if (failed) throw classifyTelegramError(failed.reason, ids.length);
    return ids;
  }

  /** Sends without a delivery log (returns once queued; a failure is logged). */
  async send(message: OutboundMessage): Promise<void> {
    this.deliver(message).catch((error: unknown) => this.log.error('message could not be delivered', { chat: message.chat.id, error }));
  }

  /** Waits until everything queued has been sent (shutdown, tests). */
  drain(): Promise<void> {
    return this.sender.drain();
  }
}
