import { classScope } from './actor.ts';
import { UserError } from '../core/errors.ts';
import { canManageClass } from '../core/permissions.ts';
import type { Actor } from './actor.ts';
import type { App } from './app.ts';
import type { CommandContext } from './command.ts';

/** Finds the classes with this name that the actor may manage; errors say what to do instead. */
export async function findManagedClass(app: App, actor: Actor, className: string) {
  // A demo room is found only by a demo persona, and a real class never by one.
  const classes = await app.db.trainingClass.findMany({ where: { name: className, sandbox: Boolean(actor.sandbox) }, include: { project: true } });
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
