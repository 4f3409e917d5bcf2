import { z } from 'zod';
import { reviewSubmission } from '../assignments.ts';
import { reviewerClassIds } from '../../../app/reviewer-classes.ts';
import { defineCommand } from '../../../app/command.ts';

export const returnSubmissionCommand = defineCommand({
  id: 'returnSubmission',
  words: ['退回作业', '作业退回'],
  slash: ['return'],
  audience: ['TUTOR', 'COUNTY_CONTACT'],
  parse: (_rest, message, verbatim) => ({ text: verbatim.trim().replace(/^@/, '') }),
  args: z.object({ text: z.string().min(1, { error: 'assignment.commentRequired' }).max(500) }),
  async run(ctx, { text }) {
    const { name, title } = await reviewSubmission(ctx.app, ctx.actor, await reviewerClassIds(ctx), text, false);
    await ctx.reply('assignment.returned', { name, title });
  },
});
