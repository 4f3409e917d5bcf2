import { deliveryReport } from '../delivery-report.ts';
import { defineCommand, noArguments } from '../../../app/command.ts';

export const deliveriesCommand = defineCommand({
  id: 'deliveries',
  words: ['送达情况', '发送情况', '送达'],
  // 「开班通知都送到了没有，看下送达情况」「刚才那条通知的送达情况」: asked anywhere in the sentence, answered from the records.
  phrases: [/^[^?？]*?(?:送达|发送)情况[^]*$/, /^[^]*?通知[^]*?(?:都)?(?:送到|送达)了?(?:没有|没|吗|么)[^]*$/],
  slash: ['deliveries'],
  audience: ['TUTOR', 'COUNTY_CONTACT'],
  ...noArguments,
  async run(ctx) {
    const report = await deliveryReport(ctx.app, ctx.actor.person!.id);
    await ctx.sendDetailsPrivately(report, { sent: 'deliveries.sentPrivately', unreachable: 'common.cannotReachPrivately' });
  },
});
