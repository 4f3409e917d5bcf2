import { myAssignments } from '../assignments.ts';
import { defineCommand, noArguments } from '../../../app/command.ts';
import { MY_ASSIGNMENTS } from '../sentences.ts';

export const myAssignmentsCommand = defineCommand({
  id: 'myAssignments',
  words: ['作业', '我的作业'],
  phrases: [MY_ASSIGNMENTS],
  slash: ['assignments'],
  audience: ['TRAINEE'],
  startsSentences: true,
  ...noArguments,
  async run(ctx) {
    const text = await myAssignments(ctx.app, ctx.actor.person!.id);
    await ctx.app.outbox.send({ chat: ctx.message.chat, text, mentions: ctx.message.chat.kind === 'group' ? [ctx.message.sender] : undefined });
  },
});
