import { classScope } from './actor.ts';
import { UserError } from '../core/errors.ts';
import { canManageClass } from '../core/permissions.ts';
import { classNameKey } from '../core/text/class-name.ts';
import type { Db } from '../db/client.ts';
import type { Actor } from './actor.ts';
import type { App } from './app.ts';
import type { CommandContext } from './command.ts';

/**
 * The classes with this name: as typed first, else tolerantly (bracket and quote style, width and
 * spaces ignored — see classNameKey), so 「(小学数学)」 finds 「（小学数学）」.
 */
export async function classesNamed(db: Db, className: string) {
  const exact = await db.trainingClass.findMany({ where: { name: className }, include: { project: true } });
  if (exact.length) return exact;
  const key = classNameKey(className);
  // Narrowed by the name's longest run of Chinese characters, which no style difference touches.
  const han = (className.match(/[\u3400-\u9FFF]+/g) ?? []).sort((a, b) => b.length - a.length)[0];
  const near = await db.trainingClass.findMany({ where: han ? { name: { contains: han } } : {}, include: { project: true } });
  return near.filter((c) => classNameKey(c.name) === key);
}

/** Finds the classes with this name that the actor may manage; errors say what to do instead. */
export async function findManagedClass(app: App, actor: Actor, className: string) {
  // A demo room is found only by a demo persona, and a real class never by one.
  const classes = (await classesNamed(app.db, className)).filter((c) => c.sandbox === Boolean(actor.sandbox));
  if (classes.length === 0) throw new UserError('class.notFound', { name: className });
  const managed = [];
  for (const c of classes) if (canManageClass(actor.grants, await classScope(app.db, c.id))) managed.push(c);
  if (managed.length === 0) throw new UserError('common.forbidden');
  if (managed.length > 1) throw new UserError('class.ambiguous', { name: className, projects: managed.map((c) => c.project.name).join('、') });
  return managed[0]!;
}

/** The class of the group the command was sent in, if the sender may manage it (else a polite refusal). */
export async function managedGroupClass(ctx: CommandContext): Promise<number> {
  const classId = ctx.binding?.classId;
  if (!classId) throw new UserError('common.groupNotBound');
  if (!canManageClass(ctx.actor.grants, await classScope(ctx.app.db, classId))) throw new UserError('common.forbidden');
  return classId;
}

/** The class named in the command, else the class of this group; either way one the sender may manage. */
export async function namedOrGroupClass(ctx: CommandContext, className: string | undefined): Promise<number> {
  if (className) return (await findManagedClass(ctx.app, ctx.actor, className)).id;
  if (!ctx.binding?.classId) throw new UserError('session.noClassHere');
  return managedGroupClass(ctx);
}
