import { beforeEach, describe, expect, it } from 'vitest';
import type { TestDatabase } from '../../support/databases.ts';
import { exampleSetup, freshChatPerTest, TestChat, texts } from '../../support/chat.ts';
import { jobsOption, schedulerRuns, useTestRedis } from '../../support/redis.ts';

const redis = useTestRedis();

describe.each(schedulerRuns())('tutor broadcasts on %s, jobs %s', (kind, jobs) => {
  const ctx = freshChatPerTest(kind, () => ({ at: '2026-11-22T20:00:00+08:00', setup: exampleSetup(), ...jobsOption(jobs, redis) }), async (chat) => {
    await chat.as('tutor-li', '李老师').says('绑定班级 小学数学1班');
  });
  let db: TestDatabase;
  let chat: TestChat;
  beforeEach(() => {
    db = ctx.db();
    chat = ctx.chat();
  });

  it('when a tutor writes a notice it is previewed first, and only 确认 sends it to the group', async () => {
    const preview = texts(await chat.as('tutor-li', '李老师').says('通知 明天上午请带好笔记本和教材'));
    expect(preview[0]).toContain('📝 通知预览（发送到：g-math1；时间：立即）');
    expect(preview[0]).toContain('明天上午请带好笔记本和教材');
    const sent = await chat.as('tutor-li', '李老师').says('确认');
    expect(sent.map((s) => [s.chat, s.text])).toEqual([
      ['g-math1', '📢 通知：明天上午请带好笔记本和教材'],
      ['g-math1', '通知已发送到 1 个群。'],
    ]);
    expect(texts(await chat.as('tutor-li', '李老师').says('确认'))[0]).toContain('没有待确认的通知');
  });

  it('when a tutor gives a time the notice goes out then, once, and the tutor gets a private report', async () => {
    await chat.as('tutor-li', '李老师').says('通知 明天 7:30 今天上午的课改到报告厅', { private: true });
    expect(texts(await chat.as('tutor-li', '李老师', { private: true }).says('确认'))).toEqual(['通知已安排在 11月23日 07:30 发送。发送前可回复「取消」撤回。']);
    expect(await chat.at('2026-11-23T07:29:00+08:00')).toEqual([]);
    const due = await chat.at('2026-11-23T07:31:00+08:00');
    expect(due.map((s) => [s.chat, s.time, s.text])).toEqual([
      ['g-math1', '2026-11-23T07:30:00+08:00', '📢 通知：今天上午的课改到报告厅'],
      ['tutor-li', '2026-11-23T07:30:00+08:00', '📬 您的通知「今天上午的课改到报告厅」已发送到 1 个群。'],
    ]);
    expect(await chat.at('2026-11-24T07:31:00+08:00')).toEqual([]);
  });

  it('when a scheduled notice is cancelled it never goes out', async () => {
    await chat.as('tutor-li', '李老师', { private: true }).says('通知 明天 7:30 明早集合');
    await chat.as('tutor-li', '李老师', { private: true }).says('确认');
    expect(texts(await chat.as('tutor-li', '李老师', { private: true }).says('取消'))).toEqual(['已取消这条通知。']);
    expect(await chat.at('2026-11-23T08:00:00+08:00')).toEqual([]);
    expect(await db.prisma.broadcast.findFirst()).toMatchObject({ status: 'CANCELLED', groupsReached: 0 });
  });

  it('when a trainee says something starting with 通知 in the group the bot stays quiet', async () => {
    await chat.as('u-zhang3', '张三').says('绑定 张三 1111');
    expect(texts(await chat.as('u-zhang3', '张三').says('通知在群公告里吗？'))).toEqual([]);
    expect(texts(await chat.as('u-zhang3', '张三').says('@研修助手 通知 大家好'))).toEqual(['抱歉，您没有权限执行这个操作。']);
    expect(await db.prisma.broadcast.count()).toBe(0);
  });
});
