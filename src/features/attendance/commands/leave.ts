import { z } from 'zod';
import { requestLeave } from '../leave.ts';
import { DAY_WORDS, dated, takeSessionRef, type SessionRef } from '../session-lookup.ts';
import { describeWindow } from '../describe-session.ts';
import { withoutCourtesy, withoutLabel } from '../../../core/text/grammar.ts';
import { defineCommand } from '../../../app/command.ts';
import { readLeave } from '../sentences.ts';

const LEAVE_WORD = /^\s*(?:(?:要|想|需要|申请)?请(?:个|一下|半天|一天)?假)?(?:[半一]天(?=[\s,，:：(（]|$)|一下)?/;

/**
 * 「请假 孩子生病」 for the current or next session; a day or half-day first names the session(s) ahead:
 * 「请假 3月5日下午 家里有事」「下周一请假」「明天上午请假 原因…」 (a whole day: both halves).
 */
export function parseLeave(verbatim: string, now: Date): { reason: string; ref: SessionRef | null } {
  const { ref: before, rest: afterDay } = takeSessionRef(verbatim.replace(/^[\s:：,，、]+/, ''), now, { leading: true, undated: true });
  const { ref: after, rest } = takeSessionRef(afterDay.replace(LEAVE_WORD, '').replace(/^[\s:：,，、]+/, ''), now, { leading: true, undated: true });
  const ref = before || after ? dated({ ...before, ...after }, now, true) : null;
  return { reason: withoutCourtesy(withoutLabel(rest.replace(/^[\s:：,，、]+/, ''), ['原因', '理由', '因为', '事由'])), ref };
}

export const leaveCommand = defineCommand({
  id: 'leave',
  words: ['请假', '请个假', '请一下假', '要请假', '想请假', '需要请假', '申请请假', '我要请假', '我想请假', '请半天假', '请一天假'],
  // 「明天请假，孩子生病」「下午请个假 去医院」「下周一请假」
  phrases: [new RegExp(`^(?<rest>(?:(?:${DAY_WORDS})\\s*(?:上午|下午|晚上)?|上午|下午|晚上)\\s*(?:要|想|需要)?请(?:个|一下|半天|一天)?假(?:[\\s,，:：]+\\S[\\s\\S]*)?)$`)],
  sentences: [readLeave],
  slash: ['leave'],
  audience: ['TRAINEE'],
  parse: (_rest, message, verbatim) => parseLeave(verbatim, message.sentAt),
  args: z
    .object({ reason: z.string().max(200, { error: 'leave.reasonTooLong' }), ref: z.custom<SessionRef | null>() })
    .refine((a) => a.reason.length > 0 || a.ref !== null, { error: 'leave.reasonRequired' }),
  async run(ctx, { reason, ref }) {
    const { sessions, updated } = await requestLeave(ctx.app, ctx.actor, ctx.binding, reason, ctx.at, ref);
    const title = sessions.map((s) => s.title).join('」「');
    await ctx.reply(updated ? 'leave.updated' : 'leave.received', { title, window: sessions.map((s) => describeWindow(s)).join('、') });
  },
});
