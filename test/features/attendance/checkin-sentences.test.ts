import { beforeEach, describe, expect, it } from 'vitest';
import { TestChat, bindClassOfThree, freshChatPerTest, texts, threeTraineeSetup } from '../../support/chat.ts';
import type { TestDatabase } from '../../support/databases.ts';
import type { SentRecord } from '../../../src/adapters/playground/playground-outbox.ts';
import { jobsOption, schedulerRuns, useTestRedis } from '../../support/redis.ts';

// Check-ins, corrections and decisions as people type them in the group: the verb in the middle or
// at the end, a code on its own, a decision after a word of assent. The class (张三, 李四, 王五) has a
// morning session 8:30–11:30 each weekday of 11月23日–27日; it is Monday 11月23日 08:20, check-in open.

const redis = useTestRedis();

describe.each(schedulerRuns())('check-ins and corrections written as sentences on %s, jobs %s', (kind, jobs) => {
  const options = () => ({ at: '2026-11-22T20:00:00+08:00', setup: threeTraineeSetup(), ...jobsOption(jobs, redis, 'checkin-sentences') });
  const ctx = freshChatPerTest(kind, options, async (chat) => {
    await bindClassOfThree(chat);
    await chat.as('tutor-li', '李老师').says('课表 11月23日-11月27日 每天 8:30-11:30 学时3');
    await chat.as('tutor-li', '李老师').says('确认');
    await chat.at('2026-11-23T08:20:00+08:00');
  });
  let db: TestDatabase;
  let chat: TestChat;
  beforeEach(() => {
    db = ctx.db();
    chat = ctx.chat();
  });
  const tutor = () => chat.as('tutor-li', '李老师');
  const group = (sent: SentRecord[]) => texts(sent.filter((s) => s.chat === 'g-math1'));
  const present = async () => (await db.prisma.checkIn.findMany({ where: { status: { in: ['PRESENT', 'LATE'] } }, include: { person: true } })).map((c) => c.person.name).sort();
  const marks = async () => Object.fromEntries((await db.prisma.checkIn.findMany({ include: { person: true } })).map((c) => [c.person.name, [c.status, c.remark]]));

  it('when trainees check in inside a sentence they are checked in once, and stories, others and later are not check-ins', async () => {
    await chat.as('u-zhang3', '张三').says('老师早，签个到🌞');
    await chat.as('u-li4', '李四').says('我已经到三楼会议室了，签到');
    await chat.as('u-wang5', '王五').says('到了，结果投影还没开😂');
    await chat.as('u-wang5', '王五').says('等会儿再签到，先去停车');
    expect(Object.keys(await marks()).sort()).toEqual(['张三', '李四']);
    await chat.as('u-wang5', '王五').says('人到了，在后门这边✋');
    expect((await marks())['王五']).toEqual(['PRESENT', null]);
  });

  it('when a trainee sends only a number it checks in where the session asks for a code, and is chatter where none is asked', async () => {
    expect(await chat.as('u-zhang3', '张三').says('2026')).toEqual([]);
    expect(await present()).toEqual([]);
    await tutor().says('结束签到');
    await chat.at('2026-11-24T14:00:00+08:00');
    await tutor().says('发起签到 现在到17:00 学时3 口令6629');
    expect(await chat.as('u-li4', '李四').says('6628')).toEqual([]);
    expect(await present()).toEqual([]);
    await chat.as('u-li4', '李四').says('6629');
    expect(await present()).toEqual(['李四']);
  });

  it('when the tutor corrects as she speaks (names first, 把/给, a mark after a mark) the marks change with her remark', async () => {
    await chat.at('2026-11-23T11:40:00+08:00');
    await tutor().says('给李四和王五补签一下，刚才网络断了');
    expect(await marks()).toEqual({ 张三: ['ABSENT', null], 李四: ['PRESENT', '刚才网络断了'], 王五: ['PRESENT', '刚才网络断了'] });
    await tutor().says('李四 出勤改迟到 九点才进的会场');
    await tutor().says('张三上午的改成请假，她提前跟我说过');
    expect(await marks()).toEqual({ 张三: ['LEAVE', '她提前跟我说过'], 李四: ['LATE', '九点才进的会场'], 王五: ['PRESENT', '刚才网络断了'] });
  });

  it('when the tutor decides after a word of assent or names the request first, the right request is decided; a relayed leave files nothing', async () => {
    await chat.as('u-li4', '李四').says('王五今天请假了，他托我说一声');
    expect(await db.prisma.leaveRequest.count()).toBe(0);
    await chat.as('u-wang5', '王五').says('请假 明天上午 孩子发烧');
    await chat.as('u-li4', '李四').says('请假 后天上午 学校有检查');
    expect(group(await tutor().says('可以，批准王五请假，早日康复'))).toEqual([expect.stringContaining('王五')]);
    await tutor().says('李四的请假不批，后天是考核');
    const decided = await db.prisma.leaveRequest.findMany({ include: { person: true }, orderBy: { id: 'asc' } });
    expect(decided.map((l) => `${l.person.name}|${l.status}|${l.note ?? ''}`)).toEqual(['王五|APPROVED|早日康复', '李四|REJECTED|后天是考核']);
  });

  it('when a reading waits for 是 and a 课表 preview waits too, 确认 answers the reading first and the next 确认 the preview', async () => {
    await chat.at('2026-11-23T11:40:00+08:00');
    await tutor().says('王午改迟到，手机没电');
    const before = await db.prisma.trainingSession.count();
    await tutor().says('课表 11月30日-12月4日 每天 8:30-11:30 学时3');
    expect(group(await tutor().says('确认'))).toEqual(['已将 王五 在「11月23日 08:30 课次」（11月23日 08:30–11:30）的考勤改为：迟到（备注：手机没电）。']);
    expect(await db.prisma.trainingSession.count()).toBe(before);
    await tutor().says('确认');
    expect(await db.prisma.trainingSession.count()).toBe(before + 5);
  });

  it('when a reading waits for 是 and the bot restarts, the tutor’s 是 still applies it as restated', async () => {
    await chat.at('2026-11-23T11:40:00+08:00');
    expect(group(await tutor().says('王午改迟到，手机没电'))).toEqual(['您是说王五吗？回复『是』确认，将 王五 的考勤改为：迟到。']);
    await chat.close();
    const after = await TestChat.start(db, { at: '2026-11-23T11:42:00+08:00' });
    try {
      // Message ids restart with each playground session: this one gets its own, or it counts as a replay.
      const done = await after.as('tutor-li', '李老师').says('是', { id: 'after-restart-1' });
      expect(texts(done.filter((s) => s.chat === 'g-math1'))).toEqual(['已将 王五 在「11月23日 08:30 课次」（11月23日 08:30–11:30）的考勤改为：迟到（备注：手机没电）。']);
      expect(await db.prisma.pendingReading.count()).toBe(0);
    } finally {
      await after.close();
    }
  });
});
