import { z } from 'zod';
import { requestLeave } from '../app/leave.ts';
import { describeWindow } from '../app/sessions.ts';
import { defineCommand } from './command.ts';

export const leaveCommand = defineCommand({
  id: 'leave',
  words: ['请假'],
  slash: ['leave'],
  audience: ['TRAINEE'],
  parse: (_rest, _message, verbatim) => ({ reason: verbatim.replace(/^[:：,，]\s*/, '') }),
  args: z.object({ reason: z.string().min(1, { error: 'leave.reasonRequired' }).max(200, { error: 'leave.reasonTooLong' }) }),
  async run(ctx, { reason }) {
    const { session, updated } = await requestLeave(ctx.app, ctx.actor, ctx.binding, reason, ctx.at);
    await ctx.reply(updated ? 'leave.updated' : 'leave.received', { title: session.title, window: describeWindow(session) });
  },
});
