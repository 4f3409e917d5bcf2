import { z } from 'zod';
import { answerSurvey } from '../surveys.ts';
import { defineCommand } from '../../../app/command.ts';

export const answerSurveyCommand = defineCommand({
  id: 'answerSurvey',
  words: ['评价', '打分'],
  slash: ['rate'],
  audience: ['TRAINEE'],
  startsSentences: true,
  parse: (_rest, _message, verbatim) => ({ text: verbatim.trim() }),
  args: z.object({ text: z.string().max(500) }),
  async run(ctx, { text }) {
    await ctx.sendDetailsPrivately(await answerSurvey(ctx.app, ctx.actor.person!.id, text), { sent: 'survey.thanks', unreachable: 'survey.thanks' });
  },
});
