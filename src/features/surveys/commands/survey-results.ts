import { z } from 'zod';
import { surveyResults } from '../surveys.ts';
import { classNameArgument } from '../../../core/text/class-name.ts';
import { defineCommand } from '../../../app/command.ts';
import { namedOrGroupClass } from '../../../app/managed-class.ts';

export const surveyResultsCommand = defineCommand({
  id: 'surveyResults',
  words: ['评价结果', '满意度'],
  slash: ['surveyresults'],
  audience: ['TUTOR', 'COUNTY_CONTACT'],
  parse: (rest, _message, verbatim) => ({ className: classNameArgument(verbatim || rest).name }),
  args: z.object({ className: z.string().max(80).optional() }),
  async run(ctx, { className }) {
    await ctx.sendDetailsPrivately(await surveyResults(ctx.app, await namedOrGroupClass(ctx, className)), { sent: 'common.sentPrivately', unreachable: 'common.cannotReachPrivately' });
  },
});
