import { myCompletion } from '../completion.ts';
import { defineCommand, noArguments } from '../../../app/command.ts';

export const myCompletionCommand = defineCommand({
  id: 'myCompletion',
  words: ['我能结业吗', '能结业吗', '能不能结业', '我能不能结业', '我的结业情况'],
  // Asking about one's own completion is the command, however it is put: 「我可以结业吗？」「我现在能不能结业」.
  phrases: [/^(?:请问)?(?:我)?(?:现在|目前)?(?:能|可以|能够)(?:不能|不可以)?(?:顺利)?结业(?:吗|么|嘛|不|了吗)?$/],
  slash: ['mycompletion'],
  audience: ['TRAINEE'],
  ...noArguments,
  async run(ctx) {
    await ctx.sendDetailsPrivately(await myCompletion(ctx.app, ctx.actor.person!.id), { sent: 'common.sentPrivately', unreachable: 'common.cannotReachPrivately' });
  },
});
