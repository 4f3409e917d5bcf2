import { z } from 'zod';
import { reviewSubmission } from '../assignments.ts';
import { reviewerClassIds } from '../../../app/reviewer-classes.ts';
import { defineCommand } from '../../../app/command.ts';

export const acceptSubmissionCommand = defineCommand({
  id: 'acceptSubmission',
  words: ['作业通过', '通过作业'],
  slash: ['accept'],
  audience: ['TUTOR', 'COUNTY_CONTACT'],
  parse: (_rest, message, verbatim) => ({ text: verbatim.trim().replace(/^@/, '') }),
  args: z.object({ text: z.string().min(1, { error: 'assignment.noSubmission' }).max(500) }),
  async run(ctx, { text }) {
    const { name, title } = await reviewSubmission(ctx.app, ctx.actor, await reviewerClassIds(ctx), text, true);
    await ctx.reply('assignment.accepted', { name, title });
  },
});
