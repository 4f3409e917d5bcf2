import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatChinaDateTime } from '../../../src/core/time/parse-time-phrase.ts';
import { bindClassOfThree, TestChat, texts, threeTraineeSetup } from '../../support/chat.ts';
import { openTestDatabase, type TestDatabase } from '../../support/databases.ts';
import { jobsOption, schedulerRuns, useTestRedis } from '../../support/redis.ts';

const redis = useTestRedis();

// Timetables as tutors write them in a hurry — weekends off said their own way, a field line for the
// venue and one naming each day's lecturer, 确认 inside a short answer — then a whole day called off
// and a session shifted with the new clocks after the shift.

const PASTED = ['培训课程安排', '时间：12月14日—12月17日', '上午 8:30-11:30（3学时）', '下午 14:30-17:30（3学时）', '培训地点：二楼录播教室', '主讲：14日覃海燕 15日蒙志强 16-17日跟岗研修'].join('\n');

describe.each(schedulerRuns())('timetables and sessions written as sentences on %s, jobs %s', (kind, jobs) => {
  let db: TestDatabase;
  let chat: TestChat;
  const tutor = () => chat.as('tutor-li', '李老师');
  const sessions = () => db.prisma.trainingSession.findMany({ orderBy: { startsAt: 'asc' } });

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    chat = await TestChat.start(db, { at: '2026-12-10T20:00:00+08:00', setup: threeTraineeSetup(), ...jobsOption(jobs, redis) });
    await bindClassOfThree(chat);
  }, 60_000);
  afterAll(async () => {
    await chat?.close();
    await db?.close();
  });

  it('when the tutor pastes a timetable with a venue line and a lecturer per day, 「可以，确认」 makes every session with that day\'s lecturer and the venue', async () => {
    const preview = texts(await tutor().says(PASTED))[0]!;
    expect(preview).toContain('共 8 个课次，24 学时');
    expect(preview).toContain('主讲 覃海燕');
    expect(texts(await tutor().says('可以，确认'))[0]).toContain('已创建 8 个课次');
    const made = await sessions();
    expect(made.map((s) => s.lecturer)).toEqual(['覃海燕', '覃海燕', '蒙志强', '蒙志强', null, null, null, null]);
    expect(made.slice(4).map((s) => s.title)).toEqual(Array(4).fill('跟岗研修'));
    expect(new Set(made.map((s) => s.place))).toEqual(new Set(['二楼录播教室']));
  });

  it('when a weekly timetable says 「每周二晚上」 only Tuesdays are planned; 「算了取消，日期写错了」 drops it', async () => {
    const preview = texts(await tutor().says('排课 12月21日至1月5日 每周二晚上七点到九点 线上研修 2学时'))[0]!;
    expect(preview).toContain('共 3 个课次，6 学时');
    expect(texts(await tutor().says('算了取消，日期写错了'))[0]).toContain('取消');
    expect(await sessions()).toHaveLength(8);
  });

  it('when the tutor calls off a day without a half-day both its sessions are cancelled, and a shift with new clocks moves one', async () => {
    await tutor().says('12月16日不上课，全县统一监考');
    await tutor().says('15号上午的课往后推一个小时，9:30-12:30');
    const after = await sessions();
    expect(after.filter((s) => s.status === 'CANCELLED').map((s) => formatChinaDateTime(s.startsAt))).toEqual(['12月16日 08:30', '12月16日 14:30']);
    expect(after.map((s) => formatChinaDateTime(s.startsAt))).toContain('12月15日 09:30');
  });
});
