import { beforeEach, describe, expect, it } from 'vitest';
import { databaseKinds, type TestDatabase } from '../../support/databases.ts';
import { TestChat, bindClassOfThree, freshChatPerTest, texts, threeTraineeSetup } from '../../support/chat.ts';

const LOG = '今天学习了新课标中关于数学核心素养的部分，准备在下周的分数单元里设计一个探究活动。';

describe.each(databaseKinds())('learning logs on %s', (kind) => {
  const setup = () => {
    return { at: '2026-11-23T09:00:00+08:00', setup: threeTraineeSetup() };
  };
  const ctx = freshChatPerTest(kind, setup, async (chat) => {
    await bindClassOfThree(chat);
  });
  let db: TestDatabase;
  let chat: TestChat;
  beforeEach(() => {
    db = ctx.db();
    chat = ctx.chat();
  });

  it('when the class asks for two logs a week, logs up to two are credited, and on Friday evening only those behind are reminded', async () => {
    expect(texts(await chat.as('tutor-li', '李老师').says('日志要求 每周2篇 每篇0.5学时'))).toEqual(['已设置：每周 2 篇研修日志，每篇计 0.5 学时（个人自修），每周五 18:00 提醒还没写够的老师。']);
    expect(texts(await chat.as('u-zhang3', '张三').says(`日志 ${LOG}`))).toEqual(['📓 已记录 张三 的研修日志（本周第 1 篇，要求 2 篇，还差 1 篇），计 0.5 学时（待认定）']);
    await chat.at('2026-11-24T21:00:00+08:00');
    expect(texts(await chat.as('u-zhang3', '张三', { private: true }).says(`日志 ${LOG}（续）`))).toEqual(['📓 已记录 张三 的研修日志（本周第 2 篇，本周 2 篇已完成 ✅），计 0.5 学时（待认定）']);
    expect(texts(await chat.as('u-zhang3', '张三', { private: true }).says(`日志 ${LOG}（再续）`))).toEqual(['📓 已记录 张三 的研修日志（本周第 3 篇，本周 2 篇已完成 ✅）']);
    await chat.as('u-li4', '李四').says(`日志 ${LOG}`);
    const friday = await chat.at('2026-11-27T18:00:00+08:00');
    const reminder = friday.find((s) => s.text.startsWith('📓「小学数学1班」'));
    expect(reminder?.mentions).toEqual(['李四', '王五']);
    expect(reminder?.text).toBe('📓「小学数学1班」每周要写 2 篇研修日志，本周还没写够的老师：李四（还差 1 篇）、王五（还差 2 篇）。请在周日前发「日志 内容」补上。');
    const hours = await db.prisma.hourRecord.findMany({ where: { source: 'LOG' }, include: { person: true }, orderBy: { id: 'asc' } });
    expect(hours.map((h) => [h.person.name, Number(h.hours), h.category, h.level, h.status])).toEqual([
      ['张三', 0.5, '个人自修', 'SCHOOL', 'PENDING'],
      ['张三', 0.5, '个人自修', 'SCHOOL', 'PENDING'],
      ['李四', 0.5, '个人自修', 'SCHOOL', 'PENDING'],
    ]);
    expect(await db.prisma.learningLog.count()).toBe(4);
  });

  it('when a log is a few words, or a trainee sets the rule, the bot explains politely and records nothing', async () => {
    expect(texts(await chat.as('u-wang5', '王五').says('日志 今天学习了'))).toEqual(['日志请至少写 15 个字（可以写学到了什么、在课堂上怎么用），或附上图片、文件。']);
    expect(texts(await chat.as('u-wang5', '王五').says('日志要求 每周9篇'))).toEqual(['抱歉，您没有权限执行这个操作。']);
    expect(await db.prisma.learningLog.count()).toBe(0);
    expect((await db.prisma.trainingClass.findFirstOrThrow()).logsPerWeek).toBe(0);
  });
});
