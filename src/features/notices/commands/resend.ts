import { resendUncertain } from '../delivery-report.ts';
import { UserError } from '../../../core/errors.ts';
import { defineCommand, noArguments } from '../../../app/command.ts';
import { isQuestion } from '../../../core/text/understand.ts';

export const resendCommand = defineCommand({
  id: 'resend',
  words: ['补发'],
  // 「那几个不确定的补发一下吧」「没送到的再补发一次」: the verb after what is resent.
  sentences: [
    (text, raw) => {
      const at = text.search(/(?:再|重新)?补发/);
      if (at <= 0 || isQuestion(raw, text) || /(?:不用|不要|别|不必|无需)(?:再|重新)?$/.test(text.slice(0, at))) return null;
      return { lead: '', rest: '', verbatim: '' };
    },
  ],
  slash: ['resend'],
  audience: ['TUTOR', 'COUNTY_CONTACT'],
  ...noArguments,
  async run(ctx) {
    const queued = await resendUncertain(ctx.app, ctx.actor.person!.id);
    if (queued === 0) throw new UserError('deliveries.nothingToResend');
    await ctx.reply('deliveries.resending', { count: queued });
  },
});
