import { z } from 'zod';
import { decideLeave } from '../app/leave.ts';
import { defineCommand } from './command.ts';

const nameAndNote = (rest: string) => {
  const [name, ...note] = rest.split(' ').filter(Boolean);
  return { name, note: note.join(' ') || undefined };
};
const args = z.object({ name: z.string().max(40).optional(), note: z.string().max(200, { error: 'leave.reasonTooLong' }).optional() });

export const approveLeaveCommand = defineCommand({
  id: 'approveLeave',
  words: ['准假', '批准请假', '同意请假'],
  slash: ['approve'],
  audience: ['TUTOR', 'COUNTY_CONTACT'],
  parse: nameAndNote,
  args,
  async run(ctx, { name }) {
    const result = await decideLeave(ctx.app, ctx.actor, ctx.binding, name, true, undefined, ctx.at);
    await ctx.reply('leave.approved', { name: result.name, title: result.title });
  },
});

export const rejectLeaveCommand = defineCommand({
  id: 'rejectLeave',
  words: ['驳回请假', '不准假', '驳回'],
  slash: ['reject'],
  audience: ['TUTOR', 'COUNTY_CONTACT'],
  parse: nameAndNote,
  args,
  async run(ctx, { name, note }) {
    const result = await decideLeave(ctx.app, ctx.actor, ctx.binding, name, false, note, ctx.at);
    await ctx.reply('leave.rejected', { name: result.name, title: result.title });
  },
});
