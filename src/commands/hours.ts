import { z } from 'zod';
import { formatHoursReport, hoursOf, personVisibleTo } from '../app/hours.ts';
import { defineCommand } from './command.ts';

export const hoursCommand = defineCommand({
  id: 'hours',
  words: ['查学时', '我的学时', '学时'],
  slash: ['hours'],
  audience: ['TRAINEE'],
  startsSentences: true,
  parse: (rest) => ({ who: rest.replace(/^@/, '') || undefined }),
  args: z.object({ who: z.string().max(40).optional() }),
  async run(ctx, { who }) {
    const self = ctx.actor.person!;
    const person = who && who !== self.name ? await personVisibleTo(ctx.app, ctx.actor.grants, who) : self;
    const { policy, summary } = await hoursOf(ctx.app, person.id);
    await ctx.sendDetailsPrivately(formatHoursReport(ctx.app.t, person.name, policy, summary), { sent: 'hours.sentPrivately', unreachable: 'hours.cannotReachPrivately' });
  },
});
