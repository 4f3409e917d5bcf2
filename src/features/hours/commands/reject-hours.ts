import { z } from 'zod';
import { rejectHours } from '../accreditation.ts';
import { hoursReviewClassIds } from '../../../app/reviewer-classes.ts';
import { defineCommand } from '../../../app/command.ts';
import { readRejectHours } from '../sentences.ts';

export const rejectHoursCommand = defineCommand({
  id: 'rejectHours',
  words: ['不予认定', '学时不认定'],
  sentences: [readRejectHours],
  slash: ['rejecthours'],
  audience: ['TUTOR', 'COUNTY_CONTACT'],
  parse: (rest, _message, verbatim) => {
    const [name = ''] = rest.split(' ');
    return { name: name.replace(/^@/, ''), reason: verbatim.trim().slice(verbatim.trim().indexOf(name) + name.length).trim() };
  },
  args: z.object({ name: z.string().min(1, { error: 'accreditation.usage' }).max(40), reason: z.string().min(1, { error: 'accreditation.reasonRequired' }).max(200) }),
  async run(ctx, { name, reason }) {
    const result = await rejectHours(ctx.app, ctx.actor, await hoursReviewClassIds(ctx), name, reason);
    await ctx.reply('accreditation.rejected', { name, ...result });
  },
});
