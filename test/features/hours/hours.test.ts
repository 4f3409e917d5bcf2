import { beforeEach, describe, expect, it } from 'vitest';
import { databaseKinds, type TestDatabase } from '../../support/databases.ts';
import { exampleSetup, freshChatPerTest, TestChat, texts } from '../../support/chat.ts';

describe.each(databaseKinds())('asking for hours on %s', (kind) => {
  const ctx = freshChatPerTest(kind, () => ({ at: '2026-11-23T10:00:00+08:00', setup: exampleSetup() }), async (chat) => {
    await chat.as('tutor-li', '李老师').says('绑定班级 小学数学1班');
    await chat.as('u-zhang3', '张三').says('绑定 张三 1111');
    await chat.as('u-li4', '李四').says('绑定 李四 2222');
  });
  let db: TestDatabase;
  let chat: TestChat;
  beforeEach(async () => {
    db = ctx.db();
    chat = ctx.chat();
    const zhang = await db.prisma.person.findFirstOrThrow({ where: { name: '张三' } });
    await db.prisma.hourRecord.create({ data: { personId: zhang.id, hours: 3, level: 'COUNTY', category: '集中培训', source: 'MANUAL', sourceRef: 'test', earnedOn: new Date('2026-11-22T02:00:00Z') } });
  });

  it("when the class tutor asks the bot for a trainee's hours in the group, the details go to the tutor privately", async () => {
    const replies = await chat.as('tutor-li', '李老师').says('@研修助手 学时 张三');
    expect(replies.filter((r) => r.chat === 'g-math1').map((r) => r.text)).toEqual(['学时明细已私信发给您。']);
    const report = replies.find((r) => r.chat === 'tutor-li')?.text.split('\n');
    expect(report?.slice(0, 2)).toEqual(['📊 张三 的培训学时（2026–2030 周期，五年 360 学时（县级以上不少于 180））', '合计 3 学时（已认定 0，待认定 3）']);
  });

  it('when the county contact asks privately for a teacher in the county, the details arrive', async () => {
    const replies = texts(await chat.as('contact-wang', '王主任', { private: true }).says('学时 张三'));
    expect(replies[0]).toMatch(/^📊 张三 的培训学时/);
  });

  it("when a trainee asks for someone else's hours the bot refuses politely and shows nothing of theirs", async () => {
    expect(texts(await chat.as('u-li4', '李四', { private: true }).says('学时 张三'))).toEqual(['学时只能查询自己的。']);
    expect(texts(await chat.as('u-li4', '李四').says('@研修助手 学时 张三'))).toEqual(['学时只能查询自己的。']);
    expect(chat.session.outbox.sent.filter((m) => m.text.includes('张三 的培训学时'))).toEqual([]);
  });

  it('when a tutor asks for someone outside their classes, the bot says it cannot find them there', async () => {
    expect(texts(await chat.as('tutor-li', '李老师', { private: true }).says('学时 周校长'))).toEqual(['没有找到您负责范围内的「周校长」。']);
  });
});
