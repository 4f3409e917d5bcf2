import { z } from 'zod';
import { reviewSubmission } from '../assignments.ts';
import { reviewerClassIds } from '../../../app/reviewer-classes.ts';
import { defineCommand } from '../../../app/command.ts';
import { reviewArguments, reviewSentence } from '../sentences.ts';

export const acceptSubmissionCommand = defineCommand({
  id: 'acceptSubmission',
  words: ['作业通过', '通过作业'],
  slash: ['accept'],
  sentences: [reviewSentence('通过|合格|批准|可以')],
  audience: ['TUTOR', 'COUNTY_CONTACT'],
  parse: (_rest, message, verbatim) => reviewArguments(message, verbatim),
  args: z.object({ name: z.string().min(1, { error: 'assignment.noSubmission' }).max(500), remark: z.string().max(500) }),
  async run(ctx, { name: typed, remark }) {
    const { name, title } = await reviewSubmission(ctx.app, ctx.actor, await reviewerClassIds(ctx), typed, remark, true);
    await ctx.reply('assignment.accepted', { name, title });
  },
});
