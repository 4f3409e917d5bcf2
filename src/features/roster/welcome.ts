import type { ChatRef, UserRef } from '../../core/message.ts';
import { loadChatBinding } from '../../app/actor.ts';
import type { App } from '../../app/app.ts';

/**
 * Greets people who joined a bound group and are not bound yet, in one message, telling them how to
 * bind. Groups not bound to anything get no greeting (the bot may be there for other reasons).
 */
export async function welcomeNewMembers(app: App, chat: ChatRef, members: UserRef[]): Promise<void> {
  const binding = await loadChatBinding(app.db, chat);
  if (!binding || members.length === 0) return;
  const bound = await app.db.identity.findMany({ where: { platform: chat.platform, platformUserId: { in: members.map((m) => m.id) } }, select: { platformUserId: true } });
  const boundIds = new Set(bound.map((b) => b.platformUserId));
  const newcomers = members.filter((m) => !boundIds.has(m.id));
  if (newcomers.length === 0) return;
  const place = binding.className ?? chat.title ?? '';
  await app.outbox.send({ chat, text: app.t('group.welcome', { place }), mentions: newcomers });
}
