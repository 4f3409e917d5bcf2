import { z } from 'zod';
import { bindGroupToSchool } from '../group-binding.ts';
import { defineCommand } from '../../../app/command.ts';

export const bindSchoolGroupCommand = defineCommand({
  id: 'bindSchoolGroup',
  words: ['绑定学校'],
  slash: ['bindschool'],
  audience: ['SCHOOL_CONTACT'],
  where: 'group',
  parse: (rest) => ({ schoolName: rest || undefined }),
  args: z.object({ schoolName: z.string().max(80).optional() }),
  async run(ctx, { schoolName }) {
    const school = await bindGroupToSchool(ctx.app, ctx.actor, ctx.message.chat, schoolName);
    await ctx.reply('group.boundToSchool', { school: school.name });
  },
});
