import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../support/databases.ts';
import { exampleSetup, TestChat } from '../support/chat.ts';

// A platform that re-delivers everything (a restart without its offset, a webhook retried): 1,000
// messages — check-ins, leave requests, logs, submissions — each delivered twice, in shuffled order.

describe.each(databaseKinds())('1,000 replayed platform deliveries on %s', (kind) => {
  let db: TestDatabase;
  let chat: TestChat;
  beforeAll(async () => {
    db = await openTestDatabase(kind);
    const setup = exampleSetup();
    for (let i = 0; i < 250; i++) setup.people.push({ name: `教师${i}`, phone: `137${String(i).padStart(8, '0')}`, school: '城关小学', classes: ['小学数学1班'], accounts: [{ platform: 'playground', userId: `t-${i}` }] });
    chat = await TestChat.start(db, { at: '2026-11-22T20:00:00+08:00', setup });
    await chat.as('tutor-li', '李老师').says('绑定班级 小学数学1班');
    await chat.as('tutor-li', '李老师').says('创建课次 明天 8:30-11:30 学时3');
    await chat.as('tutor-li', '李老师').says('布置作业 读书笔记 11月25日 18:00 学时1');
    await chat.at('2026-11-23T08:20:00+08:00');
  }, 120_000);
  afterAll(async () => {
    await chat.close();
    await db.close();
  });

  it('when every message arrives twice each is recorded once and answered once', { timeout: 240_000 }, async () => {
    const kinds = ['签到', '请假 家中有事', '日志 今天学习了核心素养的内容，准备在分数单元中设计探究活动。', '交作业 《给教师的建议》读后感'];
    const messages = Array.from({ length: 1000 }, (_, i) => ({ from: `t-${i % 250}`, name: `教师${i % 250}`, text: kinds[Math.floor(i / 250)]!, id: `msg-${i}` }));
    const deliveries = [...messages, ...messages].sort((a, b) => ((a.id.length * 7919 + Number(a.id.slice(4)) * 104729) % 2003) - ((b.id.length * 7919 + Number(b.id.slice(4)) * 104729) % 2003));
    for (const m of deliveries) await chat.as(m.from, m.name, { private: true }).says(m.text, { id: m.id });
    expect(await db.prisma.inboundMessage.count({ where: { messageId: { startsWith: 'msg-' } } })).toBe(1000);
    expect(await db.prisma.checkIn.count()).toBe(250);
    expect(await db.prisma.learningLog.count()).toBe(250);
    expect(await db.prisma.submission.count()).toBe(250);
    expect(await db.prisma.submission.aggregate({ _max: { version: true } })).toEqual({ _max: { version: 1 } });
    const replies = chat.session.outbox.sent.filter((r) => r.chat.startsWith('t-'));
    expect(replies.filter((r) => r.text.startsWith('📓 已记录'))).toHaveLength(250);
    expect(replies.filter((r) => r.text.startsWith('✅ 已收到'))).toHaveLength(250);
  });
});
