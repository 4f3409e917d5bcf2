import { z } from 'zod';
import { reviewSubmission } from '../assignments.ts';
import { reviewerClassIds } from '../../../app/reviewer-classes.ts';
import { defineCommand } from '../../../app/command.ts';
import { reviewArguments, reviewSentence } from '../sentences.ts';

export const returnSubmissionCommand = defineCommand({
  id: 'returnSubmission',
  words: ['退回作业', '作业退回'],
  slash: ['return'],
  sentences: [reviewSentence('退回|打回|退了|不通过|不合格|重交|重做')],
  audience: ['TUTOR', 'COUNTY_CONTACT'],
  parse: (_rest, message, verbatim) => reviewArguments(message, verbatim),
  args: z.object({ name: z.string().min(1, { error: 'assignment.commentRequired' }).max(500), remark: z.string().max(500) }),
  async run(ctx, { name: typed, remark }) {
    const { name, title } = await reviewSubmission(ctx.app, ctx.actor, await reviewerClassIds(ctx), typed, remark, false);
    await ctx.reply('assignment.returned', { name, title });
  },
});
