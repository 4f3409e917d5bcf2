import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { exampleSetup } from '../../support/chat.ts';
import { openTestDatabase, type TestDatabase } from '../../support/databases.ts';
import { BOT_QQ, QqHarness } from './qq-harness.ts';

// A QQ group bound to 小学数学1班, through the OneBot peer: who the bot hears as addressing it, how
// it answers, pictures handed in as homework, 核对名单 from the group's member list, duplicates.

const GROUP = 70012345;
const TUTOR = 1001;
const ZHANG = 2001;
const LI = 2002;

function setup() {
  const s = exampleSetup();
  s.people = s.people.filter((p: { name: string }) => !['赵六', '钱七', '孙八'].includes(p.name));
  const account = (name: string, userId: number) => Object.assign(s.people.find((p: { name: string }) => p.name === name), { accounts: [{ platform: 'qq', userId: String(userId), displayName: name }] });
  account('李老师', TUTOR);
  account('张三', ZHANG);
  account('李四', LI);
  account('王主任', 1009);
  s.groups = [{ platform: 'qq', chatId: String(GROUP), title: '小学数学1班群', class: '小学数学1班' }];
  s.sessions = [{ class: '小学数学1班', title: '上午', start: '2026-11-23T08:30:00+08:00', end: '2026-11-23T11:30:00+08:00', hours: 3 }];
  return s;
}

const at = (qq: number) => ({ type: 'at', data: { qq: String(qq) } });
const text = (t: string) => ({ type: 'text', data: { text: t } });

describe('a bound QQ group', () => {
  let db: TestDatabase;
  let harness: QqHarness;
  beforeAll(async () => {
    db = await openTestDatabase('pglite');
  });
  afterAll(() => db?.close());
  beforeEach(async () => {
    await db.reset();
    harness = await QqHarness.start(db, { at: '2026-11-23T08:20:00+08:00', setup: setup() });
    harness.peer.addGroup(GROUP, '小学数学1班群', [
      { user_id: TUTOR, nickname: 'li-teacher', card: '李老师' },
      { user_id: ZHANG, nickname: '三哥', card: '张三' },
      { user_id: 3999, nickname: '路人甲' },
    ]);
  });
  afterEach(() => harness?.stop());

  it('when a member chats without addressing the bot it stays silent, and an at of the bot or a reply to its message is answered with an at of the sender', async () => {
    harness.peer.groupMessage(GROUP, ZHANG, [text('大家早上好，在吗')]);
    await harness.waitHandled(1);
    await harness.settle();
    expect(harness.peer.sent).toEqual([]);

    harness.peer.groupMessage(GROUP, ZHANG, [at(BOT_QQ), text(' 在吗')]);
    await harness.waitHandled(2);
    await harness.settle();
    expect(harness.sentTo(GROUP)).toHaveLength(1);
    const first = harness.peer.sent[0]!;
    expect((first.message as { type: string }[])[0]).toEqual(at(ZHANG));
    expect(harness.sentTo(GROUP)[0]).toMatch(/^@张三 /);

    harness.peer.groupMessage(GROUP, ZHANG, `[CQ:reply,id=${first.messageId}]在吗`);
    await harness.waitHandled(3);
    await harness.settle();
    expect(harness.sentTo(GROUP)).toHaveLength(2);
    expect(harness.sentTo(GROUP)[1]).toBe(harness.sentTo(GROUP)[0]);
  });

  it('when a trainee @mentions someone else the bot is not addressed and the mention is kept with the message', async () => {
    harness.peer.groupMessage(GROUP, ZHANG, [at(LI), text(' 在吗')]);
    await harness.waitHandled(1);
    await harness.settle();
    expect(harness.peer.sent).toEqual([]);
    const row = await db.prisma.inboundMessage.findFirstOrThrow({ where: { senderId: String(ZHANG) } });
    expect((row.payload as { mentions: unknown }).mentions).toEqual([{ id: String(LI), name: String(LI) }]);
  });

  it('when a trainee sends a picture and then 交作业, or both in one message, the work is received with the picture', async () => {
    harness.peer.addGroup(GROUP, '小学数学1班群', [{ user_id: TUTOR, nickname: '李老师' }, { user_id: ZHANG, nickname: '张三' }, { user_id: LI, nickname: '李四' }]);
    harness.peer.groupMessage(GROUP, TUTOR, '布置作业 课堂照片 11月25日 18:00 学时1 图片 上传一张课堂照片');
    await harness.waitHandled(1);
    harness.peer.groupMessage(GROUP, ZHANG, [{ type: 'image', data: { file: 'a1b2c3.jpg', url: 'https://multimedia.nt.qq.com.cn/download?appid=1407&fileid=a1b2c3', file_size: '52314' } }]);
    await harness.waitHandled(2);
    harness.peer.groupMessage(GROUP, ZHANG, [text('交作业')]);
    await harness.waitHandled(3);
    harness.peer.groupMessage(GROUP, LI, [text('交作业 '), { type: 'image', data: { file: 'd4e5.png', url: 'https://multimedia.nt.qq.com.cn/download?fileid=d4e5' } }]);
    await harness.waitHandled(4);
    await harness.settle();
    const receipts = harness.sentTo(GROUP).filter((t) => t.includes('已收到'));
    expect(receipts).toEqual([expect.stringMatching(/^@张三 ✅ 已收到 张三 的作业「课堂照片」，含附件 1 个/), expect.stringMatching(/^@李四 ✅ 已收到 李四 的作业「课堂照片」，含附件 1 个/)]);
    const names = new Map((await db.prisma.person.findMany()).map((p) => [p.id, p.name]));
    const submissions = await db.prisma.submission.findMany({ orderBy: { id: 'asc' } });
    expect(submissions.map((s) => [names.get(s.personId), (s.attachments as { kind: string; url: string }[]).map((a) => [a.kind, a.url])])).toEqual([
      ['张三', [['image', 'https://multimedia.nt.qq.com.cn/download?appid=1407&fileid=a1b2c3']]],
      ['李四', [['image', 'https://multimedia.nt.qq.com.cn/download?fileid=d4e5']]],
    ]);
  });

  it('when the tutor asks 核对名单 the report is built from the group member list and sent privately', async () => {
    harness.peer.groupMessage(GROUP, TUTOR, [text('核对名单')]);
    await harness.waitHandled(1);
    await harness.settle();
    expect(harness.peer.calls.filter((c) => c.action === 'get_group_member_list').map((c) => c.params)).toEqual([{ group_id: GROUP }]);
    expect(harness.sentTo(GROUP)).toEqual(['@李老师 名单核对结果已私信发给辅导老师和县区联系人。']);
    const report = harness.sentTo(TUTOR)[0]!;
    expect(report.split('\n')).toEqual([
      '🧾「小学数学1班」名单核对（小学数学1班群：3 人；名单：3 人）',
      '不在群里：城关小学：李四',
      '未绑定账号：实验小学：王五',
      '在群里但不在名单：路人甲',
    ]);
    expect(harness.sentTo(1009)).toEqual([report]);
  });

  it('when the same event is posted twice, or an old one is replayed at login, it is recorded and answered once', async () => {
    harness.peer.groupMessage(GROUP, ZHANG, [text('签到')], { messageId: 424242 });
    await harness.waitHandled(1);
    harness.peer.groupMessage(GROUP, ZHANG, '签到', { messageId: 424242 });
    await harness.waitHandled(2);
    const now = harness.clock.now().getTime();
    harness.peer.groupMessage(GROUP, ZHANG, [text('请假 昨天的消息')], { messageId: 424243, time: now - 10 * 60_000 });
    harness.peer.groupMessage(GROUP, ZHANG, [text('再见')]);
    await harness.waitHandled(3);
    await harness.advanceTo(new Date('2026-11-23T08:21:00+08:00'));
    await harness.settle();
    expect(await db.prisma.checkIn.count()).toBe(1);
    expect(await db.prisma.leaveRequest.count()).toBe(0);
    expect(await db.prisma.inboundMessage.count({ where: { messageId: '424242' } })).toBe(1);
    expect(await db.prisma.inboundMessage.count({ where: { messageId: '424243' } })).toBe(0);
    expect(harness.sentTo(GROUP)).toEqual(['✅ 签到成功 1 人：张三']);
  });

  it('when a newcomer joins the group they are greeted with a real at', async () => {
    harness.peer.addGroup(GROUP, '小学数学1班群', [{ user_id: 2009, nickname: '周九' }]);
    harness.peer.notice({ notice_type: 'group_increase', sub_type: 'approve', group_id: GROUP, user_id: 2009, operator_id: TUTOR });
    await harness.waitHandled(1);
    await harness.settle();
    expect(harness.peer.sent).toHaveLength(1);
    expect((harness.peer.sent[0]!.message as unknown[])[0]).toEqual(at(2009));
    expect(harness.sentTo(GROUP)[0]).toMatch(/^@周九 /);
  });
});
