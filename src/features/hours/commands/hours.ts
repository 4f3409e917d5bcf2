import { z } from 'zod';
import { formatHoursReport, hoursOf, personVisibleTo } from '../hours.ts';
import { defineCommand } from '../../../app/command.ts';
import { readHours } from '../sentences.ts';

export const hoursCommand = defineCommand({
  id: 'hours',
  words: ['查学时', '我的学时', '学时', '学时查询', '查询学时', '查看学时', '查一下学时', '查下学时', '看学时', '看看学时'],
  // Asking for one's own hours is the command, question or not: 「我还差多少学时」「学时够了吗」.
  phrases: [
    /^(?:帮我|请)?(?:查|查询|查看|看|看看)?(?:一下|下)?(?:我|自己)?(?:的)?(?:现在|目前|一共|总共|还差|还剩|已经|已有|累计)?(?:有|的)?(?:多少|几个)?(?:个)?学时(?:是|有|数|情况|统计|查询|记录)?(?:多少|几个|几|够了吗|够吗|够不够|够没够|满了吗|够了没|达标了吗|达标没|还差多少|差多少|还差几个)?(?:了)?$/,
  ],
  sentences: [readHours],
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
