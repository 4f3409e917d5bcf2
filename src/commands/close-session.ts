import { z } from 'zod';
import { classScope } from '../app/actor.ts';
import { closeSession, findSessionFor } from '../app/sessions.ts';
import { UserError } from '../core/errors.ts';
import { canManageClass } from '../core/permissions.ts';
import { defineCommand } from './command.ts';

export const closeSessionCommand = defineCommand({
  id: 'closeSession',
  words: ['结束签到', '结束课次', '关闭签到'],
  slash: ['close'],
  audience: ['TUTOR', 'COUNTY_CONTACT'],
  where: 'group',
  parse: () => ({}),
  args: z.object({}),
  async run(ctx) {
    const classId = ctx.binding?.classId;
    if (!classId) throw new UserError('common.groupNotBound');
    if (!canManageClass(ctx.actor.grants, await classScope(ctx.app.db, classId))) throw new UserError('common.forbidden');
    const { open } = await findSessionFor(ctx.app.db, [classId], ctx.app.clock.now());
    if (!open) throw new UserError('session.noOpen');
    await ctx.app.acks.flushAll();
    await closeSession(ctx.app, open.id, { personId: ctx.actor.person!.id, label: `${ctx.actor.platform}:${ctx.actor.user.id}` });
  },
});
