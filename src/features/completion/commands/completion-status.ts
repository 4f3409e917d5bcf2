import { z } from 'zod';
import { completionReport } from '../completion.ts';
import { defineCommand } from '../../../app/command.ts';
import { namedOrGroupClass } from '../../../app/managed-class.ts';

export const completionStatusCommand = defineCommand({
  id: 'completionStatus',
  words: ['结业情况', '结业统计', '结业名单'],
  slash: ['completion'],
  audience: ['TUTOR', 'COUNTY_CONTACT'],
  parse: (rest) => ({ className: rest || undefined }),
  args: z.object({ className: z.string().max(80).optional() }),
  async run(ctx, { className }) {
    await ctx.sendDetailsPrivately(await completionReport(ctx.app, await namedOrGroupClass(ctx, className)), { sent: 'common.sentPrivately', unreachable: 'common.cannotReachPrivately' });
  },
});
