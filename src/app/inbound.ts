import type { InboundMessage } from '../core/message.ts';
import type { Db } from '../db/client.ts';

/** True when the user has ever written to the bot in a private chat on this platform. */
export async function hasWrittenPrivately(db: Db, platform: string, userId: string): Promise<boolean> {
  const found = await db.inboundMessage.findFirst({ where: { platform, chatId: userId, senderId: userId }, select: { id: true } });
  return found !== null;
}

/**
 * Stores a message before anything else happens to it; false when this chat already has a message
 * with this id (the platform delivered it again), in which case the caller must do nothing more.
 */
export async function recordInbound(db: Db, m: InboundMessage): Promise<boolean> {
  const result = await db.inboundMessage.createMany({
    data: [
      {
        platform: m.chat.platform,
        chatId: m.chat.id,
        messageId: m.messageId,
        senderId: m.sender.id,
        senderName: m.sender.name,
        text: m.text,
        payload: { chatKind: m.chat.kind, chatTitle: m.chat.title ?? null, mentions: m.mentions, attachments: m.attachments } as object,
        sentAt: m.sentAt,
      },
    ],
    skipDuplicates: true,
  });
  return result.count === 1;
}
