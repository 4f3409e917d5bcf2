import { z } from 'zod';
import { findSessionFor, rescheduleSession } from '../../attendance/sessions.ts';
import { classDays, theSessionOn } from '../timetable.ts';
import { UserError } from '../../../core/errors.ts';
import { DAY_WORDS, dayPrefix, HALF_WORDS, MOVE_WORDS, sessionSelector, slotRange, type ClassDays, type HalfDay } from '../../../core/timetable/timetable-phrase.ts';
import { chinaTime, parseTimeRange, type LocalDate } from '../../../core/time/parse-time-phrase.ts';
import { defineCommand } from '../../../app/command.ts';
import { managedGroupClass } from '../../../app/managed-class.ts';

const NO_DAYS: ClassDays = { startsOn: null, endsOn: null };
/** Verbs that shift a session by an amount (「往后推一个小时」「提前半小时」), the new clocks said after them. */
const SHIFT_WORDS = '(?:往后推|往前提|推迟|延后|提前|顺延)';
const MINUTES = (d: Date) => Math.round(((d.getTime() + 8 * 3600_000) % 86_400_000) / 60_000);

export const changeSessionCommand = defineCommand({
  id: 'changeSession',
  words: ['修改课次', '改课次', '调课'],
  // 「把12月11日上午的课改到9:00-12:00」「16号上午的课往后推一个小时，9:30-12:30」「下午那节提前半小时，改成两点到五点」:
  // a session named by its day (today when only the half-day is said) and half-day, then a move verb.
  phrases: [new RegExp(`^把?\\s*(?<rest>(?:${DAY_WORDS}|\\d{1,2}[日号])?\\s*(?:${HALF_WORDS}|全天|整天)(?:的|那节|那次)?(?:课|课程|课次)?\\s*(?:${MOVE_WORDS}|${SHIFT_WORDS})[^?？吗呢吧么]+)$`)],
  slash: ['movesession'],
  audience: ['TUTOR', 'COUNTY_CONTACT'],
  where: 'group',
  parse: (rest, message) => {
    // 「修改课次 3月5日上午 9:00-12:00」 names the session; 「修改课次 明天 9:00-12:00」 moves the current or next one.
    // A selector needs a new time after it, set apart from its half-day (「后天下午」 alone is a new time without clocks).
    const said = /^(?:上午|早上|下午|晚上)/.test(rest) ? `今天${rest}` : rest;
    const selected = sessionSelector(said, message.sentAt, NO_DAYS);
    if (selected?.rest && !selected.glued) {
      // What was read, kept beside the words (the run reads them again with the class's dates and the session's times).
      const moved = newTime(selected.rest, selected.date, selected.half, message.sentAt, NO_DAYS);
      return { selector: said, session: { day: selected.date, half: selected.half }, ...(moved ? { newTime: moved.span, newDate: moved.date, reason: moved.reason } : {}) };
    }
    const range = parseTimeRange(rest, message.sentAt);
    return range && !range.rest ? { startsAt: range.start, endsAt: range.end } : {};
  },
  args: z
    .object({ selector: z.string().optional(), startsAt: z.date().optional(), endsAt: z.date().optional(), session: z.unknown().optional(), newTime: z.string().optional(), newDate: z.unknown().optional(), reason: z.string().optional() })
    .refine((a) => a.selector || (a.startsAt && a.endsAt), { error: 'session.badTime' }),
  async run(ctx, args) {
    const classId = await managedGroupClass(ctx);
    const actor = { personId: ctx.actor.person!.id, label: `${ctx.actor.platform}:${ctx.actor.user.id}` };
    if (args.selector) {
      const days = await classDays(ctx.app.db, classId);
      const selected = sessionSelector(args.selector, ctx.at, days)!;
      const session = await theSessionOn(ctx.app, classId, selected.date, selected.half);
      const moved = newTime(selected.rest, selected.date, selected.half, ctx.at, days, session);
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

/**
 * 「9:00-12:00」 on the selected day, or 「3月6日 9:00-12:00」 on another; 「3月5日下午 2点-5点」 keeps the
 * half-day for clocks without one. The clocks may follow a shift said in words (「往后推一个小时，9:30-12:30」);
 * a new day without clocks (「挪到这周六上午，时间不变」) keeps the session's own times. After the time, the reason.
 */
function newTime(said: string, day: LocalDate, half: HalfDay | undefined, now: Date, days: ClassDays, session?: { startsAt: Date; endsAt: Date }) {
  const verb = new RegExp(`(?:${MOVE_WORDS}|${SHIFT_WORDS})`, 'g');
  let text = said;
  for (let m = verb.exec(said); m; m = verb.exec(said)) text = said.slice(m.index + m[0].length);
  text = text.replace(/^[\s,，:：]+/, '').replace(/^(?:这|本)(?=周|星期|礼拜)/, '');
  const other = dayPrefix(text, now, days);
  const date = other?.date ?? day;
  let clocks = text.slice(other?.length ?? 0).trim();
  const newHalf = /^(上午|早上|下午|晚上)(?![\d一二两三四五六七八九十])\s*/.exec(clocks);
  if (newHalf) clocks = clocks.slice(newHalf[0].length);
  const inherited = (newHalf?.[1] === '早上' ? '上午' : newHalf?.[1]) as HalfDay | undefined;
  // The first clock that starts a range (「一个小时，9:30-12:30」 skips the amount).
  let range: { start: number; end: number; length: number } | null = null;
  let at = 0;
  for (const m of clocks.matchAll(/(?:凌晨|早上|上午|中午|下午|晚上)?\s*(?:\d{1,2}|[一二两三四五六七八九十]{1,3})\s*(?::|点|时)/g)) {
    range = slotRange(clocks.slice(m.index), inherited ?? half);
    if (range) {
      at = m.index;
      break;
    }
  }
  const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
  if (!range) {
    // Another day and nothing but 「时间不变」: the session's own times on that day.
    if (!other || !session || !/^[\s,，。]*(?:时间不变|时间照旧|时间一样|原时间|照旧)?[\s,，。]*$/.test(clocks)) return null;
    const [start, end] = [MINUTES(session.startsAt), MINUTES(session.endsAt)];
    return { startsAt: chinaTime(date, start), endsAt: chinaTime(date, end), span: `${hhmm(start)}-${hhmm(end)}`, date: other.date, reason: undefined };
  }
  const after = clocks.slice(at + range.length);
  // What follows the new time after a comma (「，请相互转告」) is for the people, not the time.
  if (!/^(?:$|[\s,，.。!！;；])/.test(after)) return null;
  const reason = after.replace(/^[\s,，.。!！;；]+|[\s,，.。!！;；]+$/g, '') || undefined;
  return { startsAt: chinaTime(date, range.start), endsAt: chinaTime(date, range.end), span: `${hhmm(range.start)}-${hhmm(range.end)}`, date: other?.date, reason };
}
