import { z } from 'zod';
import { accreditHours } from '../app/accreditation.ts';
import { reviewerClassIds } from './reviewer-classes.ts';
import { defineCommand } from './command.ts';

export const accreditHoursCommand = defineCommand({
  id: 'accreditHours',
  words: ['认定学时', '学时认定'],
  slash: ['accredit'],
  audience: ['TUTOR', 'COUNTY_CONTACT'],
  parse: (rest) => ({ name: rest.replace(/^@/, '') || undefined }),
  args: z.object({ name: z.string().max(40).optional() }),
  async run(ctx, { name }) {
    const result = await accreditHours(ctx.app, ctx.actor, await reviewerClassIds(ctx), name);
    await ctx.reply('accreditation.done', result);
  },
});
