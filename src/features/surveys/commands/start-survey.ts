import { z } from 'zod';
import { startSurvey } from '../surveys.ts';
import { classNameArgument } from '../../../core/text/class-name.ts';
import { defineCommand } from '../../../app/command.ts';
import { namedOrGroupClass } from '../../../app/managed-class.ts';

export const startSurveyCommand = defineCommand({
  id: 'startSurvey',
  words: ['发起评价', '满意度调查', '发起问卷'],
  slash: ['survey'],
  audience: ['TUTOR', 'COUNTY_CONTACT'],
  parse: (rest, _message, verbatim) => ({ className: classNameArgument(verbatim || rest).name }),
  args: z.object({ className: z.string().max(80).optional() }),
  async run(ctx, { className }) {
    const { actor } = ctx;
    const { asked } = await startSurvey(ctx.app, { personId: actor.person!.id, platform: actor.platform, label: `${actor.platform}:${actor.user.id}` }, await namedOrGroupClass(ctx, className));
    await ctx.reply('survey.started', { count: asked, hours: ctx.app.config.survey.closeHours });
  },
});
