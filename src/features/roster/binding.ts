import { UserError } from '../../core/errors.ts';
import { askIfNearName } from '../../core/text/near-names.ts';
import type { Platform, UserRef } from '../../core/message.ts';
import { canManageClass, isAdmin } from '../../core/permissions.ts';
import { Prisma } from '../../generated/prisma/client.ts';
import type { Actor, ChatBinding } from '../../app/actor.ts';
import { classScope } from '../../app/actor.ts';
import { audit, type App } from '../../app/app.ts';
import { isStale } from './relogin-recovery.ts';

export interface BindRequest {
  platform: Platform;
  account: UserRef;
  name: string;
  phoneLast4: string;
  school?: string;
  binding: ChatBinding | null;
}

/**
 * Binds a chat account to the roster person with this name and phone tail. In a class group the
 * search is limited to that class. Ambiguity is never resolved by guessing.
 */
export async function bindAccount(app: App, by: Actor, req: BindRequest) {
  const existing = await app.db.identity.findUnique({
    where: { platform_platformUserId: { platform: req.platform, platformUserId: req.account.id } },
    include: { person: { include: { school: true } } },
  });
  if (existing) {
    throw new UserError(by.user.id === req.account.id ? 'bind.alreadyBound' : 'bind.accountAlreadyBound', {
      name: existing.person.name,
      school: existing.person.school?.name ?? '',
    });
  }
  const candidates = await app.db.person.findMany({
    where: {
      name: req.name,
      phoneLast4: req.phoneLast4,
      ...(req.binding?.classId ? { enrolments: { some: { classId: req.binding.classId } } } : {}),
      ...(req.school ? { school: { name: { contains: req.school } } } : {}),
    },
    include: { school: true, identities: { where: { platform: req.platform } } },
    take: 5,
  });
  if (candidates.length === 0) {
    // 吴磊 for 吴蕾 with 吴蕾's tail: asked back, never bound to someone else silently.
    const sameTail = await app.db.person.findMany({
      where: { phoneLast4: req.phoneLast4, ...(req.binding?.classId ? { enrolments: { some: { classId: req.binding.classId } } } : {}) },
      select: { name: true },
      take: 20,
    });
    askIfNearName(req.name, sameTail.map((p) => p.name), (meant) => app.t('understanding.readingAction', { action: '绑定', name: meant }));
    throw new UserError('bind.noMatch', { name: req.name });
  }
  if (candidates.length > 1) {
    throw new UserError(req.school ? 'bind.ambiguousWithSchool' : 'bind.ambiguous', { name: req.name, count: candidates.length });
  }
  const person = candidates[0]!;
  const epoch = app.platforms.loginEpochs.get(req.platform);
  const stale = person.identities.find((i) => isStale(i, epoch));
  if (person.identities.length > 0 && !stale) throw new UserError('bind.takenByOther', { name: person.name });
  try {
    const account = { platformUserId: req.account.id, displayName: req.account.name, lastSeenAt: app.clock.now() };
    if (stale) await app.db.identity.update({ where: { id: stale.id }, data: account });
    else await app.db.identity.create({ data: { platform: req.platform, personId: person.id, ...account } });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') throw new UserError('bind.alreadyBound', { name: person.name, school: person.school?.name ?? '' });
    throw error;
  }
  await audit(app.db, { personId: by.person?.id ?? person.id, label: `${by.platform}:${by.user.id}` }, 'identity.bind', 'Person', person.id, {
    platform: req.platform,
    forSomeoneElse: by.user.id !== req.account.id,
  });
  return { name: person.name, school: person.school?.name ?? '' };
}

/** Checks that the actor may bind someone else's account in this chat (a tutor of the group's class, a contact or an admin). */
export async function assertMayBindForOthers(app: App, actor: Actor, binding: ChatBinding | null): Promise<void> {
  if (isAdmin(actor.grants)) return;
  if (binding?.classId && canManageClass(actor.grants, await classScope(app.db, binding.classId))) return;
  if (actor.grants.some((g) => g.role === 'COUNTY_CONTACT' || g.role === 'SCHOOL_CONTACT')) return;
  throw new UserError('common.forbidden');
}
