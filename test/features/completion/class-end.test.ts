import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SentRecord } from '../../../src/adapters/playground/playground-outbox.ts';
import { bindClassOfThree, TestChat, texts, threeTraineeSetup } from '../../support/chat.ts';
import { openTestDatabase, type TestDatabase } from '../../support/databases.ts';
import { jobsOption, schedulerRuns, useTestRedis } from '../../support/redis.ts';

const redis = useTestRedis();

// 小学数学1班 runs 12月7日–12月11日, ten sessions (two may be missed). 张三 misses three, 李四 two
// (at the limit, never more), 王五 none. At the end date the survey starts by itself; 王五 does not
// answer it. When it closes the completion is recorded: 李四 completes, 张三 and 王五 do not, with why.
describe.each(schedulerRuns())('the end of a class on %s, jobs %s', (kind, jobs) => {
  let db: TestDatabase;
  let chat: TestChat;
  let ended: SentRecord[] = [];
  let recorded: SentRecord[] = [];
  let midClass: string[] = [];
  const tutor = () => chat.as('tutor-li', '李老师');
  const privateTexts = (records: SentRecord[], who: string) => records.filter((r) => r.chat === who && r.kind === 'private').map((r) => r.text);

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    chat = await TestChat.start(db, { at: '2026-12-03T20:00:00+08:00', setup: threeTraineeSetup(), ...jobsOption(jobs, redis) });
    await bindClassOfThree(chat);
    await tutor().says('设置班级 12月7日-12月11日');
    await tutor().says('课表 12月7日-12月11日 每天 8:30-11:30 学时3、14:30-17:30 学时3');
    await tutor().says('确认');
    const days = ['07', '08', '09', '10', '11'];
    let half = 0;
    for (const day of days) {
      for (const clock of ['08:35', '14:35']) {
        await chat.at(`2026-12-${day}T${clock}:00+08:00`);
        half++;
        // After two closed sessions, both missed by 张三: the tutor asks how the class stands.
        if (half === 3) midClass = texts(await chat.as('tutor-li', '李老师', { private: true }).says('结业情况 小学数学1班'));
        await chat.as('u-wang5', '王五').says('签到');
        if (half > 2) await chat.as('u-li4', '李四').says('签到');
        if (half > 3) await chat.as('u-zhang3', '张三').says('签到');
      }
    }
    await chat.at('2026-12-11T19:59:00+08:00');
  }, 180_000);
  afterAll(async () => {
    await chat?.close();
    await db?.close();
  });

  it('when 张三 has missed two of ten sessions mid-class the tutor’s 结业情况 lists him at risk with the exact reason (he is excluded at the end below)', () => {
    expect(midClass.join('\n')).toContain('· 张三：缺勤 2 次，再缺 1 次将不能结业');
  });

  it('when the end date comes the survey starts by itself and nothing is recorded yet', async () => {
    ended = await chat.at('2026-12-11T20:00:00+08:00');
    expect(ended.filter((r) => r.kind === 'private' && r.text.startsWith('📝「小学数学1班」培训满意度评价')).map((r) => r.chat).sort()).toEqual(['u-li4', 'u-wang5', 'u-zhang3']);
    expect(await db.prisma.survey.count()).toBe(1);
    expect(await db.prisma.classCompletion.count()).toBe(0);
    expect(ended.some((r) => r.text.includes('结业：'))).toBe(false);
  });

  it('when the survey has closed the completion is recorded per trainee and the tutor and county contact get the list with the reasons', async () => {
    await chat.as('u-li4', '李四', { private: true }).says('评价 5 5 5 5');
    await chat.as('u-zhang3', '张三', { private: true }).says('评价 4 4 4 4');
    recorded = await chat.at('2026-12-14T09:00:00+08:00');
    for (const who of ['tutor-li', 'contact-wang']) {
      const list = privateTexts(recorded, who).find((t) => t.startsWith('🎓「小学数学1班」结业'));
      expect(list?.split('\n')).toEqual([
        '🎓「小学数学1班」结业：1/3 人结业。',
        '✅ 结业：李四',
        '❌ 未结业 2 人：',
        '· 张三：缺勤 3 次，超过允许的 2 次',
        '· 王五：未填写满意度评价',
        '学时可以认定了：发「认定学时」。学员可发「结业证书」领取证书。',
      ]);
    }
    const rows = await db.prisma.classCompletion.findMany({ orderBy: { personId: 'asc' } });
    const names = new Map((await db.prisma.person.findMany()).map((p) => [p.id, p.name]));
    expect(rows.map((r) => [names.get(r.personId), r.completed, r.reasons])).toEqual([
      ['张三', false, ['缺勤 3 次，超过允许的 2 次']],
      ['李四', true, []],
      ['王五', false, ['未填写满意度评价']],
    ]);
    const li = await db.prisma.person.findFirstOrThrow({ where: { name: '李四' } });
    expect((await db.prisma.enrolment.findFirstOrThrow({ where: { personId: li.id } })).status).toBe('COMPLETED');
  });

  it('when the completion is recorded, 结业 again changes nothing, the one who completed gets a 结业证书 and the others hear why not', async () => {
    expect(texts(await tutor().says('结业'))).toEqual(['这个班的结业情况已经记录过了。']);
    const li = await chat.as('u-li4', '李四', { private: true }).says('结业证书');
    expect(li.find((r) => r.files?.length)?.text).toMatch(/^🎓「小学数学1班」结业证书，编号 YX-/);
    expect(texts(await chat.as('u-zhang3', '张三', { private: true }).says('结业证书'))).toEqual([
      '按结业条件，您这个班未能结业（缺勤 3 次，超过允许的 2 次），所以没有结业证书；可以发「证明」领取学时证明。如有疑问请联系辅导老师。',
    ]);
  });

  it('when a trainee says 结业 the bot refuses politely', async () => {
    expect(texts(await chat.as('u-wang5', '王五').says('结业'))).toEqual(['抱歉，您没有权限执行这个操作。']);
  });
});

describe('结业 by the tutor before the end date, with no survey required', () => {
  it('when the tutor says 结业 the completion is recorded at once and the list arrives', async () => {
    const db = await openTestDatabase('pglite');
    const setup = threeTraineeSetup();
    setup.classes[0].completion = { survey: false };
    const chat = await TestChat.start(db, { at: '2026-12-03T20:00:00+08:00', setup });
    try {
      await bindClassOfThree(chat);
      const sent = await chat.as('tutor-li', '李老师').says('结业');
      expect(sent.find((r) => r.chat === 'g-math1')?.text).toBe('已记录结业情况，名单已私信给辅导老师和县负责人。');
      expect(sent.find((r) => r.chat === 'tutor-li')?.text.split('\n')[0]).toBe('🎓「小学数学1班」结业：3/3 人结业。');
      expect(await db.prisma.survey.count()).toBe(0);
    } finally {
      await chat.close();
      await db.close();
    }
  }, 120_000);
});
