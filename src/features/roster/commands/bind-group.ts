import { z } from 'zod';
import { bindGroupToClass } from '../group-binding.ts';
import { findManagedClass } from '../../../app/managed-class.ts';
import { classNameArgument } from '../../../core/text/class-name.ts';
import { defineCommand } from '../../../app/command.ts';
import { readBindGroup } from '../sentences.ts';

export const bindGroupCommand = defineCommand({
  id: 'bindGroup',
  words: ['绑定班级', '绑定本群'],
  sentences: [readBindGroup],
  slash: ['bindclass'],
  audience: ['TUTOR', 'COUNTY_CONTACT'],
  where: 'group',
  // The name as typed, brackets and quotes included (「2026国培·县级骨干教师(小学数学)1班」).
  parse: (rest, _message, verbatim) => ({ className: classNameArgument(verbatim || rest).name ?? '' }),
  args: z.object({ className: z.string().min(1, { error: 'class.nameRequired' }).max(80) }),
  async run(ctx, { className }) {
    const cls = await bindGroupToClass(ctx.app, ctx.actor, ctx.message.chat, await findManagedClass(ctx.app, ctx.actor, className));
    await ctx.reply('group.bound', { className: cls.name });
  },
});
