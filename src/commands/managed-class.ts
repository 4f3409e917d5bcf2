import { classScope } from '../app/actor.ts';
import { findManagedClass } from '../app/group-binding.ts';
import { UserError } from '../core/errors.ts';
import { canManageClass } from '../core/permissions.ts';
import type { CommandContext } from './command.ts';

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
