import { z } from 'zod';
import { requestLeave } from '../app/leave.ts';
import { describeWindow } from '../app/sessions.ts';
import { withoutLabel } from '../core/text/grammar.ts';
import { defineCommand } from './command.ts';

export const leaveCommand = defineCommand({
  id: 'leave',
  words: ['请假', '请个假', '请一下假', '要请假', '想请假', '需要请假', '申请请假', '我要请假', '我想请假', '请半天假', '请一天假'],
  // 「明天请假，孩子生病」「下午请个假 去医院」
  phrases: [/^(?:今天|明天|后天)?(?:上午|下午|晚上)?(?:要|想|需要)?请(?:个|一下|半天|一天)?假[\s,，:：]+(?<rest>\S[\s\S]*)$/],
  slash: ['leave'],
  audience: ['TRAINEE'],
  parse: (_rest, _message, verbatim) => ({ reason: withoutLabel(verbatim.replace(/^[\s:：,，、]+/, ''), ['原因', '理由', '因为', '事由']) }),
  args: z.object({ reason: z.string().min(1, { error: 'leave.reasonRequired' }).max(200, { error: 'leave.reasonTooLong' }) }),
  async run(ctx, { reason }) {
    const { session, updated } = await requestLeave(ctx.app, ctx.actor, ctx.binding, reason, ctx.at);
    await ctx.reply(updated ? 'leave.updated' : 'leave.received', { title: session.title, window: describeWindow(session) });
  },
});
