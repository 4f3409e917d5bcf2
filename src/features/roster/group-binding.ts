import { UserError } from '../../core/errors.ts';
import { classNameKey } from '../../core/text/class-name.ts';
import type { ChatRef } from '../../core/message.ts';
import { canManageClass, isAdmin } from '../../core/permissions.ts';
import type { Actor } from '../../app/actor.ts';
import { classScope, regionChain } from '../../app/actor.ts';
import { audit, type App } from '../../app/app.ts';

/** Binds a group chat to a class (re-binding moves it), so check-ins in the group count for that class. */
export async function bindGroupToClass(app: App, actor: Actor, chat: ChatRef, cls: { id: number; name: string }) {
  await bindGroup(app, actor, chat, { scope: 'CLASS', classId: cls.id, schoolId: null });
  return cls;
}

/** Binds a group chat to the school the actor is the contact of (named, when they have several). */
export async function bindGroupToSchool(app: App, actor: Actor, chat: ChatRef, schoolName: string | undefined) {
  const schoolIds = actor.grants.filter((g) => g.role === 'SCHOOL_CONTACT' && g.schoolId !== null).map((g) => g.schoolId as number);
  const own = await app.db.school.findMany({ where: { id: { in: schoolIds } } });
  // The name as typed first, then tolerantly (bracket style, spaces and width do not count).
  const schools = !schoolName ? own : own.filter((s) => s.name === schoolName).length ? own.filter((s) => s.name === schoolName) : own.filter((s) => classNameKey(s.name) === classNameKey(schoolName));
  if (schools.length === 0) throw new UserError(schoolName ? 'school.notYours' : 'common.forbidden', { name: schoolName ?? '' });
  if (schools.length > 1) throw new UserError('school.which', { schools: schools.map((s) => s.name).join('、') });
  await bindGroup(app, actor, chat, { scope: 'SCHOOL', classId: null, schoolId: schools[0]!.id });
  return schools[0]!;
}

async function bindGroup(app: App, actor: Actor, chat: ChatRef, target: { scope: 'CLASS' | 'SCHOOL'; classId: number | null; schoolId: number | null }) {
  if (chat.kind !== 'group') throw new UserError('group.onlyInGroup');
  await mayRebind(app, actor, chat);
  const data = { title: chat.title ?? chat.id, ...target, regionId: null, boundById: actor.person?.id ?? null };
  const row = await app.db.groupChat.upsert({
    where: { platform_chatId: { platform: chat.platform, chatId: chat.id } },
    create: { platform: chat.platform, chatId: chat.id, ...data },
    update: data,
  });
  await audit(app.db, { personId: actor.person?.id ?? null, label: `${actor.platform}:${actor.user.id}` }, 'group.bind', 'GroupChat', row.id, target);
}

/**
 * A group already bound elsewhere may be re-bound only by someone who manages what it is bound to:
 * otherwise a school contact (or another class's tutor) could take over a class group with one message.
 */
async function mayRebind(app: App, actor: Actor, chat: ChatRef): Promise<void> {
  const existing = await app.db.groupChat.findUnique({
    where: { platform_chatId: { platform: chat.platform, chatId: chat.id } },
    include: { class: { select: { name: true } }, school: { select: { name: true, regionId: true } } },
  });
  if (!existing || isAdmin(actor.grants)) return;
  if (existing.classId !== null) {
    if (canManageClass(actor.grants, await classScope(app.db, existing.classId))) return;
    throw new UserError('group.boundElsewhere', { name: existing.class?.name ?? '' });
  }
  if (existing.schoolId !== null && existing.school) {
    const regions = await regionChain(app.db, existing.school.regionId);
    const allowed = actor.grants.some(
      (g) => (g.role === 'SCHOOL_CONTACT' && g.schoolId === existing.schoolId) || (g.role === 'COUNTY_CONTACT' && g.regionId !== null && regions.includes(g.regionId)),
    );
    if (!allowed) throw new UserError('group.boundElsewhere', { name: existing.school.name });
  }
}
