import { z } from 'zod';
import { checkIn, traineeClassIds } from '../checkin.ts';
import { showOnLiveLists } from '../live-list.ts';
import { formatChinaClock } from '../../../core/time/parse-time-phrase.ts';
import { argumentTokens, withoutLabel } from '../../../core/text/grammar.ts';
import { hasHan } from '../../../core/text/understand.ts';
import { defineCommand } from '../../../app/command.ts';
import { codeQuestion } from '../questions.ts';
import { UserError } from '../../../core/errors.ts';
import { readBareCode, readCheckin } from '../sentences.ts';
import { findSessionFor } from '../sessions.ts';

/**
 * The code in what follows 签到: 「8866」「口令8866」「：8866」; next to Chinese words (「签到 张三 8866」
 * 「签到，今天准时」) only a token that looks like a code, else none — never a format error for a name.
 */
function codeIn(rest: string): string | undefined {
  const text = withoutLabel(rest, ['签到口令', '口令', '密码', '签到码', '验证码', '暗号', 'code']);
  if (!text || /^(?:ok|okay|yes|\+1)$/i.test(text)) return undefined;
  if (!hasHan(text)) return text.replace(/\s+/g, '');
  return argumentTokens(text.replace(/口令|密码|签到码|暗号/g, ' ')).find((t) => /^[A-Za-z0-9]{2,12}$/.test(t));
}

const BARE_CODE = /^\s*[A-Za-z]{0,2}[\d０-９]{4,8}\s*$/;

export const checkinCommand = defineCommand({
  id: 'checkin',
  words: ['签到', '打卡', '签个到', '打个卡', '已签到', '已打卡', '报到', '签到打卡'],
  exactWords: ['到', '已到', '在', '已到达', '到达', '准时到'],
  // 「8866 签到」: the code first; 「签到口令8866」: the label glued to the word.
  phrases: [/^(?<rest>[A-Za-z0-9]{2,12})\s*(?:签到|打卡)$/, /^(?:签到|打卡)(?:口令|密码|签到码)[:：]?\s*(?<rest>[A-Za-z0-9]{1,12})$/],
  sentences: [readCheckin, readBareCode],
  questions: [codeQuestion],
  slash: ['checkin', 'qd'],
  audience: ['TRAINEE'],
  startsSentences: true,
  hintInGroups: true,
  // A shared location (the message handler sends location messages here) is a check-in too.
  parse: (rest, message) => ({ code: codeIn(rest), location: message.location, bare: BARE_CODE.test(message.text) || undefined }),
  args: z.object({
    code: z.string().regex(/^[A-Za-z0-9]{1,12}$/, { error: 'checkin.badCode' }).optional(),
    bare: z.boolean().optional(),
    location: z.object({ latitude: z.number().min(-90).max(90), longitude: z.number().min(-180).max(180), accuracyMeters: z.number().optional(), live: z.boolean(), update: z.boolean().optional() }).optional(),
  }),
  async run(ctx, { code, location, bare }) {
    const { app, message, actor } = ctx;
    // A number alone is a check-in only while the open session asks for a code (else it is chatter: 「2026」).
    if (bare) {
      const { open } = await findSessionFor(app.db, traineeClassIds(actor, ctx.binding), ctx.at);
      if (!open?.code && !open?.codeSecret) throw new UserError('checkin.bareNumber');
    }
    const result = await checkIn(app, { actor, chat: message.chat, binding: ctx.binding, code, location, messageId: message.messageId, at: ctx.at });
    // A live location's next positions say nothing unless they check someone in.
    if (location?.update && result.kind === 'already') return;
    if (result.kind === 'already') {
      // Where the group's live list already shows the name, a repeated 签到 gets no message of its own.
      const shown = message.chat.kind === 'group' && app.platforms.editable.has(message.chat.platform) && (result.status === 'PRESENT' || result.status === 'LATE');
      return shown ? undefined : ctx.reply('checkin.already', { time: result.at });
    }
    const entry = { name: actor.person!.name, status: result.status, minutesLate: result.minutesLate };
    if (message.chat.kind === 'group') {
      await app.acks.add(message.chat, { ...entry, sessionId: result.sessionId });
      return;
    }
    await showOnLiveLists(app, result.sessionId, entry);
    const params = { title: result.sessionTitle, time: formatChinaClock(ctx.at), minutes: result.minutesLate };
    await ctx.reply(result.status === 'LATE' ? 'checkin.recordedLate' : 'checkin.recorded', params);
  },
});
