import { z } from 'zod';
import { requestMakeup } from '../leave.ts';
import { takeSessionRef, type SessionRef } from '../session-lookup.ts';
import { describeWindow } from '../describe-session.ts';
import { withoutCourtesy, withoutLabel } from '../../../core/text/grammar.ts';
import { defineCommand } from '../../../app/command.ts';
import { makeupQuestion } from '../questions.ts';
import { readMakeup } from '../sentences.ts';

// A trainee's 补签 after the window: 「补签 原因：手机没电」「补签 第3次课 网络断了」 (a photo sent just before goes along).
export const requestMakeupCommand = defineCommand({
  id: 'requestMakeup',
  words: ['补签', '申请补签', '我要补签', '要补签', '想补签', '补个签'],
  sentences: [readMakeup],
  questions: [makeupQuestion],
  slash: ['makeup'],
  audience: ['TRAINEE'],
  parse: (_rest, message, verbatim) => {
    const { ref, rest } = takeSessionRef(verbatim.replace(/^[\s:：,，、!！~～]+/, ''), message.sentAt, { leading: true });
    return { reason: withoutCourtesy(withoutLabel(rest.replace(/^[\s:：,，、!！~～]+/, ''), ['原因', '理由', '因为', '说明'])), ref };
  },
  args: z.object({
    reason: z.string().min(1, { error: 'makeup.reasonRequired' }).max(200, { error: 'leave.reasonTooLong' }),
    ref: z.custom<SessionRef | null>(),
  }),
  async run(ctx, { reason, ref }) {
    const { session, updated } = await requestMakeup(ctx.app, ctx.actor, ctx.binding, ctx.message, reason, ref, ctx.at);
    await ctx.reply(updated ? 'makeup.updated' : 'makeup.received', { title: session.title, window: describeWindow(session) });
  },
});
