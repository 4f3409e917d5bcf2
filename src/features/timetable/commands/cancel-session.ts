import { z } from 'zod';
import { cancelSession, findSessionFor } from '../../attendance/sessions.ts';
import { classDays, sessionsOn } from '../timetable.ts';
import { UserError } from '../../../core/errors.ts';
import { callOffRemark, CALL_OFF_WORDS, DAY_WORDS, HALF_WORDS, sessionSelector, type ClassDays } from '../../../core/timetable/timetable-phrase.ts';
import { defineCommand } from '../../../app/command.ts';
import { managedGroupClass } from '../../../app/managed-class.ts';

// A day (「16号」「今晚」 too) with a half-day, the whole day, or no half-day at all (the whole day).
const SESSION = `(?:${DAY_WORDS}|\\d{1,2}[日号]|今晚|明晚)\\s*(?:${HALF_WORDS}|全天|整天)?`;
const NO_DAYS = { startsOn: null, endsOn: null };

/** The session named and the reason, as written: 「专家有事，12月16日下午不上课了」 has its reason first. */
function readCancellation(text: string, now: Date, days: ClassDays) {
  const lead = /^(.*?)[,，]\s*(?=\S)/.exec(text);
  return sessionSelector(text, now, days, { wholeDay: true }) ?? (lead ? withReason(sessionSelector(text.slice(lead[0].length), now, days, { wholeDay: true }), lead[1]!) : null);
}

export const cancelSessionCommand = defineCommand({
  id: 'cancelSession',
  words: ['取消课次', '取消签到'],
  // 「12月16日下午不上课了，取消」「明天上午的课取消」: a session named by its day and half-day, called off.
  phrases: [
    new RegExp(`^(?<rest>(?:[^?？吗呢吧么]*[,，]\\s*)?${SESSION}的?(?:课|课程|课次|研讨|讲座|那次|那节)?(?:也|就)?\\s*${CALL_OFF_WORDS}[^?？吗呢吧么]*)$`),
    // 「取消12月11日下午的课，专家临时有事」: the verb first.
    new RegExp(`^取消\\s*(?<rest>${SESSION}的?(?:课|课程|课次|研讨|讲座)[^?？吗呢吧么]*)$`),
  ],
  slash: ['cancelsession'],
  audience: ['TUTOR', 'COUNTY_CONTACT'],
  where: 'group',
  // The session and reason read are kept beside the words (the run reads them again with the class's dates).
  parse: (rest, message) => {
    const selected = rest ? readCancellation(rest, message.sentAt, NO_DAYS) : null;
    return { text: rest || undefined, session: selected ? { day: selected.date, half: selected.half } : undefined, reason: (selected ? callOffRemark(selected.rest) : rest) || undefined };
  },
  args: z.object({
    text: z.string().max(200, { error: 'leave.reasonTooLong' }).optional(),
    session: z.object({ day: z.object({ year: z.number(), month: z.number(), day: z.number() }), half: z.string().optional() }).optional(),
    reason: z.string().max(200, { error: 'leave.reasonTooLong' }).optional(),
  }),
  async run(ctx, { text: reason }) {
    const classId = await managedGroupClass(ctx);
    const actor = { personId: ctx.actor.person!.id, label: `${ctx.actor.platform}:${ctx.actor.user.id}` };
    // 「取消课次 3月6日下午 专家有事」 cancels that half-day's sessions (「3月6日全天」 the whole day's).
    const selected = reason ? readCancellation(reason, ctx.at, await classDays(ctx.app.db, classId)) : null;
    if (selected) {
      const sessions = await sessionsOn(ctx.app.db, classId, selected.date, selected.half, { status: 'SCHEDULED' });
      if (sessions.length === 0) throw new UserError('timetable.noSessionThere', { when: `${selected.date.month}月${selected.date.day}日${selected.half ?? ''}` });
      const remark = callOffRemark(selected.rest);
      for (const s of sessions) await cancelSession(ctx.app, s.id, actor, remark || undefined);
      return;
    }
    const { open, next } = await findSessionFor(ctx.app.db, [classId], ctx.app.clock.now());
    const session = open ?? next;
    if (!session || session.status !== 'SCHEDULED') throw new UserError('session.noneToCancel');
    await cancelSession(ctx.app, session.id, actor, reason);
  },
});

const withReason = <S extends { rest: string }>(selected: S | null, reason: string): S | null => (selected ? { ...selected, rest: `${reason} ${selected.rest}` } : null);
