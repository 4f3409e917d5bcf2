import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SentRecord } from '../../../src/adapters/playground/playground-outbox.ts';
import { formatChinaDateTime } from '../../../src/core/time/parse-time-phrase.ts';
import { bindClassOfThree, TestChat, texts, threeTraineeSetup } from '../../support/chat.ts';
import { openTestDatabase, type TestDatabase } from '../../support/databases.ts';
import { jobsOption, schedulerRuns, useTestRedis } from '../../support/redis.ts';

const redis = useTestRedis();

// A ten-day county class (12月7日–18日, two sessions a weekday): the tutor sets its dates and venue,
// types the whole timetable in one message, confirms it, moves one morning and cancels one
// afternoon; trainees ask what is on; the clock runs through the first four days.

const TIMETABLE = '课表 12月7日-12月18日 每天 8:30-11:30 学时3、14:30-17:30 学时3 周末除外';

describe.each(schedulerRuns())('a ten-day class timetable on %s, jobs %s', (kind, jobs) => {
  let db: TestDatabase;
  let chat: TestChat;
  const tutor = () => chat.as('tutor-li', '李老师');
  const zhang = (where: { group?: string; private?: boolean } = { group: 'g-math1' }) => chat.as('u-zhang3', '张三', where);
  const sessions = () => db.prisma.trainingSession.findMany({ orderBy: { startsAt: 'asc' } });
  let clockRun: SentRecord[] = [];

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    chat = await TestChat.start(db, { at: '2026-12-03T20:00:00+08:00', setup: threeTraineeSetup(), ...jobsOption(jobs, redis) });
    await bindClassOfThree(chat);
  }, 60_000);
  afterAll(async () => {
    await chat?.close();
    await db?.close();
  });

  it('when the tutor sets the dates and venue in chat they are saved and shown in 班级信息 and 帮助; a trainee cannot set them', async () => {
    const reply = texts(await tutor().says('设置班级 12月7日-12月18日 地点 县教师发展中心三楼报告厅 坐标 33.85，115.78 半径300米'));
    expect(reply[0]).toContain('✅ 已保存');
    const cls = await db.prisma.trainingClass.findFirstOrThrow({ where: { name: '小学数学1班' } });
    expect(cls).toMatchObject({ venue: '县教师发展中心三楼报告厅', venueLatitude: 33.85, venueLongitude: 115.78, venueRadiusMeters: 300 });
    expect(cls.startsOn?.toISOString().slice(0, 10)).toBe('2026-12-07');
    expect(cls.endsOn?.toISOString().slice(0, 10)).toBe('2026-12-18');
    expect(texts(await zhang().says('@研修助手 设置班级 12月8日-12月9日 地点 我家'))).toEqual(['抱歉，您没有权限执行这个操作。']);
    expect((await db.prisma.trainingClass.findFirstOrThrow({ where: { name: '小学数学1班' } })).venue).toBe('县教师发展中心三楼报告厅');
    const info = texts(await zhang().says('班级信息'))[0]!;
    expect(info).toContain('培训日期：2026年12月7日 至 2026年12月18日');
    expect(info).toContain('培训地点：县教师发展中心三楼报告厅');
    expect(texts(await zhang().says('帮助'))[0]).toContain('本班：12月7日–12月18日 · 县教师发展中心三楼报告厅');
  });

  it('when the tutor types the ten-day timetable in one message a preview counts 20 sessions and lists every day; 确认 creates them', async () => {
    const preview = texts(await tutor().says(TIMETABLE))[0]!;
    expect(preview).toContain('10 天，共 20 个课次，60 学时（周末除外）');
    expect(preview).toContain('\n12月7日（周一）08:30–11:30 · 3学时；14:30–17:30 · 3学时\n');
    expect(preview).toContain('\n12月18日（周五）08:30–11:30 · 3学时；14:30–17:30 · 3学时\n');
    expect(await sessions()).toHaveLength(0);
    expect(texts(await tutor().says('确认'))[0]).toContain('✅ 已创建 20 个课次');
    const made = await sessions();
    expect(made).toHaveLength(20);
    expect(made.map((s) => formatChinaDateTime(s.startsAt)).filter((t) => /12月1[23]日|12月19日/.test(t))).toEqual([]);
  });

  it('when the same timetable is sent again every clash is named and nothing is created', async () => {
    const reply = texts(await tutor().says(TIMETABLE))[0]!;
    expect(reply).toContain('有 20 个课次无法创建');
    expect(reply).toContain('12月7日 08:30–11:30 与已有课次');
    expect(texts(await tutor().says('确认'))).not.toContainEqual(expect.stringContaining('已创建'));
    expect(await sessions()).toHaveLength(20);
  });

  it('when the tutor writes the times with tildes and Chinese commas (上午8:30~11:30，下午2:30～5:30) the preview reads them as ranges', async () => {
    const preview = texts(await tutor().says('课表：12月21日至22日，上午8:30~11:30，下午2:30～5:30'))[0]!;
    expect(preview).toContain('2 天，共 4 个课次');
    expect(preview).toContain('12月22日（周二）08:30–11:30；14:30–17:30');
    expect(preview).toContain('⚠️ 4 个课次是 0 学时');
    expect(preview).toContain('⚠️ 4 个课次不在本班培训日期内');
    await tutor().says('取消');
    expect(await sessions()).toHaveLength(20);
  });

  it('when a trainee sends a timetable it is refused and nothing is drafted', async () => {
    expect(texts(await zhang().says('@研修助手 课表 12月21日-12月22日 每天 8:30-11:30'))).toEqual(['抱歉，您没有权限执行这个操作。']);
  });

  it('when the tutor moves one morning and cancels one afternoon the group is told and the other sessions stay', async () => {
    const moved = texts(await tutor().says('修改课次 12月9日上午 9:00-12:00'));
    expect(moved.join('\n')).toContain('12月9日 09:00–12:00');
    // 「下午 3点-6点」 keeps the half-day: 15:00, not 03:00; then it is put back.
    expect(texts(await tutor().says('修改课次 12月11日下午 3点-6点')).join('\n')).toContain('12月11日 15:00–18:00');
    expect(texts(await tutor().says('修改课次 12月11日下午 12月11日 14:30-17:30')).join('\n')).toContain('12月11日 14:30–17:30');
    expect(texts(await tutor().says('修改课次 12月12日上午 9:00-12:00'))).toEqual(['12月12日上午没有可以修改或取消的课次。']);
    const cancelled = texts(await tutor().says('取消课次 12月10日下午 专家临时有事'));
    expect(cancelled.join('\n')).toContain('专家临时有事');
    const after = await sessions();
    expect(after.filter((s) => s.status === 'CANCELLED').map((s) => formatChinaDateTime(s.startsAt))).toEqual(['12月10日 14:30']);
    expect(after.filter((s) => formatChinaDateTime(s.startsAt).startsWith('12月9日')).map((s) => formatChinaDateTime(s.startsAt))).toEqual(['12月9日 09:00', '12月9日 14:30']);
    expect(after.filter((s) => s.status === 'SCHEDULED')).toHaveLength(19);
  });

  it('when trainees ask what is on they get that day or half-day, and the long timetable privately', async () => {
    await chat.at('2026-12-08T07:00:00+08:00');
    expect(texts(await zhang().says('今天上什么课'))[0]).toBe('📅 12月8日的课：\n12月8日（周二）08:30–11:30 · 3学时\n12月8日（周二）14:30–17:30 · 3学时');
    expect(texts(await zhang().says('明天几点？'))[0]).toContain('12月9日（周三）09:00–12:00');
    expect(texts(await zhang().says('下午几点开始'))[0]).toBe('📅 12月8日下午的课：\n12月8日（周二）14:30–17:30 · 3学时');
    const group = await zhang().says('课表');
    expect(group.find((r) => r.chat === 'g-math1')?.text).toContain('已私信发给您');
    const full = group.find((r) => r.kind === 'private')!.text.split('\n');
    expect(full[0]).toBe('📅「小学数学1班」课表');
    expect(full[1]).toBe('12月7日–12月18日 · 县教师发展中心三楼报告厅');
    expect(full.filter((l) => l.includes('（周'))).toHaveLength(17);
    expect(full.join('\n')).not.toContain('12月10日（周四）14:30');
    expect(texts(await zhang({ private: true }).says('课表 12月10日'))).toEqual(['📅 12月10日的课：\n12月10日（周四）08:30–11:30 · 3学时']);
  });

  it('when the clock runs the moved session opens at its new time, the cancelled one never opens, and every other opens on time', async () => {
    clockRun = await chat.at('2026-12-10T20:00:00+08:00');
    const openings = clockRun.filter((s) => s.chat === 'g-math1' && s.text.includes('现在开始签到')).map((s) => s.time);
    expect(openings).toEqual([
      '2026-12-08T08:00:00+08:00',
      '2026-12-08T14:00:00+08:00',
      '2026-12-09T08:30:00+08:00',
      '2026-12-09T14:00:00+08:00',
      '2026-12-10T08:00:00+08:00',
    ]);
    const closed = await db.prisma.trainingSession.count({ where: { status: 'CLOSED' } });
    expect(closed).toBe(7);
  });
});
