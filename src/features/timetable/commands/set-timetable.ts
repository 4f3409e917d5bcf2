import { z } from 'zod';
import { classScope } from '../../../app/actor.ts';
import { classDays, createTimetable, sessionLine, timetableClashes } from '../timetable.ts';
import { previewDays, previewWarnings } from '../timetable-preview.ts';
import { dropTimetableDraft, keepTimetableDraft, type TimetableDraft } from '../timetable-drafts.ts';
import { UserError } from '../../../core/errors.ts';
import { canManageClass } from '../../../core/permissions.ts';
import { CLOCK_RANGE } from '../../../core/timetable/pasted-timetable.ts';
import { isQuestion } from '../../../core/text/understand.ts';
import { expandTimetable, MAX_TIMETABLE_SESSIONS, parseTimetablePhrase } from '../../../core/timetable/timetable-phrase.ts';
import { formatChinaIsoDate } from '../../../core/time/parse-time-phrase.ts';
import { defineCommand, type CommandContext } from '../../../app/command.ts';
import { classToManage, leadingClassName } from './timetable-class.ts';

// 「课表 3月2日-3月11日 每天 8:30-11:30 学时3、14:30-17:30 学时3 周末除外」: a whole timetable in one
// message, previewed (how many sessions, the first and the last) and made on 确认, like a notice.

const MAX_LISTED_PROBLEMS = 5;
const ARRANGE = /(?:帮我|请|麻烦)?把?(?<day>[^\s,，:：。]{0,12}?)的?(?:课表|课程|课)(?:给我)?排(?:一下|下)?\s*[:：,，]?|(?:帮我|请|麻烦)?排(?:一下|下)(?:课表|课程|课)?\s*[:：,，]?/;
const who = (ctx: CommandContext) => ({ personId: ctx.actor.person!.id, label: `${ctx.actor.platform}:${ctx.actor.user.id}` });

export const setTimetableCommand = defineCommand({
  id: 'setTimetable',
  words: ['排课', '设置课表', '创建课表', '课表设置'],
  // 「课表」 followed by clock times is a timetable being set; without them it is a question (timetable.ts).
  phrases: [
    /^(?:课表|课程表|课程安排)(?:设置)?\s*[:：]?\s*(?<rest>.*\d\s*(?::|点|时)\s*\d?.*)$/,
    // A timetable pasted as the centre sent it: a header naming the 课程安排, the dates, clock ranges.
    /^(?<rest>[^?？]{0,80}(?:课程安排|课程表|课表|日程安排|培训安排)[^?？]*\d{1,2}月\d{1,2}[日号][^?？]*\d\s*[:：点]\s*\d*[^?？]*(?:-|~|至|到|—)[^?？]*\d\s*[:：点][^?？]*)$/,
  ],
  // 「明天的课排一下：上午8点30到11点30…」「帮我排一下课 …」: the verb inside a sentence that gives clock ranges.
  sentences: [
    (text, raw) => {
      const m = ARRANGE.exec(text);
      if (!m || !CLOCK_RANGE.test(text) || isQuestion(raw, text)) return null;
      const rest = `${text.slice(0, m.index)} ${m.groups?.day ?? ''} ${text.slice(m.index + m[0].length)}`.replace(/\s+/g, ' ').trim();
      return { lead: '', rest, verbatim: rest };
    },
  ],
  slash: ['timetable_set'],
  audience: ['TUTOR', 'COUNTY_CONTACT'],
  // A pasted timetable keeps its lines (the normalised rest has none): they tell a header from a slot.
  // The user's own text: a class name keeps its brackets, a lecturer their 「（市教科院）」.
  parse: (rest, message, verbatim) => ({ text: verbatim || rest, lines: /\n\s*\S/.test(message.text.trim()) ? message.text : undefined }),
  args: z.object({ text: z.string().min(1, { error: 'timetable.usage' }).max(3000, { error: 'timetable.usage' }), lines: z.string().max(4000, { error: 'timetable.usage' }).optional() }),
  async run(ctx, { text, lines }) {
    const { app } = ctx;
    const { className, rest } = leadingClassName(text);
    const classId = await classToManage(ctx, className);
    const days = await classDays(app.db, classId);
    const spec = parseTimetablePhrase(lines ?? rest, ctx.at, days);
    if ('problem' in spec) throw new UserError(spec.problem, spec.params);
    const all = expandTimetable(spec);
    const now = app.clock.now().getTime();
    const planned = all.filter((p) => p.endsAt.getTime() > now);
    if (planned.length === 0) throw new UserError(all.length ? 'timetable.allPast' : 'timetable.noDays');
    if (planned.length > MAX_TIMETABLE_SESSIONS) throw new UserError('timetable.tooMany', { max: MAX_TIMETABLE_SESSIONS });
    const problems = [...(await timetableClashes(app, classId, planned)).values()];
    if (problems.length) {
      const more = problems.length > MAX_LISTED_PROBLEMS ? app.t('timetable.moreProblems', { count: problems.length - MAX_LISTED_PROBLEMS }) : '';
      throw new UserError('timetable.clashes', { count: problems.length, list: problems.slice(0, MAX_LISTED_PROBLEMS).join('\n') + more });
    }
    await keepTimetableDraft(app, ctx.actor.person!.id, { classId, planned });
    const hours = planned.reduce((sum, p) => sum + p.hours, 0);
    await ctx.reply('timetable.preview', {
      className: days.name,
      count: planned.length,
      days: new Set(planned.map((p) => formatChinaIsoDate(p.startsAt))).size,
      hours,
      list: previewDays(planned),
      warnings: previewWarnings(app, planned, days),
      skipped: spec.skipWeekends ? app.t('timetable.weekendsSkipped') : '',
      past: all.length > planned.length ? app.t('timetable.pastLeftOut', { count: all.length - planned.length }) : '',
    });
  },
});

/** Makes the sender's waiting timetable (on 确认); the group is told once, not once per session. */
export async function confirmTimetable(ctx: CommandContext, draft: TimetableDraft): Promise<void> {
  const { app } = ctx;
  // The same 确认 delivered to two processes makes the timetable once.
  if (!(await dropTimetableDraft(app, ctx.actor.person!.id))) return;
  if (!canManageClass(ctx.actor.grants, await classScope(app.db, draft.classId))) throw new UserError('common.forbidden');
  const made = await createTimetable(app, who(ctx), draft.classId, draft.planned);
  await ctx.reply('timetable.created', { count: made.length, first: sessionLine(made[0]!), last: sessionLine(made.at(-1)!) });
}

/** Drops the sender's waiting timetable (on 取消). */
export async function cancelTimetable(ctx: CommandContext): Promise<void> {
  await dropTimetableDraft(ctx.app, ctx.actor.person!.id);
  await ctx.reply('timetable.draftCancelled');
}
