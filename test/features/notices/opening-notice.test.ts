import { beforeEach, describe, expect, it } from 'vitest';
import type { TestDatabase } from '../../support/databases.ts';
import { exampleSetup, freshChatPerTest, TestChat, texts } from '../../support/chat.ts';
import { jobsOption, schedulerRuns, useTestRedis } from '../../support/redis.ts';

const redis = useTestRedis();

// 派训难: the opening notice reaches each school's group with its selected teachers @mentioned,
// 收到 is tallied, the silent are reminded, then their school contact and the county contact are told.

function setup() {
  const s = exampleSetup();
  s.people.push({ name: '周校长', phone: '13900000021', school: '实验小学', roles: [{ role: 'SCHOOL_CONTACT' }], accounts: [{ platform: 'playground', userId: 'head-zhou' }] });
  // A teacher of 实验小学 on the county's roster but in no class: a replacement named without a phone.
  s.people.push({ name: '冯十二', phone: '13800007777', school: '实验小学' });
  s.groups = [
    { platform: 'playground', chatId: 'g-chengguan', title: '城关小学教师群', school: '城关小学' },
    { platform: 'playground', chatId: 'g-math1', title: '小学数学1班群', class: '小学数学1班' },
  ];
  return { at: '2026-11-22T09:00:00+08:00', setup: s };
}

describe.each(schedulerRuns())('the class-opening notice on %s, jobs %s', (kind, jobs) => {
  const ctx = freshChatPerTest(kind, () => ({ ...setup(), ...jobsOption(jobs, redis) }), async (chat) => {
    for (const [id, name, tail, group] of [
      ['u-zhang3', '张三', '1111', 'g-chengguan'],
      ['u-li4', '李四', '2222', 'g-chengguan'],
      ['u-wang5', '王五', '3333', 'g-math1'],
      ['u-zhao6', '赵六', '4444', 'g-math1'],
    ] as const) {
      await chat.as(id, name, { group }).says(`绑定 ${name} ${tail}`);
    }
  });
  let db: TestDatabase;
  let chat: TestChat;
  beforeEach(() => {
    db = ctx.db();
    chat = ctx.chat();
  });
  const wang = () => chat.as('contact-wang', '王主任', { private: true });

  it('when the county contact sends it, each school group gets it with its teachers @mentioned, and 收到 is acknowledged in one batch', async () => {
    const sent = await wang().says('开班通知 小学数学1班 11月30日8:30在区教师进修学校报到，请带笔记本电脑。联系人：李老师');
    const byChat = Object.fromEntries(sent.map((s) => [s.chat, s]));
    expect(byChat['g-chengguan']).toMatchObject({ mentions: ['张三', '李四'], text: expect.stringContaining('📢 开班通知：「小学数学1班」') });
    expect(byChat['g-math1']?.mentions).toEqual(['王五', '赵六']);
    expect(byChat['g-math1']?.text).toContain('（同时通知：钱七、孙八，请转告本人回复「收到」）');
    expect(byChat['contact-wang']?.text).toBe('开班通知已发出：6 位学员，2 个群。回复「确认情况」查看确认进度。');

    expect(texts(await chat.as('u-zhang3', '张三', { group: 'g-chengguan' }).says('收到！'))).toEqual([]);
    expect(texts(await chat.as('u-li4', '李四', { group: 'g-chengguan' }).says('收到'))).toEqual([]);
    expect(texts(await chat.wait(10))).toEqual(['📨 已确认收到开班通知 2 人：张三、李四']);
    expect(texts(await chat.as('u-li4', '李四', { group: 'g-chengguan' }).says('收到'))).toEqual([]);
    expect(await db.prisma.enrolment.count({ where: { status: 'CONFIRMED' } })).toBe(2);
  });

  it('when teachers stay silent they are reminded after a day, their school contact is told after two, the county contact after three, and the tally shows who', async () => {
    await wang().says('开班通知 小学数学1班 11月30日8:30报到');
    await chat.as('u-zhang3', '张三', { group: 'g-chengguan' }).says('收到');
    await chat.as('u-wang5', '王五', { group: 'g-math1' }).says('收到');

    const day1 = await chat.at('2026-11-23T09:00:01+08:00');
    expect(day1.filter((s) => s.text.startsWith('⏰')).map((s) => [s.chat, s.text, s.mentions])).toEqual([
      ['g-chengguan', '⏰「小学数学1班」开班通知还有 1 位老师未确认，请回复「收到」。', ['李四']],
      ['g-math1', '⏰「小学数学1班」开班通知还有 3 位老师未确认，请回复「收到」。', ['赵六']],
    ]);
    await chat.as('u-zhao6', '赵六', { group: 'g-math1' }).says('收到');

    const day2 = await chat.at('2026-11-24T09:00:01+08:00');
    expect(day2.filter((s) => s.chat === 'head-zhou').map((s) => s.text)).toEqual([]);
    const day3 = await chat.at('2026-11-25T09:00:01+08:00');
    const county = day3.find((s) => s.chat === 'contact-wang');
    expect(county?.text.split('\n')).toEqual(['📣「小学数学1班」开班通知仍有 3 位老师未确认：', '城关小学：李四', '古井镇中心小学：钱七、孙八']);

    const tally = await wang().says('确认情况 小学数学1班');
    expect(tally[0]?.text.split('\n')).toEqual([
      '📊「小学数学1班」开班通知确认情况：3/6',
      '· 城关小学：1/2，未确认：李四',
      '· 实验小学：2/2，未确认：无',
      '· 古井镇中心小学：0/2，未确认：钱七、孙八',
    ]);
  });

  it('when a school still has silent teachers after two days its contact is told their names', async () => {
    await wang().says('开班通知 小学数学1班 11月30日8:30报到');
    const day2 = await chat.at('2026-11-24T09:00:01+08:00');
    expect(day2.filter((s) => s.chat === 'head-zhou').map((s) => s.text)).toEqual([
      '📣「小学数学1班」开班通知：贵校（实验小学）有 2 位被选派的老师尚未确认：王五、赵六。请通知本人在群里回复「收到」，如需换人请发送「换人」。',
    ]);
  });

  it('when someone says 收到 in a group with nothing to confirm, or a trainee tries to send a notice, the bot stays polite and nothing changes', async () => {
    expect(texts(await chat.as('u-zhang3', '张三', { group: 'g-chengguan' }).says('收到'))).toEqual([]);
    expect(texts(await chat.as('u-stranger', '路人', { group: 'g-chengguan' }).says('收到'))).toEqual([]);
    expect(texts(await chat.as('u-zhang3', '张三', { private: true }).says('开班通知 小学数学1班 明天报到'))).toEqual(['抱歉，您没有权限执行这个操作。']);
    expect(await db.prisma.openingNotice.count()).toBe(0);
  });

  it('when a school contact asks to replace a silent teacher and the county contact approves, the place and the notice move to the new teacher', async () => {
    await wang().says('开班通知 小学数学1班 11月30日8:30报到');
    const head = () => chat.as('head-zhou', '周校长', { private: true });
    expect(texts(await head().says('换人 钱七 吴十 13800009999 不是本校老师'))).toEqual(['在您负责的学校里没有找到选派中的「钱七」。']);
    const asked = await head().says('换人 赵六 吴十 13800009999 原因：家中有事');
    expect(asked.map((s) => [s.chat, s.text])).toEqual([
      ['contact-wang', '🔁 实验小学 申请换人（「小学数学1班」）：赵六 → 吴十（138****9999）\n原因：家中有事\n回复「同意换人 赵六」批准，或「驳回换人 赵六 原因」驳回。'],
      ['head-zhou', '已提交换人申请：「小学数学1班」赵六 → 吴十，等待县区联系人审批。'],
    ]);
    const approved = await wang().says('同意换人 赵六');
    expect(approved.map((s) => [s.chat, s.text])).toEqual([
      ['head-zhou', '✅ 换人申请已批准：「小学数学1班」赵六 → 吴十。'],
      ['contact-wang', '已同意换人：「小学数学1班」赵六 → 吴十。'],
    ]);
    const enrolments = await db.prisma.enrolment.findMany({ where: { person: { name: { in: ['赵六', '吴十'] } } }, include: { person: true } });
    expect(Object.fromEntries(enrolments.map((e) => [e.person.name, e.status]))).toEqual({ 赵六: 'SUBSTITUTED', 吴十: 'SELECTED' });

    await chat.as('u-wu10', '吴十', { group: 'g-math1' }).says('绑定 吴十 9999');
    await chat.as('u-wu10', '吴十', { group: 'g-math1' }).says('收到');
    await chat.wait(10);
    const tally = (await wang().says('确认情况 小学数学1班'))[0]!.text;
    expect(tally).toContain('· 实验小学：1/2，未确认：王五');
    expect(tally).not.toContain('赵六');
    expect(await db.prisma.auditLog.count({ where: { action: { in: ['substitution.request', 'substitution.approve'] } } })).toBe(2);
    expect(chat.session.outbox.sent.filter((m) => /1[3-9]\d{9}/.test(m.text))).toEqual([]);
  });

  it('when a school contact names a replacement already on the roster without a phone the request goes through, and one not on the roster is asked for the phone', async () => {
    const head = () => chat.as('head-zhou', '周校长', { private: true });
    expect(texts(await head().says('换人 赵六 陈十三 原因是长期病假'))).toEqual(['名单里没有「陈十三」，请附上新老师的手机号：换人 原学员 新老师 手机号 原因']);
    const asked = await head().says('换人 赵六 冯十二 原因是长期病假');
    expect(asked.map((s) => [s.chat, s.text])).toEqual([
      ['contact-wang', '🔁 实验小学 申请换人（「小学数学1班」）：赵六 → 冯十二（138****7777）\n原因：长期病假\n回复「同意换人 赵六」批准，或「驳回换人 赵六 原因」驳回。'],
      ['head-zhou', '已提交换人申请：「小学数学1班」赵六 → 冯十二，等待县区联系人审批。'],
    ]);
    expect(await db.prisma.person.count({ where: { name: '冯十二' } })).toBe(1);
    await wang().says('同意换人 赵六');
    const enrolled = await db.prisma.enrolment.findMany({ where: { person: { name: { in: ['赵六', '冯十二'] } } }, include: { person: true } });
    expect(Object.fromEntries(enrolled.map((e) => [e.person.name, e.status]))).toEqual({ 赵六: 'SUBSTITUTED', 冯十二: 'SELECTED' });
  });

  it('when a reminder would fall in the quiet hours of the night it waits until the morning', async () => {
    await chat.at('2026-11-22T23:00:00+08:00');
    await wang().says('开班通知 小学数学1班 11月30日8:30报到');
    expect((await chat.at('2026-11-23T23:30:00+08:00')).filter((s) => s.text.startsWith('⏰'))).toEqual([]);
    const morning = (await chat.at('2026-11-24T08:00:00+08:00')).filter((s) => s.text.startsWith('⏰'));
    expect(morning.map((s) => s.time)).toEqual(['2026-11-24T07:30:00+08:00', '2026-11-24T07:30:00+08:00']);
  });
});
