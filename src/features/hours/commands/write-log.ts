import { z } from 'zod';
import { recordLog } from '../learning-logs.ts';
import { defineCommand } from '../../../app/command.ts';

export const writeLogCommand = defineCommand({
  id: 'writeLog',
  words: ['日志', '研修日志', '写日志'],
  slash: ['log'],
  audience: ['TRAINEE'],
  // 「日志一周要写几篇啊」「日志要求…」: the word glued to a sentence is talk about logs, not a log.
  startsSentences: true,
  parse: (_rest, _message, verbatim) => ({ text: verbatim.trim() }),
  args: z.object({ text: z.string().max(4000, { error: 'log.tooLong' }) }),
  async run(ctx, { text }) {
    const receipt = await recordLog(ctx.app, ctx.actor, ctx.binding, text, ctx.message.attachments);
    await ctx.app.outbox.send({ chat: ctx.message.chat, text: receipt, mentions: ctx.message.chat.kind === 'group' ? [ctx.message.sender] : undefined });
  },
});
