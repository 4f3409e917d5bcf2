import { classScope } from './actor.ts';
import { UserError } from '../core/errors.ts';
import { canManageClass, tutoredClassIds } from '../core/permissions.ts';
import type { CommandContext } from './command.ts';
import { REAL_CLASS } from './sandbox-filters.ts';

/** The classes whose work the sender reviews here: the group's class, or in private every class they tutor. */
export async function reviewerClassIds(ctx: CommandContext): Promise<number[]> {
  const candidates = ctx.binding?.classId ? [ctx.binding.classId] : tutoredClassIds(ctx.actor.grants);
  const allowed = [];
  for (const id of candidates) if (canManageClass(ctx.actor.grants, await classScope(ctx.app.db, id))) allowed.push(id);
  if (allowed.length === 0) throw new UserError('common.forbidden');
  return allowed;
}

/**
 * The classes whose hours the sender decides here: the group's class, or in private every class they
 * manage — a tutor's own, a county contact's whole county (they accredit its training), an admin's all.
 */
export async function hoursReviewClassIds(ctx: CommandContext): Promise<number[]> {
  if (ctx.binding?.classId || !ctx.actor.grants.some((g) => g.role === 'COUNTY_CONTACT' || g.role === 'ADMIN')) return reviewerClassIds(ctx);
  const allowed = [];
  for (const { id } of await ctx.app.db.trainingClass.findMany({ where: REAL_CLASS, select: { id: true }, orderBy: { id: 'asc' } })) {
    if (canManageClass(ctx.actor.grants, await classScope(ctx.app.db, id))) allowed.push(id);
  }
  if (allowed.length === 0) throw new UserError('common.forbidden');
  return allowed;
}
