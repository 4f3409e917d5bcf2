import { z } from 'zod';
import { checkIn } from '../app/checkin.ts';
import { formatChinaClock } from '../core/time/parse-time-phrase.ts';
import { defineCommand } from './command.ts';

export const checkinCommand = defineCommand({
  id: 'checkin',
  words: ['签到', '打卡'],
  exactWords: ['到', '已到', '在'],
  slash: ['checkin', 'qd'],
  audience: ['TRAINEE'],
  startsSentences: true,
  parse: (rest) => ({ code: rest || undefined }),
  args: z.object({ code: z.string().regex(/^[A-Za-z0-9]{1,12}$/, { error: 'checkin.badCode' }).optional() }),
  async run(ctx, { code }) {
    const { app, message, actor } = ctx;
    const result = await checkIn(app, { actor, chat: message.chat, binding: ctx.binding, code, messageId: message.messageId, at: ctx.at });
    if (result.kind === 'already') return ctx.reply('checkin.already', { time: result.at });
    if (message.chat.kind === 'group') {
      await app.acks.add(message.chat, { name: actor.person!.name, status: result.status, minutesLate: result.minutesLate, sessionId: result.sessionId });
      return;
    }
    const params = { title: result.sessionTitle, time: formatChinaClock(ctx.at), minutes: result.minutesLate };
    await ctx.reply(result.status === 'LATE' ? 'checkin.recordedLate' : 'checkin.recorded', params);
  },
});
