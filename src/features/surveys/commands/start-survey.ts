import { z } from 'zod';
import { startSurvey } from '../surveys.ts';
import { classNameArgument } from '../../../core/text/class-name.ts';
import { defineCommand } from '../../../app/command.ts';
import { isQuestion } from '../../../core/text/understand.ts';
import { namedOrGroupClass } from '../../../app/managed-class.ts';

export const startSurveyCommand = defineCommand({
  id: 'startSurvey',
  words: ['发起评价', '满意度调查', '发起问卷'],
  // 「培训快结束了，发起评价吧」: the request after its reason.
  sentences: [
    (text, raw) => {
      const m = /(?:发起|开始|发一下|发个|做个|做一下)(?:满意度)?(?:评价|问卷|调查|满意度调查)(?:吧|一下)?$/.exec(text);
      if (!m || m.index === 0 || isQuestion(raw, text) || /(?:不用|不要|别|先不)\s*$/.test(text.slice(0, m.index))) return null;
      return { lead: '', rest: '', verbatim: '' };
    },
  ],
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
