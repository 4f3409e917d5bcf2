import type { Api } from 'grammy';
import type { OutboundMessage } from '../../core/message.ts';
import type { Outbox } from '../../core/ports.ts';
import type { Logger } from '../../logger.ts';
import { PacedSender, type PaceLimits, type PacedItem } from '../shared/paced-sender.ts';
import { encodeForTelegram, type TelegramSend } from './encode.ts';

/** Telegram's documented limits: about 1 message/s per chat, 20/min per group, 30/s overall. */
export const TELEGRAM_LIMITS: PaceLimits = { perChatGapMs: 1000, perGroupPerMinute: 20, global: { max: 30, windowMs: 1000 } };

interface Item extends PacedItem {
  send: TelegramSend;
}

/**
 * The outbound side of the Telegram adapter: encodes core messages, queues them per chat at
 * Telegram's pace and sends them through grammY (whose auto-retry transformer waits out a 429's
 * retry_after and retries network and 5xx errors). `send` returns once the message is queued.
 */
export class TelegramOutbox implements Outbox {
  private readonly sender: PacedSender<Item>;

  constructor(api: Api, log: Logger, limits: PaceLimits = TELEGRAM_LIMITS) {
    this.sender = new PacedSender<Item>(
      async ({ send }) => {
        await api.sendMessage(send.chatId, send.text, { parse_mode: send.parseMode, ...(send.replyMarkup ? { reply_markup: send.replyMarkup } : {}) });
      },
      limits,
      log.child({ part: 'telegram-outbox' }),
    );
  }

  async send(message: OutboundMessage): Promise<void> {
    for (const send of encodeForTelegram(message)) {
      this.sender.enqueue({ chatKey: send.chatId, isGroup: message.chat.kind === 'group', send });
    }
  }

  /** Waits until everything queued has been sent (shutdown, tests). */
  drain(): Promise<void> {
    return this.sender.drain();
  }
}
