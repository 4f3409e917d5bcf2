import { z } from 'zod';
import { surveyResults } from '../surveys.ts';
import { classNameArgument } from '../../../core/text/class-name.ts';
import { defineCommand } from '../../../app/command.ts';
import { namedOrGroupClass } from '../../../app/managed-class.ts';

export const surveyResultsCommand = defineCommand({
  id: 'surveyResults',
  words: ['评价结果', '满意度'],
  // 「看下满意度 <班级>」「满意度多少，达到80没有」: a look at the results, or a question they answer.
  phrases: [
    /^(?:看下|看一下|看看|查下|查一下|查查|发我|给我看看)\s*(?:满意度|评价结果|问卷结果)(?:调查)?(?:结果)?\s*(?<rest>[^?？]*)$/,
    /^(?:满意度|评价结果|问卷结果)(?:调查)?(?:结果)?(?:是|有)?(?:多少|怎么样|如何|几分|高不高)[^]*$/,
  ],
  slash: ['surveyresults'],
  audience: ['TUTOR', 'COUNTY_CONTACT'],
  parse: (rest, _message, verbatim) => ({ className: classNameArgument(verbatim || rest).name }),
  args: z.object({ className: z.string().max(80).optional() }),
  async run(ctx, { className }) {
    await ctx.sendDetailsPrivately(await surveyResults(ctx.app, await namedOrGroupClass(ctx, className)), { sent: 'common.sentPrivately', unreachable: 'common.cannotReachPrivately' });
  },
});
