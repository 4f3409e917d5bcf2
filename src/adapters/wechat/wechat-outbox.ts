import type { WechatyInterface } from 'wechaty/impls';
import type { OutboundMessage } from '../../core/message.ts';
import type { Outbox } from '../../core/ports.ts';
import type { Logger } from '../../logger.ts';
import { PacedSender, realTime, splitText, type PaceLimits, type PacedItem, type SenderTime } from '../shared/paced-sender.ts';

/** Around 1 message per second per room, a few dozen per minute overall, small random gaps between rooms. */
export const WECHAT_LIMITS: PaceLimits = { perChatGapMs: 1000, perGroupPerMinute: 20, global: { max: 40, windowMs: 60_000 }, switchGapMs: [300, 1500] };
export const WECHAT_TEXT_LIMIT = 1500;

interface Item extends PacedItem {
  chatId: string;
  text: string;
  mentionIds: string[];
}

/**
 * The outbound side of the WeChat adapter: paced so the account is not banned for flooding, split
 * into readable parts, with real @mentions of the trainees concerned (on the first part).
 */
export class WechatOutbox implements Outbox {
  private readonly sender: PacedSender<Item>;

  constructor(wechaty: WechatyInterface, log: Logger, limits: PaceLimits = WECHAT_LIMITS, time: SenderTime = realTime) {
    this.sender = new PacedSender<Item>(
      async (item) => {
        if (item.isGroup) {
          const room = await wechaty.Room.find({ id: item.chatId });
          if (!room) throw new Error(`room ${item.chatId} not found`);
          const contacts = (await Promise.all(item.mentionIds.map((id) => wechaty.Contact.find({ id })))).filter((c) => c !== undefined);
          await room.say(item.text, ...contacts);
        } else {
          const contact = await wechaty.Contact.find({ id: item.chatId });
          if (!contact) throw new Error(`contact ${item.chatId} not found`);
          await contact.say(item.text);
        }
      },
      limits,
      log.child({ part: 'wechat-outbox' }),
      time,
    );
  }

  async send(message: OutboundMessage): Promise<void> {
    const isGroup = message.chat.kind === 'group';
    splitText(message.text, WECHAT_TEXT_LIMIT).forEach((text, i) => {
      this.sender.enqueue({ chatKey: message.chat.id, chatId: message.chat.id, isGroup, text, mentionIds: i === 0 && isGroup ? (message.mentions ?? []).map((m) => m.id) : [] });
    });
  }

  pending(): number {
    return this.sender.pending();
  }

  drain(): Promise<void> {
    return this.sender.drain();
  }
}
