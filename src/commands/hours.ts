import { z } from 'zod';
import { hoursOf } from '../app/hours.ts';
import { UserError } from '../core/errors.ts';
import { progressBar } from '../core/hours/summarize-hours.ts';
import { defineCommand } from './command.ts';

export const hoursCommand = defineCommand({
  id: 'hours',
  words: ['查学时', '我的学时', '学时'],
  slash: ['hours'],
  audience: ['TRAINEE'],
  startsSentences: true,
  parse: (rest) => ({ who: rest || undefined }),
  args: z.object({ who: z.string().optional() }),
  async run(ctx, { who }) {
    const person = ctx.actor.person!;
    if (who && who !== person.name) throw new UserError('hours.onlyOwn');
    const { policy, summary } = await hoursOf(ctx.app, person.id);
    const t = ctx.app.t;
    const report = t('hours.report', {
      name: person.name,
      firstYear: summary.cycle.firstYear,
      lastYear: summary.cycle.lastYear,
      policy: policy.name,
      total: summary.total,
      accredited: summary.accredited,
      pending: summary.pending,
      target: policy.totalHours,
      bar: progressBar(summary.total, policy.totalHours),
      countyOrAbove: summary.countyOrAbove,
      countyTarget: policy.minCountyLevelHours,
      countyBar: progressBar(summary.countyOrAbove, policy.minCountyLevelHours),
      missing:
        summary.missingTotal > 0 || summary.missingCountyOrAbove > 0
          ? t('hours.missing', { total: summary.missingTotal, county: summary.missingCountyOrAbove })
          : t('hours.complete'),
    });
    await ctx.sendDetailsPrivately(report, { sent: 'hours.sentPrivately', unreachable: 'hours.cannotReachPrivately' });
  },
});
