import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '../../support/databases.ts';
import { bindClassOfThree, TestChat, texts, threeTraineeSetup } from '../../support/chat.ts';
import type { SentRecord } from '../../../src/adapters/playground/playground-outbox.ts';
import { jobsOption, schedulerRuns, useTestRedis } from '../../support/redis.ts';

const redis = useTestRedis();

// Ten sessions over five days; the default rule (attend 80 %, leave counted as missed) allows two
// missed sessions. 张三 misses the first day entirely, then the next morning.
describe.each(schedulerRuns())('completion standing during the class on %s, jobs %s', (kind, jobs) => {
  let db: TestDatabase;
  let chat: TestChat;
  const tutor = (where: { group?: string; private?: boolean } = { group: 'g-math1' }) => chat.as('tutor-li', '李老师', where);
  const privateTo = (records: SentRecord[], who: string) => records.filter((r) => r.chat === who && r.kind === 'private').map((r) => r.text);
  const attend = async (day: string, half: '08:35' | '14:35', names: [string, string][]) => {
    await chat.at(`2026-12-${day}T${half}:00+08:00`);
    for (const [id, name] of names) await chat.as(id, name).says('签到');
  };
  const others: [string, string][] = [['u-li4', '李四'], ['u-wang5', '王五']];

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    chat = await TestChat.start(db, { at: '2026-12-03T20:00:00+08:00', setup: threeTraineeSetup(), ...jobsOption(jobs, redis) });
    await bindClassOfThree(chat);
    await tutor().says('课表 12月7日-12月11日 每天 8:30-11:30 学时3、14:30-17:30 学时3');
    expect(texts(await tutor().says('确认'))[0]).toContain('已创建 10 个课次');
  }, 60_000);
  afterAll(async () => {
    await chat?.close();
    await db?.close();
  });

  it('when a trainee misses a first session nobody is warned; when a second would leave no margin the trainee and the tutor are told privately, once', async () => {
    await attend('07', '08:35', others);
    await attend('07', '14:35', others);
    const morningClose = await chat.at('2026-12-07T14:40:00+08:00');
    expect(morningClose.some((r) => r.text.includes('再缺 1 次将不能结业'))).toBe(false);
    const evening = await chat.at('2026-12-07T20:00:00+08:00');
    expect(privateTo(evening, 'u-zhang3')).toContain('⚠️ 提醒：您在「小学数学1班」已缺勤 2 次，再缺 1 次将不能结业。如有事请提前请假并联系辅导老师。');
    expect(privateTo(evening, 'tutor-li')).toContain('⚠️「小学数学1班」张三已缺勤 2 次，再缺 1 次将不能结业。');
    expect(evening.filter((r) => r.kind === 'group' && r.text.includes('再缺 1 次'))).toEqual([]);
    expect(evening.filter((r) => r.text.includes('再缺 1 次')).map((r) => r.chat).sort()).toEqual(['tutor-li', 'u-zhang3']);
  });

  it('when the tutor asks 结业情况 the at-risk trainee is named with the exact reason and the others meet the rules', async () => {
    const report = privateTo(await tutor().says('结业情况'), 'tutor-li').join('\n');
    expect(report).toContain('🎓「小学数学1班」结业情况（已上 2/10 次课）');
    expect(report).toContain('出勤不少于 80%（共 10 次，最多缺 2 次）；请假计入缺勤');
    expect(report).toContain('✅ 目前符合 2 人：李四、王五');
    expect(report).toContain('· 张三：缺勤 2 次，再缺 1 次将不能结业');
  });

  it('when a trainee asks 我能结业吗 they get their own standing only', async () => {
    const mine = texts(await chat.as('u-zhang3', '张三', { private: true }).says('我能结业吗？')).join('\n');
    expect(mine).toContain('⚠️「小学数学1班」：缺勤 2 次，再缺 1 次将不能结业。');
    expect(mine).not.toContain('李四');
    const li = texts(await chat.as('u-li4', '李四', { private: true }).says('我可以结业吗')).join('\n');
    expect(li).toContain('🎓「小学数学1班」：目前符合结业条件（缺勤 0 次，最多可缺 2 次）。');
    expect(li).not.toContain('张三');
  });

  it('when the trainee misses one more session they are listed as unable to complete, with the count, and are not warned again', async () => {
    await attend('08', '08:35', others);
    const closed = await chat.at('2026-12-08T12:00:00+08:00');
    expect(closed.some((r) => r.text.includes('再缺 1 次'))).toBe(false);
    const report = privateTo(await tutor({ private: true }).says('结业情况 小学数学1班'), 'tutor-li').join('\n');
    expect(report).toContain('❌ 不能结业 1 人：\n· 张三：缺勤 3 次，超过允许的 2 次');
  });

  it('when a trainee asks for the class completion list the bot refuses politely', async () => {
    expect(texts(await chat.as('u-li4', '李四').says('结业情况'))).toEqual(['抱歉，您没有权限执行这个操作。']);
  });
});

describe('completion rules from the setup file', () => {
  it('when a class sets its own rules in the setup file 结业情况 reports them instead of the defaults', async () => {
    const db = await openTestDatabase('pglite');
    const setup = threeTraineeSetup();
    setup.classes[0].completion = { minAttendance: 0.9, leave: 'excused', survey: false, minLogs: 2 };
    const chat = await TestChat.start(db, { at: '2026-12-03T20:00:00+08:00', setup });
    try {
      await bindClassOfThree(chat);
      await chat.as('tutor-li', '李老师').says('课表 12月7日-12月11日 每天 8:30-11:30 学时3、14:30-17:30 学时3');
      await chat.as('tutor-li', '李老师').says('确认');
      const report = texts(await chat.as('tutor-li', '李老师', { private: true }).says('结业情况 小学数学1班')).join('\n');
      expect(report).toContain('结业条件：出勤不少于 90%（共 10 次，最多缺 1 次）；请假不计缺勤；作业全部提交；研修日志至少 2 篇');
      expect(report).not.toContain('满意度');
      expect(report).toContain('· 张三：研修日志 0/2 篇');
    } finally {
      await chat.close();
      await db.close();
    }
  }, 120_000);
});
