import { classScope } from '../../../app/actor.ts';
import { findManagedClass } from '../../../app/managed-class.ts';
import { UserError } from '../../../core/errors.ts';
import { canManageClass, tutoredClassIds } from '../../../core/permissions.ts';
import type { CommandContext } from '../../../app/command.ts';

// Which class a timetable or class-info command is about: the one named (「班级 小学数学1班」), else the
// group's, else — in a private chat — the only class the sender runs or attends.

/** 「班级 小学数学1班 …」 or 「小学数学1班 …」 at the start: the class name and the rest. */
export function leadingClassName(text: string): { className?: string; rest: string } {
  const m = /^班级\s*[:：]?\s*(\S+)\s*/.exec(text) ?? /^([^\s\d:：,，]\S*?班)(?:\s+|\s*[:：,，]\s*)/.exec(text);
  return m ? { className: m[1], rest: text.slice(m[0].length) } : { rest: text };
}

/** A class the sender may manage, for the commands that change dates, venue or timetable. */
export async function classToManage(ctx: CommandContext, className?: string): Promise<number> {
  if (className) return (await findManagedClass(ctx.app, ctx.actor, className)).id;
  const own = tutoredClassIds(ctx.actor.grants);
  const classId = ctx.binding?.classId ?? (own.length === 1 ? own[0] : undefined);
  if (!classId) throw new UserError(ctx.binding ? 'common.groupNotBound' : 'timetable.whichClass');
  if (!canManageClass(ctx.actor.grants, await classScope(ctx.app.db, classId))) throw new UserError('common.forbidden');
  return classId;
}

/** The class a trainee (or tutor) asks about: the group's, else their only (or first) class. */
export function classToShow(ctx: CommandContext): number {
  const mine = [...new Set([...ctx.actor.enrolledClassIds, ...tutoredClassIds(ctx.actor.grants)])];
  const classId = ctx.binding?.classId ?? mine[0];
  if (!classId) throw new UserError(ctx.binding ? 'common.groupNotBound' : 'timetable.noClass');
  return classId;
}
