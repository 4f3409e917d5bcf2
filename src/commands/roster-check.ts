import { z } from 'zod';
import { classScope } from '../app/actor.ts';
import { checkRosterAgainstGroup } from '../app/roster-check.ts';
import { UserError } from '../core/errors.ts';
import { canManageClass } from '../core/permissions.ts';
import { defineCommand } from './command.ts';

export const rosterCheckCommand = defineCommand({
  id: 'rosterCheck',
  words: ['核对名单', '核对群成员'],
  slash: ['rostercheck'],
  audience: ['TUTOR', 'COUNTY_CONTACT'],
  where: 'group',
  parse: () => ({}),
  args: z.object({}),
  async run(ctx) {
    const classId = ctx.binding?.classId;
    if (!classId) throw new UserError('common.groupNotBound');
    if (!canManageClass(ctx.actor.grants, await classScope(ctx.app.db, classId))) throw new UserError('common.forbidden');
    await checkRosterAgainstGroup(ctx.app, ctx.message.chat, classId);
    await ctx.reply('rosterCheck.sent');
  },
});
