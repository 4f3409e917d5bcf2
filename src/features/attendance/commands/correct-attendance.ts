import { z } from 'zod';
import { correctableClassIds, correctAttendance, sessionToCorrect, traineesNamed, type Mark } from '../attendance-corrections.ts';
import { DAY_WORDS, takeSessionRef, type SessionRef } from '../session-lookup.ts';
import { describeWindow } from '../describe-session.ts';
import type { MessageKey } from '../../../i18n/index.ts';
import { argumentTokens } from '../../../core/text/grammar.ts';
import { hasHan } from '../../../core/text/understand.ts';
import { defineCommand } from '../../../app/command.ts';
import { readCorrection } from '../sentences.ts';

// 「补签 张三、李四」「张三 改为请假」「标记缺勤 张三 第3次课」「张三 改成迟到 备注 手机没电」: names from
// the roster, the mark (补签 alone means present), the session (default: open now, else the latest), a remark.
const STATUS_WORDS: [RegExp, Mark][] = [
  [/迟到/, 'LATE'],
  [/请假/, 'LEAVE'],
  [/缺勤|旷课|缺课|未到/, 'ABSENT'],
  [/出勤|到课|已到|签到|正常|准时|到/, 'PRESENT'],
];
const VERBS = /改为|改成|标记为|记为|设为|更正为|标记|^\s*记|把|的考勤|考勤/g;
const REMARK = /(?:^|[\s,，;；])(?:备注|原因|理由|说明|因为)\s*(?:是|为)?\s*[:：]?\s*(.*)$/;
// A name never takes in the day or half-day written after it (「张三上午的改成请假」).
const NAME = '(?:(?![上下]午|晚上|[今昨明]天|的)[\\u3400-\\u9FFF·]){2,5}';
const SESSION = `(?:第[\\d一二两三四五六七八九十]{1,3}(?:次课|节课|次|节)|${DAY_WORDS}|上午|下午|晚上|\\s)*`;
const MARK = '(?:出勤|到课|已到|签到|正常|准时|迟到|请假|缺勤|旷课|缺课)(?![\\u3400-\\u9FFF])';

/** Turns the argument text into names, mark, session and remark (in the user's own words, from `verbatim`); `now` reads 3月5日, 昨天. */
export function parseCorrection(rest: string, now: Date, verbatim = rest): { names: string[]; status: Mark; remark?: string; ref: SessionRef | null } {
  let text = rest;
  let remark: string | undefined;
  const r = REMARK.exec(text);
  if (r) {
    remark = (REMARK.exec(verbatim)?.[1] ?? r[1]!).trim() || undefined;
    text = text.slice(0, r.index);
  }
  let status: Mark = 'PRESENT';
  const marked = text.search(/改为|改成|标记为|记为|设为|更正为|标记|^\s*记/);
  let tail = marked >= 0 ? text.slice(marked) : text;
  // 「把王五的考勤改成迟到，他8点40才到」: after names written first and the mark, a clause set apart is the remark.
  const clause = marked > 0 && hasHan(text.slice(0, marked)) ? /\s*[,，;；。!！]\s*(.*)$/.exec(tail) : null;
  if (clause) {
    remark ??= clause[1]!.trim() || undefined;
    tail = tail.slice(0, clause.index);
    text = text.slice(0, marked) + tail;
  }
  for (const [pattern, mark] of STATUS_WORDS) {
    const m = pattern.exec(tail);
    if (m) {
      status = mark;
      text = marked >= 0 ? text.slice(0, marked) + tail.replace(m[0], ' ') : text.replace(m[0], ' ');
      break;
    }
  }
  const { ref, rest: left } = takeSessionRef(text.replace(VERBS, ' '), now);
  const names = argumentTokens(left.replace(/[和及与]/g, ' '));
  return { names: [...new Set(names)], status, remark, ref };
}

export const correctAttendanceCommand = defineCommand({
  id: 'correctAttendance',
  words: ['补签', '代签', '修改考勤', '更正考勤', '考勤更正'],
  phrases: [
    new RegExp(`^(?<rest>(?:把\\s*)?${NAME}(?:\\s*[、，,和及]\\s*${NAME})*\\s*(?:的考勤)?${SESSION}(?:改为|改成|标记为|记为|设为|更正为)\\s*${MARK}[\\s\\S]*)$`),
    new RegExp(`^(?<rest>(?:标记|记)(?:为)?\\s*${MARK}[\\s,，:：]*${NAME}[\\s\\S]*)$`),
  ],
  sentences: [readCorrection],
  slash: ['correct'],
  audience: ['TUTOR', 'COUNTY_CONTACT'],
  quietWhenNotPermitted: true,
  parse: (rest, message, verbatim) => parseCorrection(rest, message.sentAt, verbatim),
  args: z.object({
    names: z.array(z.string().max(20)).min(1, { error: 'correction.namesRequired' }).max(50, { error: 'correction.tooMany' }),
    status: z.enum(['PRESENT', 'LATE', 'LEAVE', 'ABSENT']),
    remark: z.string().max(100, { error: 'correction.remarkTooLong' }).optional(),
    ref: z.custom<SessionRef | null>(),
  }),
  async run(ctx, { names, status, remark, ref }) {
    const { app } = ctx;
    const classIds = await correctableClassIds(app, ctx.actor, ctx.binding);
    const session = await sessionToCorrect(app, classIds, ref, ctx.at);
    const statusName = app.t(`correction.status.${status}` as MessageKey);
    const trainees = await traineesNamed(app, session, names, (meant) => app.t('correction.reading', { names: meant.join('、'), status: statusName }));
    const actor = { personId: ctx.actor.person!.id, label: `${ctx.actor.platform}:${ctx.actor.user.id}` };
    const changed: string[] = [];
    const same: string[] = [];
    const untold: string[] = [];
    let stored: string | null = null;
    for (const t of trainees) {
      const result = await correctAttendance(app, actor, { sessionId: session.id, personId: t.id, status, remark }, { platform: ctx.actor.platform });
      if (!result.changed) {
        same.push(t.name);
        continue;
      }
      changed.push(t.name);
      stored = result.remark;
      if (!result.told) untold.push(t.name);
    }
    if (changed.length) await ctx.reply('correction.done', { names: changed.join('、'), title: session.title, window: describeWindow(session), status: statusName, remark: stored ? app.t('correction.remarkLine', { remark: stored }) : '' });
    if (same.length) await ctx.reply('correction.unchanged', { names: same.join('、'), status: statusName });
    if (untold.length) await ctx.reply('correction.untold', { names: untold.join('、') });
  },
});
