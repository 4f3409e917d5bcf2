import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startSession } from '../../src/features/access/console-accounts.ts';
import { createLogger } from '../../src/logger.ts';
import { bindClassOfThree, TestChat, texts, threeTraineeSetup } from '../support/chat.ts';
import { csrfIn, startConsole } from '../support/console.ts';
import { openTestDatabase, type TestDatabase } from '../support/databases.ts';
import { freshQueueName, useTestRedis } from '../support/redis.ts';

// Scheduled work on real BullMQ across a restart of the bot (a second createBot on the same
// database and queue, as a second `npm start` does), and with Redis not answering at all.

const redis = useTestRedis();
const ASSIGN = '布置作业 教学设计 11月25日 18:00 学时2 文件 提交一份单元教学设计';

describe('scheduled work on BullMQ across a restart', () => {
  let db: TestDatabase;
  const open: TestChat[] = [];
  const start = async (at: string, queue: string, extra: Partial<Parameters<typeof TestChat.start>[1]> = {}) => {
    const chat = await TestChat.start(db, { at, bullmq: { url: redis(), queue }, ...extra });
    open.push(chat);
    return chat;
  };
  beforeAll(async () => {
    db = await openTestDatabase('pglite');
  });
  afterEach(async () => {
    for (const chat of open.splice(0)) await chat.close();
    await db.reset();
  });
  afterAll(() => db?.close());

  it('when the bot restarts with an assignment and a scheduled notice pending it starts cleanly, and each reminder and the notice go out once, at their times', async () => {
    const queue = freshQueueName('restart');
    const before = await start('2026-11-23T09:00:00+08:00', queue, { setup: threeTraineeSetup() });
    await bindClassOfThree(before);
    expect(texts(await before.as('tutor-li', '李老师').says(ASSIGN))[0]).toContain('📝 新作业「教学设计」');
    await before.as('tutor-li', '李老师', { private: true }).says('通知 明天 8:00 明天上午的课改到报告厅');
    expect(texts(await before.as('tutor-li', '李老师', { private: true }).says('确认'))).toEqual(['通知已安排在 11月24日 08:00 发送。发送前可回复「取消」撤回。']);
    const pending = await before.session.pendingJobs();
    await before.close();

    const after = await start('2026-11-23T10:00:00+08:00', queue);
    const again = await start('2026-11-23T10:05:00+08:00', queue);
    expect(await again.session.pendingJobs()).toBe(pending);
    await after.close();
    const sent = await again.at('2026-11-27T12:00:00+08:00');
    expect(sent.filter((s) => s.text.startsWith('⏰ 作业')).map((s) => [s.time, s.mentions])).toEqual([
      ['2026-11-24T18:00:00+08:00', ['张三', '李四', '王五']],
      ['2026-11-25T16:00:00+08:00', ['张三', '李四', '王五']],
      ['2026-11-26T07:30:00+08:00', ['张三', '李四', '王五']],
    ]);
    expect(sent.filter((s) => s.text.includes('报告厅')).map((s) => [s.chat, s.time])).toEqual([
      ['g-math1', '2026-11-24T08:00:00+08:00'],
      ['tutor-li', '2026-11-24T08:00:00+08:00'],
    ]);
  });

  it('when Redis does not answer the bot still starts, logging each job it could not rebuild, and 布置作业 or 创建课次 answer politely and save nothing', async () => {
    const first = await start('2026-11-23T09:00:00+08:00', freshQueueName('down'), { setup: threeTraineeSetup() });
    await bindClassOfThree(first);
    await first.as('tutor-li', '李老师').says('创建课次 明天 8:30-11:30 学时3');
    await first.close();

    const lines: string[] = [];
    const log = createLogger('warn', {}, (line) => void lines.push(line));
    // Message ids restart with each playground session: give these their own, or they count as replays.
    const down = await start('2026-11-23T10:00:00+08:00', 'nowhere', { bullmq: { url: 'redis://127.0.0.1:1', queue: 'nowhere', timeoutMs: 300 }, log });
    const failed = lines.map((l) => JSON.parse(l) as { msg: string; jobId?: string }).filter((l) => l.msg.startsWith('could not reschedule'));
    expect(failed.map((l) => l.jobId)).toEqual(['session.1.open', 'session.1.close', 'session.1.remind']);
    expect(texts(await down.as('tutor-li', '李老师').says(ASSIGN, { id: 'after-restart-1' }))).toEqual(['抱歉，系统暂时无法安排提醒，这次操作没有保存，请稍后再试。']);
    expect(texts(await down.as('tutor-li', '李老师').says('创建课次 后天 8:30-11:30 学时3', { id: 'after-restart-2' }))).toEqual(['抱歉，系统暂时无法安排提醒，这次操作没有保存，请稍后再试。']);
    expect([await db.prisma.assignment.count(), await db.prisma.trainingSession.count()]).toEqual([0, 1]);
    expect(JSON.stringify(lines)).not.toMatch(/1390000/);
  });
});

describe('the console while Redis does not answer', () => {
  it('when a tutor sets an assignment in the console the class page says it could not be saved, not a server error, and no assignment exists', async () => {
    const db = await openTestDatabase('pglite');
    const setup = threeTraineeSetup();
    setup.groups = [{ platform: 'playground', chatId: 'g-math1', title: '小学数学1班群', class: '小学数学1班' }];
    const { bot, web } = await startConsole(db, { at: '2026-11-23T08:00:00+08:00', setup, bullmq: { url: 'redis://127.0.0.1:1', queue: 'nowhere', timeoutMs: 300 } });
    try {
      const tutor = await db.prisma.person.findFirstOrThrow({ where: { name: '李老师' } });
      const cookie = `yanxiu_session=${await startSession(bot.app, tutor.id)}`;
      const id = (await db.prisma.trainingClass.findFirstOrThrow({ where: { name: '小学数学1班' } })).id;
      const csrf = csrfIn((await web.inject({ method: 'GET', url: `/console/classes/${id}`, headers: { cookie } })).body);
      const form = { _csrf: csrf, title: '教学设计', description: '分数单元一课时', date: '2026-11-25', time: '18:00', hours: '2' };
      const response = await web.inject({ method: 'POST', url: `/console/classes/${id}/assignments`, headers: { cookie }, payload: form });
      expect(response.statusCode).toBe(303);
      const page = await web.inject({ method: 'GET', url: String(response.headers.location), headers: { cookie } });
      expect(page.body).toContain('系统暂时无法安排提醒，这次操作没有保存');
      expect(await db.prisma.assignment.count()).toBe(0);
    } finally {
      await web.close();
      await bot.stop();
      await db.close();
    }
  });
});
