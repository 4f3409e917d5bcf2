import { deliveryReport } from '../delivery-report.ts';
import { defineCommand, noArguments } from '../../../app/command.ts';

export const deliveriesCommand = defineCommand({
  id: 'deliveries',
  words: ['送达情况', '发送情况', '送达'],
  slash: ['deliveries'],
  audience: ['TUTOR', 'COUNTY_CONTACT'],
  ...noArguments,
  async run(ctx) {
    const report = await deliveryReport(ctx.app, ctx.actor.person!.id);
    await ctx.sendDetailsPrivately(report, { sent: 'deliveries.sentPrivately', unreachable: 'common.cannotReachPrivately' });
  },
});
