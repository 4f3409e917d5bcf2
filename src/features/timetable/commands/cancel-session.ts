import { z } from 'zod';
import { cancelSession, findSessionFor } from '../../attendance/sessions.ts';
import { classDays, sessionsOn } from '../timetable.ts';
import { UserError } from '../../../core/errors.ts';
import { sessionSelector } from '../../../core/timetable/timetable-phrase.ts';
import { defineCommand } from '../../../app/command.ts';
import { managedGroupClass } from '../../../app/managed-class.ts';

export const cancelSessionCommand = defineCommand({
  id: 'cancelSession',
  words: ['取消课次', '取消签到'],
  slash: ['cancelsession'],
  audience: ['TUTOR', 'COUNTY_CONTACT'],
  where: 'group',
  parse: (rest) => ({ reason: rest || undefined }),
  args: z.object({ reason: z.string().max(200, { error: 'leave.reasonTooLong' }).optional() }),
  async run(ctx, { reason }) {
    const classId = await managedGroupClass(ctx);
    const actor = { personId: ctx.actor.person!.id, label: `${ctx.actor.platform}:${ctx.actor.user.id}` };
    // 「取消课次 3月6日下午 专家有事」 cancels that half-day's sessions (「3月6日全天」 the whole day's).
    const selected = reason ? sessionSelector(reason, ctx.at, await classDays(ctx.app.db, classId)) : null;
    if (selected) {
      const sessions = await sessionsOn(ctx.app.db, classId, selected.date, selected.half, { status: 'SCHEDULED' });
      if (sessions.length === 0) throw new UserError('timetable.noSessionThere', { when: `${selected.date.month}月${selected.date.day}日${selected.half ?? ''}` });
      for (const s of sessions) await cancelSession(ctx.app, s.id, actor, selected.rest || undefined);
      return;
    }
    const { open, next } = await findSessionFor(ctx.app.db, [classId], ctx.app.clock.now());
    const session = open ?? next;
    if (!session || session.status !== 'SCHEDULED') throw new UserError('session.noneToCancel');
    await cancelSession(ctx.app, session.id, actor, reason);
  },
});
