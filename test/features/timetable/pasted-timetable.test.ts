import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatChinaDateTime } from '../../../src/core/time/parse-time-phrase.ts';
import { bindClassOfThree, TestChat, texts, threeTraineeSetup } from '../../support/chat.ts';
import { openTestDatabase, type TestDatabase } from '../../support/databases.ts';
import { jobsOption, schedulerRuns, useTestRedis } from '../../support/redis.ts';

const redis = useTestRedis();

// A ten-day class whose timetable the tutor pastes as the training centre sent it — a header, the
// dates, one line a half-day with title, speaker and venue, 「每节3学时」 once, a closing line — then
// moves and cancels sessions in sentences; the clock runs and a trainee attending all day gets 6 学时.

const PASTED = [
  '2026年国培计划·县级骨干教师（小学数学）1班 培训课程安排',
  '培训时间：12月7日—12月18日（周末休息）',
  '上午：8:30-11:30 新课标解读（主讲：张教授，地点：三楼报告厅）',
  '下午 14:30—17:30 课例研讨与磨课 主讲 王老师',
  '每节3学时',
  '请各位学员准时参加，不得迟到早退！',
].join('\n');

describe.each(schedulerRuns())('a pasted timetable and sessions moved in sentences on %s, jobs %s', (kind, jobs) => {
  let db: TestDatabase;
  let chat: TestChat;
  const tutor = () => chat.as('tutor-li', '李老师');
  const zhang = () => chat.as('u-zhang3', '张三');
  const sessions = () => db.prisma.trainingSession.findMany({ orderBy: { startsAt: 'asc' } });

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    chat = await TestChat.start(db, { at: '2026-12-03T20:00:00+08:00', setup: threeTraineeSetup(), ...jobsOption(jobs, redis) });
    await bindClassOfThree(chat);
    await tutor().says('设置班级 12月7日-12月18日 地点 县教师发展中心');
  }, 60_000);
  afterAll(async () => {
    await chat?.close();
    await db?.close();
  });

  it('when the tutor pastes the timetable without 3学时 per slot the preview lists every day and warns of nothing; 确认 makes every session 3 学时 with its own title', async () => {
    const preview = texts(await tutor().says(PASTED))[0]!;
    expect(preview).toContain('10 天，共 20 个课次，60 学时（周末除外）');
    expect(preview).toContain('12月7日（周一）08:30–11:30 新课标解读 · 3学时 · 主讲 张教授 · 三楼报告厅；14:30–17:30 课例研讨与磨课 · 3学时 · 主讲 王老师');
    expect(preview.split('\n').filter((l) => /^12月\d+日（周/.test(l))).toHaveLength(10);
    expect(preview).not.toContain('每节');
    expect(preview).not.toContain('⚠️');
    expect(texts(await tutor().says('确认'))[0]).toContain('✅ 已创建 20 个课次');
    const made = await sessions();
    expect(made.map((s) => Number(s.hours))).toEqual(Array(20).fill(3));
    expect(new Set(made.map((s) => s.title))).toEqual(new Set(['新课标解读', '课例研讨与磨课']));
  });

  it('when a pasted timetable gives no hours, runs over a weekend and past the class dates the preview says so; two overlapping slots are named', async () => {
    const preview = texts(await tutor().says('课程安排\n12月19日-12月21日\n上午 8:30-11:30 专题讲座\n下午 2:30-5:30 分组研讨'))[0]!;
    expect(preview).toContain('⚠️ 6 个课次是 0 学时');
    expect(preview).toContain('⚠️ 6 个课次不在本班培训日期内');
    expect(preview).toContain('⚠️ 4 个课次在周末');
    await tutor().says('取消');
    expect(texts(await tutor().says('课表\n12月21日-12月22日\n8:30-11:30 讲座\n10:00-12:00 研讨'))).toEqual(['08:30–11:30 和 10:00–12:00 两个时段重叠，请检查后再发。']);
    expect(await sessions()).toHaveLength(20);
  });

  it('when the tutor moves and cancels sessions in sentences the group is told; a trainee passing the news on changes nothing', async () => {
    expect(texts(await tutor().says('把12月9日上午的课改到9:00-12:00')).join('\n')).toContain('12月9日 09:00–12:00');
    expect(texts(await tutor().says('修改课次 12月11日上午 改到9点到12点')).join('\n')).toContain('12月11日 09:00–12:00');
    const cancelled = texts(await tutor().says('12月10日下午不上课了，取消'));
    expect(cancelled.join('\n')).toContain('12月10日 14:30');
    expect(cancelled.join('\n')).not.toContain('不上课了');
    expect(await zhang().says('12月16日下午不上课了')).toEqual([]);
    expect(texts(await tutor().says('12月16日下午不上课吗？'))).not.toContainEqual(expect.stringContaining('取消'));
    const after = await sessions();
    expect(after.filter((s) => s.status === 'CANCELLED').map((s) => formatChinaDateTime(s.startsAt))).toEqual(['12月10日 14:30']);
    expect(after.filter((s) => /12月(9|11)日 09:00/.test(formatChinaDateTime(s.startsAt))).map((s) => s.title)).toEqual(['新课标解读', '新课标解读']);
  });

  it('when the clock runs the moved session opens at its new time, the cancelled never, and a trainee attending all day is credited 6 学时', async () => {
    await chat.at('2026-12-08T08:35:00+08:00');
    await zhang().says('签到');
    await chat.at('2026-12-08T14:35:00+08:00');
    await zhang().says('签到');
    const run = await chat.at('2026-12-10T20:00:00+08:00');
    const openings = run.filter((s) => s.chat === 'g-math1' && s.text.includes('现在开始签到')).map((s) => s.time);
    expect(openings).toEqual(['2026-12-09T08:30:00+08:00', '2026-12-09T14:00:00+08:00', '2026-12-10T08:00:00+08:00']);
    const report = texts(await chat.as('u-zhang3', '张三', { private: true }).says('学时'))[0]!;
    expect(report).toContain('合计 6 学时');
  });

  it('when trainees ask about the class in sentences they are answered from the timetable and nothing changes', async () => {
    const before = await sessions();
    expect(texts(await zhang().says('明天几点开始上课啊？'))).toEqual(['📅 12月11日的课：\n12月11日（周五）09:00–12:00 新课标解读 · 3学时 · 主讲 张教授 · 三楼报告厅\n12月11日（周五）14:30–17:30 课例研讨与磨课 · 3学时 · 主讲 王老师']);
    expect(texts(await zhang().says('周六上课吗'))).toEqual(['12月12日没有课次。']);
    expect(texts(await zhang().says('今天下午还有课吗？'))).toEqual(['12月10日下午没有课次。']);
    expect(texts(await zhang().says('下节课几点'))).toEqual(['📅 下一节课：12月11日（周五）09:00–12:00 新课标解读 · 3学时 · 主讲 张教授 · 三楼报告厅']);
    expect(texts(await zhang().says('培训地点在哪？'))[0]).toContain('培训地点：县教师发展中心');
    expect(await sessions()).toEqual(before);
  });

  it('when the tutor switches the rotating code on and off in words the next session follows; a trainee asking switches nothing', async () => {
    const next = () => db.prisma.trainingSession.findFirstOrThrow({ where: { status: 'SCHEDULED' }, orderBy: { startsAt: 'asc' } });
    expect(await zhang().says('今天签到用动态口令吗？')).toEqual([]);
    expect((await next()).codeStepSeconds).toBeNull();
    expect(texts(await tutor().says('明天签到用动态口令，60秒换一次'))[0]).toContain('已为「新课标解读」开启动态口令，每 60 秒更换');
    expect((await next()).codeStepSeconds).toBe(60);
    expect(texts(await tutor().says('动态口令先不用了'))[0]).toContain('已关闭「新课标解读」的动态口令');
    expect((await next()).codeStepSeconds).toBeNull();
  });
});
