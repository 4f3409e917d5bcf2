import { resendUncertain } from '../delivery-report.ts';
import { UserError } from '../../../core/errors.ts';
import { defineCommand, noArguments } from '../../../app/command.ts';

export const resendCommand = defineCommand({
  id: 'resend',
  words: ['补发'],
  slash: ['resend'],
  audience: ['TUTOR', 'COUNTY_CONTACT'],
  ...noArguments,
  async run(ctx) {
    const queued = await resendUncertain(ctx.app, ctx.actor.person!.id);
    if (queued === 0) throw new UserError('deliveries.nothingToResend');
    await ctx.reply('deliveries.resending', { count: queued });
  },
});
