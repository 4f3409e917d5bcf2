import { FileBox, type FileBoxInterface } from 'file-box';
import type { WechatyInterface } from 'wechaty/impls';
import { DeliveryError, type PlatformSender } from '../../core/delivery.ts';
import type { OutboundMessage } from '../../core/message.ts';
import type { Outbox } from '../../core/ports.ts';
import type { Logger } from '../../logger.ts';
import { PacedSender, preparation, realTime, splitText, type PaceLimits, type PacedItem, type SenderTime } from '../shared/paced-sender.ts';

/** Around 1 message per second per room, a few dozen per minute overall, small random gaps between rooms. */
export const WECHAT_LIMITS: PaceLimits = { perChatGapMs: 1000, perGroupPerMinute: 20, global: { max: 40, windowMs: 60_000 }, switchGapMs: [300, 1500] };
export const WECHAT_TEXT_LIMIT = 1500;

interface Item extends PacedItem {
  chatId: string;
  text: string;
  mentionIds: string[];
  /** A file to send instead of text: a received message's id (its file) or a URL. */
  file?: { messageId?: string; url?: string; localPath?: string; name?: string };
  /** Shared by the parts of one message: once a part failed, the later parts are not sent. */
  message: { failed: boolean };
}

/** A room or contact the account no longer sees: sending again will not help. */
class GoneError extends DeliveryError {
  constructor(what: string) {
    super(`${what} not found`, 'permanent');
  }
}

/**
 * The outbound side of the WeChat adapter: paced so the account is not banned for flooding, split
 * into readable parts, with real @mentions of the trainees concerned (on the first part).
 */
export class WechatOutbox implements Outbox, PlatformSender {
  private readonly sender: PacedSender<Item, string>;

  constructor(
    private readonly wechaty: WechatyInterface,
    private readonly log: Logger,
    limits: PaceLimits = WECHAT_LIMITS,
    time: SenderTime = realTime,
  ) {
    this.sender = new PacedSender<Item, string>(
      async (item) => {
        if (item.message.failed) throw new DeliveryError('an earlier part failed', 'retry');
        try {
          const file = item.file && (await this.fileBox(item.file));
          if (item.isGroup) {
            const room = await wechaty.Room.find({ id: item.chatId });
            if (!room) throw new GoneError(`room ${item.chatId}`);
            if (file) return (await room.say(file))?.id ?? '';
            const contacts = (await Promise.all(item.mentionIds.map((id) => wechaty.Contact.find({ id })))).filter((c) => c !== undefined);
            return (await room.say(item.text, ...contacts))?.id ?? '';
          }
          const contact = await wechaty.Contact.find({ id: item.chatId });
          if (!contact) throw new GoneError(`contact ${item.chatId}`);
          return (await (file ? contact.say(file) : contact.say(item.text)))?.id ?? '';
        } catch (error) {
          item.message.failed = true;
          throw error;
        }
      },
      limits,
      log.child({ part: 'wechat-outbox' }),
      time,
    );
  }

  /** Sends in parts of at most WECHAT_TEXT_LIMIT characters; a puppet error after the call started may have reached WeChat. */
  async deliver(message: OutboundMessage, beforeSend?: () => Promise<void>): Promise<string[]> {
    const isGroup = message.chat.kind === 'group';
    const state = { failed: false };
    const prepare = preparation(beforeSend, state);
    const chat = { chatKey: message.chat.id, chatId: message.chat.id, isGroup, message: state };
    const texts = splitText(message.text, WECHAT_TEXT_LIMIT).map((text, i) =>
      this.sender.submit({ ...chat, text, mentionIds: i === 0 && isGroup ? (message.mentions ?? []).map((m) => m.id) : [], prepare: i === 0 ? prepare : undefined }),
    );
    const files = (message.attachments ?? [])
      .filter((a) => a.platformFileId || a.url || a.localPath)
      .map((a) => this.sender.submit({ ...chat, text: '', mentionIds: [], file: { messageId: a.platformFileId, url: a.url, localPath: a.localPath, name: a.name } }));
    const parts = [...texts, ...files];
    const results = await Promise.allSettled(parts);
    const failed = results.find((r) => r.status === 'rejected');
    if (failed) throw failed.reason instanceof DeliveryError ? failed.reason : new DeliveryError(String(failed.reason), 'uncertain');
    return results.map((r) => (r.status === 'fulfilled' ? r.value : '')).filter(Boolean);
  }

  /** The file of a message the account received (still known to the puppet), or one at a URL. */
  private async fileBox(file: NonNullable<Item['file']>): Promise<FileBoxInterface> {
    if (file.messageId) {
      const received = await this.wechaty.Message.find({ id: file.messageId });
      if (!received) throw new GoneError(`the file of message ${file.messageId}`);
      return received.toFileBox();
    }
    if (file.localPath) return FileBox.fromFile(file.localPath, file.name);
    return FileBox.fromUrl(file.url!, { name: file.name });
  }

  ready(): boolean {
    return this.wechaty.isLoggedIn;
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
}
