// Readings the bot asked back about (「您是说吴蕾吗？回复『是』确认」), kept in the database so that the
// sender's 是 is understood after a restart and by whichever process receives it.
import type { App } from '../app/app.ts';
import type { InboundMessage } from '../core/message.ts';

/** How long a reading waits for its 是. */
export const READING_MINUTES = 10;

/** The answers that confirm a reading. */
export const YES = /^(?:是|是的|对|对的|确认|没错|嗯是的?|对对|是他|是她|就是)$/;

const key = (message: InboundMessage) => ({ platform: message.chat.platform, chatId: message.chat.id, userId: message.sender.id });

/** Keeps the sender's reading (replacing an earlier one in the same chat). */
export async function keepReading(app: App, message: InboundMessage, reading: { commandId: string; rest: string; verbatim: string }): Promise<void> {
  const expiresAt = new Date(app.clock.now().getTime() + READING_MINUTES * 60_000);
  await app.db.pendingReading.upsert({
    where: { platform_chatId_userId: key(message) },
    create: { ...key(message), ...reading, expiresAt },
    update: { ...reading, expiresAt, createdAt: app.clock.now() },
  });
}

/** The sender's fresh reading in this chat, taken (once, even with two processes answering): or null. */
export async function takeReading(app: App, message: InboundMessage): Promise<{ commandId: string; rest: string; verbatim: string } | null> {
  const found = await app.db.pendingReading.findUnique({ where: { platform_chatId_userId: key(message) } });
  if (!found) return null;
  const { count } = await app.db.pendingReading.deleteMany({ where: { id: found.id } });
  return count === 1 && found.expiresAt > app.clock.now() ? found : null;
}
