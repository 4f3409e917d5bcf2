import { beforeEach, describe, expect, it } from 'vitest';
import { databaseKinds, type TestDatabase } from '../support/databases.ts';
import { exampleSetup, freshChatPerTest, TestChat, texts } from '../support/chat.ts';
import { domainState } from '../support/state.ts';

// Bad input gets a clear, polite reply in Chinese, never a stack trace, and changes nothing.

describe.each(databaseKinds())('bad input on %s', (kind) => {
  const ctx = freshChatPerTest(kind, () => ({ at: '2026-11-22T20:00:00+08:00', setup: exampleSetup() }), async (chat) => {
    await chat.as('tutor-li', '李老师').says('绑定班级 小学数学1班');
    await chat.as('tutor-li', '李老师').says('创建课次 明天 8:30-11:30 学时3');
    await chat.as('u-zhang3', '张三').says('绑定 张三 1111');
    await chat.at('2026-11-23T08:10:00+08:00');
  });
  let db: TestDatabase;
  let chat: TestChat;
  beforeEach(() => {
    db = ctx.db();
    chat = ctx.chat();
  });

  const expectPoliteAndNothingChanged = async (from: string, name: string, text: string, where: { private?: boolean; group?: string } = { group: 'g-math1' }) => {
    const before = await domainState(db.prisma);
    const replies = await chat.as(from, name, where).says(text);
    expect(await domainState(db.prisma)).toEqual(before);
    expect(replies).toHaveLength(1);
    const reply = replies[0]!.text;
    expect(reply).toMatch(/[\u4e00-\u9fff]/);
    expect(reply).not.toMatch(/Error|at .*\.ts|prisma|undefined|null|\{|\}/i);
    return reply;
  };

  it('when a private message is empty it asks for a command', async () => {
    expect(await expectPoliteAndNothingChanged('u-zhang3', '张三', '   ', { private: true })).toContain('请输入命令');
  });

  it('when someone @mentions the bot with 5,000 characters it says the message is too long', async () => {
    expect(await expectPoliteAndNothingChanged('u-zhang3', '张三', `@研修助手 请假 ${'很'.repeat(5000)}`)).toContain('消息太长');
  });

  it('when a private message is emoji only it points to 帮助', async () => {
    expect(await expectPoliteAndNothingChanged('u-zhang3', '张三', '😀🎉👍', { private: true })).toContain('帮助');
  });

  it('when 签到 is followed by SQL-looking text it explains what a code looks like', async () => {
    const reply = await expectPoliteAndNothingChanged('u-zhang3', '张三', "签到 '; DROP TABLE \"CheckIn\"; --");
    expect(reply).toContain('签到口令只能是 1–12 位字母或数字');
    expect(await db.prisma.checkIn.count()).toBe(0);
  });

  it('when an unknown slash command arrives it points to 帮助', async () => {
    expect(await expectPoliteAndNothingChanged('u-zhang3', '张三', '/launch_rockets')).toContain('发送「帮助」');
  });

  it('when a trainee uses a tutor command it refuses without creating anything', async () => {
    expect(await expectPoliteAndNothingChanged('u-zhang3', '张三', '创建课次 明天 14:00-17:00 学时3')).toContain('没有权限');
    expect(await expectPoliteAndNothingChanged('u-zhang3', '张三', '准假 李四')).toContain('没有权限');
  });

  it('when an unbound person checks in they are told how to bind', async () => {
    expect(await expectPoliteAndNothingChanged('u-stranger', '路人', '签到')).toContain('绑定 姓名 手机后四位');
  });

  it('when a tutor writes a session time the bot cannot read it shows the expected form', async () => {
    expect(await expectPoliteAndNothingChanged('tutor-li', '李老师', '创建课次 后天下午 学时3')).toContain('明天 8:30-11:30');
  });

  it('when a group message merely starts with a command word in a sentence the bot stays quiet', async () => {
    const before = await domainState(db.prisma);
    expect(texts(await chat.as('u-zhang3', '张三').says('签到在哪里签啊？'))).toEqual([]);
    expect(await domainState(db.prisma)).toEqual(before);
  });

  it('when a handler fails unexpectedly the user gets a generic apology and the message is kept', async () => {
    const original = db.prisma.trainingSession.findMany;
    (db.prisma.trainingSession as { findMany: unknown }).findMany = () => Promise.reject(new Error('connection reset'));
    try {
      const replies = await chat.as('u-zhang3', '张三').says('签到', { id: 'kept-1' });
      expect(texts(replies)).toEqual(['抱歉，系统暂时出了点问题，您的消息已保存，请稍后再试。']);
    } finally {
      (db.prisma.trainingSession as { findMany: unknown }).findMany = original;
    }
    expect(await db.prisma.inboundMessage.count({ where: { messageId: 'kept-1', text: '签到', outcome: 'failed' } })).toBe(1);
  });
});
