import { z } from 'zod';
import { findSessionFor, rescheduleSession } from '../app/sessions.ts';
import { UserError } from '../core/errors.ts';
import { parseTimeRange } from '../core/time/parse-time-phrase.ts';
import { defineCommand } from './command.ts';
import { managedGroupClass } from './managed-class.ts';

export const changeSessionCommand = defineCommand({
  id: 'changeSession',
  words: ['修改课次', '改课次', '调课'],
  slash: ['movesession'],
  audience: ['TUTOR', 'COUNTY_CONTACT'],
  where: 'group',
  parse: (rest, message) => {
    const range = parseTimeRange(rest, message.sentAt);
    return range && !range.rest ? { startsAt: range.start, endsAt: range.end } : {};
  },
  args: z.object({ startsAt: z.date({ error: 'session.badTime' }), endsAt: z.date({ error: 'session.badTime' }) }),
  async run(ctx, { startsAt, endsAt }) {
    const classId = await managedGroupClass(ctx);
    const { open, next } = await findSessionFor(ctx.app.db, [classId], ctx.app.clock.now());
    const session = open ?? next;
    if (!session || session.status !== 'SCHEDULED') throw new UserError('session.noneToChange');
    await rescheduleSession(ctx.app, session.id, { personId: ctx.actor.person!.id, label: `${ctx.actor.platform}:${ctx.actor.user.id}` }, startsAt, endsAt);
  },
});
