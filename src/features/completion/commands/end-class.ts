import { z } from 'zod';
import { defineCommand } from '../../../app/command.ts';
import { namedOrGroupClass } from '../../../app/managed-class.ts';
import { describeAwaiting, endClass } from '../class-end.ts';

export const endClassCommand = defineCommand({
  id: 'endClass',
  words: ['结业', '班级结业', '宣布结业'],
  slash: ['endclass'],
  audience: ['TUTOR', 'COUNTY_CONTACT'],
  parse: (rest) => ({ className: rest || undefined }),
  args: z.object({ className: z.string().max(80).optional() }),
  async run(ctx, { className }) {
    const { app, actor } = ctx;
    const outcome = await endClass(app, await namedOrGroupClass(ctx, className), { personId: actor.person!.id, label: `${actor.platform}:${actor.user.id}`, platform: actor.platform });
    if (outcome.state === 'awaitingSurvey') return ctx.reply('completion.awaitingSurvey', { closes: describeAwaiting(app, outcome.closesAt) });
    await ctx.reply(outcome.state === 'recorded' ? 'completion.recorded' : 'completion.alreadyRecorded');
  },
});
