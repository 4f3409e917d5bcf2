import { UserError } from '../core/errors.ts';
import type { ChatRef } from '../core/message.ts';
import { canManageClass } from '../core/permissions.ts';
import type { Actor } from './actor.ts';
import { classScope } from './actor.ts';
import { audit, type App } from './app.ts';

/** Finds the classes with this name that the actor may manage; errors say what to do instead. */
export async function findManagedClass(app: App, actor: Actor, className: string) {
  const classes = await app.db.trainingClass.findMany({ where: { name: className }, include: { project: true } });
  if (classes.length === 0) throw new UserError('class.notFound', { name: className });
  const managed = [];
  for (const c of classes) if (canManageClass(actor.grants, await classScope(app.db, c.id))) managed.push(c);
  if (managed.length === 0) throw new UserError('common.forbidden');
  if (managed.length > 1) throw new UserError('class.ambiguous', { name: className, projects: managed.map((c) => c.project.name).join('、') });
  return managed[0]!;
}

/** Binds a group chat to a class (re-binding moves it), so check-ins in the group count for that class. */
export async function bindGroupToClass(app: App, actor: Actor, chat: ChatRef, cls: { id: number; name: string }) {
  if (chat.kind !== 'group') throw new UserError('group.onlyInGroup');
  const data = { title: chat.title ?? chat.id, scope: 'CLASS' as const, classId: cls.id, schoolId: null, regionId: null, boundById: actor.person?.id ?? null };
  const row = await app.db.groupChat.upsert({
    where: { platform_chatId: { platform: chat.platform, chatId: chat.id } },
    create: { platform: chat.platform, chatId: chat.id, ...data },
    update: data,
  });
  await audit(app.db, { personId: actor.person?.id ?? null, label: `${actor.platform}:${actor.user.id}` }, 'group.bind', 'GroupChat', row.id, { classId: cls.id });
  return cls;
}
