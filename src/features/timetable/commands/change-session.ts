import { z } from 'zod';
import { findSessionFor, rescheduleSession } from '../../attendance/sessions.ts';
import { classDays, theSessionOn } from '../timetable.ts';
import { UserError } from '../../../core/errors.ts';
import { DAY_WORDS, dayPrefix, HALF_WORDS, MOVE_WORDS, sessionSelector, slotRange, type ClassDays, type HalfDay } from '../../../core/timetable/timetable-phrase.ts';
import { chinaTime, parseTimeRange, type LocalDate } from '../../../core/time/parse-time-phrase.ts';
import { defineCommand } from '../../../app/command.ts';
import { managedGroupClass } from '../../../app/managed-class.ts';

const NO_DAYS: ClassDays = { startsOn: null, endsOn: null };

export const changeSessionCommand = defineCommand({
  id: 'changeSession',
  words: ['修改课次', '改课次', '调课'],
  // 「把12月11日上午的课改到9:00-12:00」: a session named by its day and half-day, then a move verb.
  phrases: [new RegExp(`^把?\\s*(?<rest>${DAY_WORDS}\\s*(?:${HALF_WORDS}|全天|整天)的?(?:课|课程|课次)?\\s*${MOVE_WORDS}[^?？吗呢吧么]+)$`)],
  slash: ['movesession'],
  audience: ['TUTOR', 'COUNTY_CONTACT'],
  where: 'group',
  parse: (rest, message) => {
    // 「修改课次 3月5日上午 9:00-12:00」 names the session; 「修改课次 明天 9:00-12:00」 moves the current or next one.
    // A selector needs a new time after it, set apart from its half-day (「后天下午」 alone is a new time without clocks).
    const selected = sessionSelector(rest, message.sentAt, NO_DAYS);
    if (selected?.rest && !selected.glued) return { selector: rest };
    const range = parseTimeRange(rest, message.sentAt);
    return range && !range.rest ? { startsAt: range.start, endsAt: range.end } : {};
  },
  args: z
    .object({ selector: z.string().optional(), startsAt: z.date().optional(), endsAt: z.date().optional() })
    .refine((a) => a.selector || (a.startsAt && a.endsAt), { error: 'session.badTime' }),
  async run(ctx, args) {
    const classId = await managedGroupClass(ctx);
    const actor = { personId: ctx.actor.person!.id, label: `${ctx.actor.platform}:${ctx.actor.user.id}` };
    if (args.selector) {
      const days = await classDays(ctx.app.db, classId);
      const selected = sessionSelector(args.selector, ctx.at, days)!;
      const session = await theSessionOn(ctx.app, classId, selected.date, selected.half);
      const moved = newTime(selected.rest, selected.date, selected.half, ctx.at, days);
      if (!moved) throw new UserError('timetable.badNewTime');
      await rescheduleSession(ctx.app, session.id, actor, moved.startsAt, moved.endsAt);
      return;
    }
    const { open, next } = await findSessionFor(ctx.app.db, [classId], ctx.app.clock.now());
    const session = open ?? next;
    if (!session || session.status !== 'SCHEDULED') throw new UserError('session.noneToChange');
    await rescheduleSession(ctx.app, session.id, actor, args.startsAt!, args.endsAt!);
  },
});

/** 「9:00-12:00」 on the selected day, or 「3月6日 9:00-12:00」 on another; 「3月5日下午 2点-5点」 keeps the half-day for clocks without one. */
function newTime(said: string, day: LocalDate, half: HalfDay | undefined, now: Date, days: ClassDays): { startsAt: Date; endsAt: Date } | null {
  const text = said.replace(new RegExp(`^${MOVE_WORDS}\\s*`), '');
  const other = dayPrefix(text, now, days);
  const date = other?.date ?? day;
  const clocks = text.slice(other?.length ?? 0).trim();
  const range = slotRange(clocks, half);
  // What follows the new time after a comma (「，请相互转告」) is for the people, not the time.
  if (!range || !/^(?:$|[\s,，.。!！;；])/.test(clocks.slice(range.length))) return null;
  return { startsAt: chinaTime(date, range.start), endsAt: chinaTime(date, range.end) };
}
