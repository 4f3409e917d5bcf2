import type { ChatRef, UserRef } from '../../core/message.ts';
import { audit, type App } from '../../app/app.ts';

// WeChat gives rooms and contacts new ids when the bot logs in again. A bound group or account that
// has not been seen since the current login may reappear under a new id; it is recognised again by
// its title or display name within the bound group, but only when exactly one candidate fits —
// never by guessing between several.

const staleSince = (epoch: Date) => ({ OR: [{ lastSeenAt: { lt: epoch } }, { lastSeenAt: null, boundAt: { lt: epoch } }] });

/** Moves a bound group to its new id when exactly one group of the platform has this title. */
export async function recoverGroup(app: App, chat: ChatRef, epoch: Date): Promise<boolean> {
  if (chat.kind !== 'group' || !chat.title) return false;
  const known = await app.db.groupChat.findUnique({ where: { platform_chatId: { platform: chat.platform, chatId: chat.id } } });
  if (known) return false;
  const candidates = await app.db.groupChat.findMany({ where: { platform: chat.platform, title: chat.title, boundAt: { lt: epoch } }, take: 2 });
  if (candidates.length !== 1) return false;
  const group = candidates[0]!;
  await app.db.groupChat.update({ where: { id: group.id }, data: { chatId: chat.id, boundAt: app.clock.now() } });
  await audit(app.db, { personId: null, label: `${chat.platform}:relogin` }, 'group.recover', 'GroupChat', group.id, { from: group.chatId, to: chat.id });
  return true;
}

export type IdentityRecovery = 'recovered' | 'ambiguous' | 'none';

/** Re-attaches an account to the person bound under the same display name in this group's class. */
export async function recoverIdentity(app: App, chat: ChatRef, sender: UserRef, classId: number, epoch: Date): Promise<IdentityRecovery> {
  const candidates = await app.db.identity.findMany({
    where: {
      platform: chat.platform,
      displayName: sender.name,
      ...staleSince(epoch),
      person: { OR: [{ enrolments: { some: { classId } } }, { grants: { some: { classId } } }] },
    },
    take: 2,
  });
  if (candidates.length === 0) return 'none';
  if (candidates.length > 1) return 'ambiguous';
  const identity = candidates[0]!;
  await app.db.identity.update({ where: { id: identity.id }, data: { platformUserId: sender.id, lastSeenAt: app.clock.now() } });
  await audit(app.db, { personId: identity.personId, label: `${chat.platform}:relogin` }, 'identity.recover', 'Identity', identity.id, { from: identity.platformUserId, to: sender.id });
  return 'recovered';
}

/** True when an identity on a platform with changing ids may be re-attached by its owner (not seen since the login). */
export function isStale(identity: { lastSeenAt: Date | null; boundAt: Date }, epoch: Date | undefined): boolean {
  if (!epoch) return false;
  return identity.lastSeenAt ? identity.lastSeenAt < epoch : identity.boundAt < epoch;
}
