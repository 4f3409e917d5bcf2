import { z } from 'zod';
import { cancelSession, findSessionFor } from '../../attendance/sessions.ts';
import { classDays, sessionsOn } from '../timetable.ts';
import { UserError } from '../../../core/errors.ts';
import { callOffRemark, CALL_OFF_WORDS, DAY_WORDS, HALF_WORDS, sessionSelector } from '../../../core/timetable/timetable-phrase.ts';
import { defineCommand } from '../../../app/command.ts';
import { managedGroupClass } from '../../../app/managed-class.ts';

export const cancelSessionCommand = defineCommand({
  id: 'cancelSession',
  words: ['取消课次', '取消签到'],
  // 「12月16日下午不上课了，取消」「明天上午的课取消」: a session named by its day and half-day, called off.
  phrases: [new RegExp(`^(?<rest>(?:[^?？吗呢吧么]*[,，]\\s*)?${DAY_WORDS}\\s*(?:${HALF_WORDS}|全天|整天)的?(?:课|课程|课次)?(?:也|就)?\\s*${CALL_OFF_WORDS}[^?？吗呢吧么]*)$`)],
  slash: ['cancelsession'],
  audience: ['TUTOR', 'COUNTY_CONTACT'],
  where: 'group',
  parse: (rest) => ({ reason: rest || undefined }),
  args: z.object({ reason: z.string().max(200, { error: 'leave.reasonTooLong' }).optional() }),
  async run(ctx, { reason }) {
    const classId = await managedGroupClass(ctx);
    const actor = { personId: ctx.actor.person!.id, label: `${ctx.actor.platform}:${ctx.actor.user.id}` };
    // 「取消课次 3月6日下午 专家有事」 cancels that half-day's sessions (「3月6日全天」 the whole day's).
    const days = reason ? await classDays(ctx.app.db, classId) : null;
    // 「专家有事，12月16日下午不上课了」: the reason may come first.
    const lead = reason ? /^(.*?)[,，]\s*(?=\S)/.exec(reason) : null;
    const selected = !reason ? null : (sessionSelector(reason, ctx.at, days!) ?? (lead ? withReason(sessionSelector(reason.slice(lead[0].length), ctx.at, days!), lead[1]!) : null));
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
