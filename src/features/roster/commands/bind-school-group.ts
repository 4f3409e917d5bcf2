import { z } from 'zod';
import { bindGroupToSchool } from '../group-binding.ts';
import { defineCommand } from '../../../app/command.ts';
import { readBindSchoolGroup } from '../sentences.ts';

export const bindSchoolGroupCommand = defineCommand({
  id: 'bindSchoolGroup',
  words: ['绑定学校'],
  sentences: [readBindSchoolGroup],
  slash: ['bindschool'],
  audience: ['SCHOOL_CONTACT'],
  where: 'group',
  // 「石桥镇初级中学（初中部老师群）」: a remark in brackets after the school's name says which group, not which school.
  parse: (rest, _message, verbatim) => ({ schoolName: (verbatim || rest).replace(/\s*[(（][^()（）]*[)）]\s*$/, '').trim() || undefined }),
  args: z.object({ schoolName: z.string().max(80).optional() }),
  async run(ctx, { schoolName }) {
    const school = await bindGroupToSchool(ctx.app, ctx.actor, ctx.message.chat, schoolName);
    await ctx.reply('group.boundToSchool', { school: school.name });
  },
});
