import { z } from 'zod';
import { classDays, classDaysLine, nextSession, sessionLine, sessionsOn, upcomingSessions } from '../timetable.ts';
import { UserError } from '../../../core/errors.ts';
import { askedDay, DAY_WORDS, HALF_WORDS } from '../../../core/timetable/timetable-phrase.ts';
import { defineCommand } from '../../../app/command.ts';
import { classToShow } from './timetable-class.ts';

// 「课表」「今天上什么课」「明天几点」「下午几点开始」: what is on, for anyone in the class. A day's
// sessions are short and answered where asked; the whole timetable, when long, goes privately.

/** More lines than this go privately, with a pointer in the group. */
const GROUP_LINES = 8;
const NO_DAYS = { startsOn: null, endsOn: null };
// 「16号」「17号结业那天」: a day of this month, and a day named by what happens on it.
const DAY = `(?:${DAY_WORDS}|\\d{1,2}[日号])(?:[\\u4e00-\\u9fa5]{1,4}那天)?`;
const HALF = HALF_WORDS;
// A day, a half-day or both: 「几点」 alone is a question to anyone, not to the bot.
const WHEN = `(?:${DAY}${HALF}?|${HALF})`;
const NEXT = '(?:下一?节课|下一?次课|下一?个课次)';
/** Particles a spoken question ends with. */
const TAIL = '(?:来着|啊|呀|呢|哈|啦|嘞)?';

export const timetableCommand = defineCommand({
  id: 'timetable',
  words: ['课表', '课程表', '课程安排', '日程安排'],
  phrases: [
    new RegExp(`^(?:请问)?(?<rest>${WHEN})(?:的课|的课程)?(?:上|有|是)(?:什么|啥|哪些|哪几节)课(?:程)?${TAIL}$`),
    // 「明天上午讲什么」「今天下午在哪个教室上课」「下周一几点到」: what, where and when of a day's sessions.
    new RegExp(`^(?:请问)?(?<rest>${WHEN})(?:的课)?(?:讲|学|上)(?:什么|啥)(?:内容)?${TAIL}$`),
    new RegExp(`^(?:请问)?(?<rest>${WHEN})(?:的课)?(?:在|去)(?:哪|哪里|哪儿|哪个(?:教室|地方|会场|报告厅))(?:上课|上)?${TAIL}$`),
    new RegExp(`^(?:请问)?(?<rest>${DAY}${HALF}?)(?:的课)?(?:是)?(?:几点|什么时候|啥时候)(?:到|签到)${TAIL}$`),
    // 「晚上还有研讨吗」: a kind of session asked about.
    new RegExp(`^(?<rest>${WHEN})(?:还|也)?(?:有没有|有)(?:研讨|讲座|活动|课程?)(?:吗|么|没|没有)?${TAIL}$`),
    // 「这周还剩几天课」: what is left is the timetable from now on.
    new RegExp(`^(?:这周|本周|这星期|这个星期)(?:还)?(?:剩|有)几(?:天|节|次)课${TAIL}$`),
    new RegExp(`^(?:请问)?(?<rest>${WHEN})(?:的课|上课|的课程)?(?:是)?(?:几点|什么时候|啥时候|几点钟)(?:开始|上课|开课)?${TAIL}$`),
    // 「明天几点开始上课啊」 names its day (「下午几点开始上课？」 alone is asked of anyone).
    new RegExp(`^(?<rest>${DAY}${HALF}?)(?:的课)?(?:几点|什么时候|啥时候|几点钟)开始(?:上课|开课)${TAIL}$`),
    // 「周六上课吗」「今天下午还有课吗」「明天有没有课」: whether there is class, answered with what is on.
    new RegExp(`^(?<rest>${WHEN})(?:还|也)?(?:有没有课|上不上课|(?:要|有|上)?课?(?:吗|么|没|没有|不)|(?:要|有)课(?:吗|么|没|没有)?)${TAIL}$`),
    new RegExp(`^(?<rest>${WHEN})(?:的课)?(?:是)?(?:谁讲课?|谁上课?|哪位(?:专家|老师)讲课?|主讲是谁|谁主讲)${TAIL}$`),
    // 「下节课几点」「下一次课是什么时候」: the next session.
    new RegExp(`^(?<rest>${NEXT})(?:是)?(?:几点|什么时候|啥时候|哪天|在哪(?:里|儿)?|是什么|上什么|谁讲)?(?:开始)?(?:上课)?${TAIL}$`),
    new RegExp(`^(?<rest>${WHEN})的?(?:课表|课程表|课程安排)(?:发|给我|看看|看|发我|发给我|发群里)?(?:一下|下)?(?:吧|呗)?$`),
    // 「课表发群里吧，找不到了」: the request, then why.
    /^(?:把|请)?(?:课表|课程表)(?:发|给我|看看|看|发我|发给我|发群里)(?:一下|下)?(?:吧|呗)?(?:[,，。\s]+[^?？]{0,12})?$/,
  ],
  startsSentences: true,
  slash: ['timetable'],
  audience: ['TRAINEE', 'TUTOR', 'SCHOOL_CONTACT', 'COUNTY_CONTACT'],
  // What day was read is kept beside the words (the run reads them again with the class's own dates).
  parse: (rest, message) => {
    const asked = rest ? askedDay(rest, message.sentAt, NO_DAYS) : null;
    return { day: rest || undefined, date: asked?.date, half: asked?.half };
  },
  args: z.object({ day: z.string().max(40).optional(), date: z.object({ year: z.number(), month: z.number(), day: z.number() }).optional(), half: z.string().optional() }),
  async run(ctx, { day }) {
    const { app } = ctx;
    const classId = classToShow(ctx);
    const days = await classDays(app.db, classId);
    const header = [app.t('timetable.header', { className: days.name }), classDaysLine(days)].filter(Boolean).join('\n');
    if (day && new RegExp(`^${NEXT}$`).test(day)) {
      const next = await nextSession(app, classId);
      return next ? ctx.reply('timetable.next', { line: sessionLine(next) }) : ctx.reply('timetable.noNext');
    }
    if (day) {
      const asked = askedDay(day, ctx.at, days);
      if (!asked) throw new UserError('timetable.badDay');
      const sessions = await sessionsOn(app.db, classId, asked.date, asked.half);
      const when = `${asked.date.month}月${asked.date.day}日${asked.half ?? ''}`;
      if (sessions.length === 0) return ctx.reply('timetable.noneOn', { when });
      return ctx.reply('timetable.on', { when, list: sessions.map((s) => sessionLine(s)).join('\n') });
    }
    const sessions = await upcomingSessions(app, classId);
    if (sessions.length === 0) return ctx.reply('timetable.empty', { className: days.name });
    const text = [header, ...sessions.map((s) => sessionLine(s))].join('\n');
    if (ctx.message.chat.kind === 'group' && sessions.length > GROUP_LINES) {
      return ctx.sendDetailsPrivately(text, { sent: 'timetable.sentPrivately', unreachable: 'timetable.cannotReachPrivately' });
    }
    await app.outbox.send({ chat: ctx.message.chat, text });
  },
});
