import { z } from 'zod';
import { cancelSession, findSessionFor } from '../app/sessions.ts';
import { UserError } from '../core/errors.ts';
import { defineCommand } from './command.ts';
import { managedGroupClass } from './managed-class.ts';

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
    const { open, next } = await findSessionFor(ctx.app.db, [classId], ctx.app.clock.now());
    const session = open ?? next;
    if (!session || session.status !== 'SCHEDULED') throw new UserError('session.noneToCancel');
    await cancelSession(ctx.app, session.id, { personId: ctx.actor.person!.id, label: `${ctx.actor.platform}:${ctx.actor.user.id}` }, reason);
  },
});
