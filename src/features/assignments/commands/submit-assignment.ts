import { z } from 'zod';
import { submitAssignment } from '../assignments.ts';
import { defineCommand } from '../../../app/command.ts';

export const submitAssignmentCommand = defineCommand({
  id: 'submitAssignment',
  words: ['交作业', '提交作业', '提交'],
  slash: ['submit'],
  audience: ['TRAINEE'],
  parse: (_rest, _message, verbatim) => ({ text: verbatim.trim() }),
  args: z.object({ text: z.string().max(4000) }),
  async run(ctx, { text }) {
    const receipt = await submitAssignment(ctx.app, ctx.actor, ctx.message, text);
    await ctx.app.outbox.send({ chat: ctx.message.chat, text: receipt, mentions: ctx.message.chat.kind === 'group' ? [ctx.message.sender] : undefined });
  },
});
