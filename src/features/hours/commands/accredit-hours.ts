import { z } from 'zod';
import { accreditHours } from '../accreditation.ts';
import { hoursReviewClassIds } from '../../../app/reviewer-classes.ts';
import { defineCommand } from '../../../app/command.ts';
import { readAccredit } from '../sentences.ts';

export const accreditHoursCommand = defineCommand({
  id: 'accreditHours',
  words: ['认定学时', '学时认定'],
  sentences: [readAccredit],
  slash: ['accredit'],
  audience: ['TUTOR', 'COUNTY_CONTACT'],
  /** 「[张三]」, or 「张伟 城关小学」 when a school or class says which 张伟. */
  parse: (rest) => {
    const [name = '', qualifier] = rest.split(' ');
    return { name: name.replace(/^@/, '') || undefined, qualifier };
  },
  args: z.object({ name: z.string().max(40).optional(), qualifier: z.string().max(80).optional() }),
  async run(ctx, { name, qualifier }) {
    const result = await accreditHours(ctx.app, ctx.actor, await hoursReviewClassIds(ctx), name, qualifier);
    await ctx.reply('accreditation.done', result);
  },
});
