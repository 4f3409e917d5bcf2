import { beforeEach, describe, expect, it } from 'vitest';
import { type TestDatabase } from '../../support/databases.ts';
import type { SentRecord } from '../../../src/adapters/playground/playground-outbox.ts';
import { exampleSetup, freshChatPerTest, TestChat, texts } from '../../support/chat.ts';

// Decisions typed the way people answer a prompt: the verb with a remark and no name, a bare 批准 for
// the one pending request, and a tutor's 统计 with filler that is not a class.

function withSchoolContact() {
  const s = exampleSetup();
  const head = s.people.find((p: { name: string }) => p.name === '周校长');
  Object.assign(head, { roles: [{ role: 'SCHOOL_CONTACT' }], accounts: [{ platform: 'playground', userId: 'head-zhou' }] });
  return s;
}

describe('decisions and filler in what tutors and contacts type', () => {
  const ctx = freshChatPerTest('pglite', () => ({ at: '2026-11-22T20:00:00+08:00', setup: withSchoolContact() }), async (chat) => {
    await chat.as('tutor-li', '李老师').says('绑定班级 小学数学1班');
    await chat.as('tutor-li', '李老师').says('创建课次 明天 8:30-11:30 学时3');
    for (const [id, name, tail] of [['u-wang5', '王五', '3333'], ['u-li4', '李四', '2222']] as const) await chat.as(id, name).says(`绑定 ${name} ${tail}`);
  });
  let db: TestDatabase;
  let chat: TestChat;
  beforeEach(() => {
    db = ctx.db();
    chat = ctx.chat();
  });
  const tutor = () => chat.as('tutor-li', '李老师');
  const county = () => chat.as('contact-wang', '王主任', { private: true });
  const toCounty = (sent: SentRecord[]) => texts(sent.filter((s) => s.chat === 'contact-wang'));
  const leaves = async () => Object.fromEntries((await db.prisma.leaveRequest.findMany({ include: { person: true } })).map((l) => [l.person.name, [l.status, l.note]]));

  it('when the tutor answers a leave prompt with 「同意，注意安全」 the leave is approved and the trainee hears the remark', async () => {
    await chat.as('u-wang5', '王五').says('李老师，我明天请个假，孩子发烧了');
    const sent = await tutor().says('同意，注意安全');
    expect(await leaves()).toEqual({ 王五: ['APPROVED', '注意安全'] });
    expect(sent.find((s) => s.chat === 'u-wang5')?.text).toBe('您「11月23日 08:30 课次」的请假已批准。李老师：注意安全');
    expect(texts(sent.filter((s) => s.chat === 'g-math1'))).toEqual(['已批准 王五 的请假（「11月23日 08:30 课次」）。']);
  });

  it('when the remark follows a name, or a rejection has its reason after a comma, each lands where it belongs', async () => {
    await chat.as('u-wang5', '王五').says('请假 孩子发烧');
    await chat.as('u-li4', '李四').says('请假 要监考');
    await tutor().says('准了 王五 早日康复');
    await tutor().says('驳回，这次课很重要');
    expect(await leaves()).toEqual({ 王五: ['APPROVED', '早日康复'], 李四: ['REJECTED', '这次课很重要'] });
  });

  it('when two leaves are pending a bare remark does not pick one: the tutor (privately) is asked which', async () => {
    await chat.as('u-wang5', '王五').says('请假 孩子发烧');
    await chat.as('u-li4', '李四').says('请假 要监考');
    const sent = await chat.as('tutor-li', '李老师', { private: true }).says('同意，注意安全');
    expect(texts(sent)).toEqual([expect.stringContaining('有多条待审批的请假：王五（11月23日 08:30 课次）、李四（11月23日 08:30 课次）')]);
    expect(await leaves()).toEqual({ 王五: ['PENDING', null], 李四: ['PENDING', null] });
  });

  it('when the tutor writes 「同意楼上」 in the group nobody is approved, and a name one sound off is asked back until she says 是', async () => {
    await chat.as('u-wang5', '王五').says('请假 孩子发烧');
    expect(await tutor().says('同意楼上')).toEqual([]);
    expect(texts(await tutor().says('@研修助手 同意 王午，注意安全'))).toEqual(['您是说王五吗？回复『是』确认，将批准 王五 的申请。']);
    expect(await leaves()).toEqual({ 王五: ['PENDING', null] });
    // Asked again in the group, her 是 approves him with the remark as she wrote it.
    await tutor().says('同意 王午，注意安全');
    await tutor().says('是');
    expect(await leaves()).toEqual({ 王五: ['APPROVED', '注意安全'] });
  });

  it('when the county contact answers one pending 换人 with a bare 批准 it is approved; with two they are named', async () => {
    await chat.as('head-zhou', '周校长', { private: true }).says('换人：赵六→吴十 13800009999，原因：外出学习');
    expect(toCounty(await county().says('批准'))).toEqual(['已同意换人：「小学数学1班」赵六 → 吴十。']);
    await chat.as('head-zhou', '周校长', { private: true }).says('换人 王五 -> 郑十一 13800009998 原因：生病');
    await chat.as('head-zhou', '周校长', { private: true }).says('换人 吴十换成周十二 13800009997，因为调岗');
    expect(toCounty(await county().says('同意'))).toEqual(['有 2 条待审批的换人申请：王五（「小学数学1班」）、吴十（「小学数学1班」）。请写上原学员姓名，例如「同意换人 王五」。']);
    const decided = await county().says('同意 吴十，请尽快安排');
    expect(decided.find((s) => s.chat === 'head-zhou')?.text).toBe('✅ 换人申请已批准：「小学数学1班」吴十 → 周十二。王主任：请尽快安排');
    const statuses = await db.prisma.substitution.findMany({ orderBy: { id: 'asc' }, select: { status: true, note: true } });
    expect(statuses).toEqual([{ status: 'APPROVED', note: null }, { status: 'PENDING', note: null }, { status: 'APPROVED', note: '请尽快安排' }]);
  });

  it('when nothing is pending a bare 批准 from the county contact says so', async () => {
    expect(toCounty(await county().says('批准'))).toEqual(['目前没有待审批的换人申请。']);
  });

  it('when the tutor asks 「统计一下人数吧」 the group’s class is counted privately, and a class that does not exist is named', async () => {
    const sent = await tutor().says('统计一下人数吧');
    expect(sent.find((s) => s.chat === 'tutor-li')?.text).toContain('「小学数学1班」统计');
    expect(texts(sent.filter((s) => s.chat === 'g-math1'))).toEqual(['详情已私信发给您。']);
    expect(texts(await tutor().says('统计 小学数学9班'))).toEqual(['没有找到班级「小学数学9班」。']);
  });
});
