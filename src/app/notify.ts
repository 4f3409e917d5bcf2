import type { OutboundMessage } from '../core/message.ts';
import { regionChain } from './actor.ts';
import type { App } from './app.ts';
import type { Db } from '../db/client.ts';

/**
 * Sends a private message to a person on one of their bound accounts, preferring `platform`.
 * Returns false when the person has no account the bot can reach. With `onlyIfOpened`, a Telegram
 * user who never wrote to the bot is not tried (Telegram would refuse with 403) and false tells the
 * caller to offer the 打开私聊 button instead; otherwise the refusal is logged as the delivery's reason.
 */
export async function sendToPerson(app: App, personId: number, platform: string | undefined, text: string, extra: Partial<OutboundMessage> = {}, options: { onlyIfOpened?: boolean } = {}): Promise<boolean> {
  const identities = await app.db.identity.findMany({ where: { personId }, orderBy: { boundAt: 'desc' } });
  const target = identities.find((i) => i.platform === platform) ?? identities[0];
  if (!target) {
    app.log.warn('person has no chat account to notify', { personId });
    return false;
  }
  // Telegram refuses (403) a private message to someone who never wrote to the bot.
  if (options.onlyIfOpened && app.platforms.privateOptIn.has(target.platform) && !(await hasWrittenPrivately(app.db, target.platform, target.platformUserId))) {
    app.log.info('person has not opened a private chat with the bot', { personId, platform: target.platform });
    return false;
  }
  await app.outbox.send({
    ...extra,
    chat: { platform: target.platform as OutboundMessage['chat']['platform'], id: target.platformUserId, kind: 'private', title: target.displayName },
    text,
  });
  return true;
}

/**
 * Tells every admin, preferring an account outside `avoid` (e.g. WeChat itself is down); with
 * `elsewhereOnly`, admins reachable only there are skipped (a notice that WeChat is offline cannot
 * travel over WeChat).
 */
export async function notifyAdmins(app: App, text: string, options: { avoid?: string; elsewhereOnly?: boolean } = {}): Promise<number> {
  const avoidPlatform = options.avoid;
  const admins = await app.db.roleGrant.findMany({ where: { role: 'ADMIN' }, select: { personId: true }, distinct: ['personId'] });
  let reached = 0;
  for (const { personId } of admins) {
    const identities = await app.db.identity.findMany({ where: { personId }, orderBy: { boundAt: 'desc' } });
    const target = identities.find((i) => i.platform !== avoidPlatform) ?? (options.elsewhereOnly ? undefined : identities[0]);
    if (target && (await sendToPerson(app, personId, target.platform, text))) reached++;
  }
  return reached;
}

/** The county contacts above a class (person ids): of its project's county or any region above it. */
export async function countyContactsOf(app: App, classId: number): Promise<number[]> {
  const cls = await app.db.trainingClass.findUniqueOrThrow({ where: { id: classId }, select: { project: { select: { regionId: true } } } });
  const regions = await regionChain(app.db, cls.project.regionId);
  const grants = await app.db.roleGrant.findMany({ where: { role: 'COUNTY_CONTACT', regionId: { in: regions } }, select: { personId: true }, distinct: ['personId'] });
  return grants.map((g) => g.personId);
}

/** The tutors of a class (person ids). */
export async function tutorsOf(app: App, classId: number): Promise<number[]> {
  const grants = await app.db.roleGrant.findMany({ where: { role: 'TUTOR', classId }, select: { personId: true } });
  return [...new Set(grants.map((g) => g.personId))];
}

/** True when the user has ever written to the bot in a private chat on this platform. */
export async function hasWrittenPrivately(db: Db, platform: string, userId: string): Promise<boolean> {
  const found = await db.inboundMessage.findFirst({ where: { platform, chatId: userId, senderId: userId }, select: { id: true } });
  return found !== null;
}

/** Sends a message to every group chat bound to a class (`extra` may depend on the group's platform). */
export async function sendToClassGroups(app: App, classId: number, text: string, extra: Partial<OutboundMessage> | ((platform: string) => Partial<OutboundMessage>) = {}): Promise<number> {
  const chats = await app.db.groupChat.findMany({ where: { classId } });
  for (const c of chats) {
    await app.outbox.send({ ...(typeof extra === 'function' ? extra(c.platform) : extra), chat: { platform: c.platform as OutboundMessage['chat']['platform'], id: c.chatId, kind: 'group', title: c.title }, text });
  }
  return chats.length;
}
