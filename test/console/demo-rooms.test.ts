import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Bot } from '../../src/bot/create-bot.ts';
import { startConsole } from '../support/console.ts';
import { openTestDatabase, type TestDatabase } from '../support/databases.ts';
import { demoBrowser } from '../support/demo.ts';

// The demo's rooms stay few and small: two rooms of five lines here, idle rooms expire, and a room
// handed to a new visitor starts empty — in its feed and in its class.

describe('the demo rooms', () => {
  let db: TestDatabase;
  let bot: Bot;
  let web: FastifyInstance;
  let browser: ReturnType<typeof demoBrowser>;
  let now = 0;

  beforeAll(async () => {
    db = await openTestDatabase('pglite');
    ({ bot, web } = await startConsole(db, { at: '2026-11-23T08:20:00+08:00', demo: { rooms: 2, lines: 5, idleMs: 60_000, now: () => now } }));
    browser = demoBrowser(web, await web.listen({ port: 0, host: '127.0.0.1' }));
  }, 60_000);
  afterAll(async () => {
    await web.close();
    await bot.stop();
    await db.close();
  });

  it('when a visitor says more than a room keeps, their feed holds only the last lines', async () => {
    const visitor = await browser.visit();
    for (const n of [1, 2, 3, 4, 5, 6]) await browser.say(visitor, 'demo-1', `第${n}句`);
    const lines = (await browser.feed(visitor, 'demo-1')).map((l) => l.text);
    expect(lines).toHaveLength(5);
    expect(lines.at(-1)).toContain('第6句');
    expect(lines).not.toContain('第1句');
  });

  it('when every room is taken, a new visitor gets the least recently used one, empty, and its old visitor is told it is gone', async () => {
    now += 10 * 60_000;
    const a = await browser.visit();
    expect(await browser.say(a, 'demo-tutor', '创建课次 今天 8:30-11:30 学时3')).toBe(200);
    now += 1000;
    const b = await browser.visit();
    expect(await browser.say(b, 'demo-1', 'B在这里')).toBe(200);
    expect(await db.prisma.trainingSession.count()).toBe(1);
    now += 1000;
    const c = await browser.visit();
    expect(await browser.gone(a)).toBe(true);
    expect(await browser.say(a, 'demo-1', '签到')).toBe(409);
    expect(await browser.feed(c, 'demo-tutor')).toEqual([]);
    expect(await db.prisma.trainingSession.count()).toBe(0);
    expect((await browser.feed(b, 'demo-1')).map((l) => l.text)).toContain('B在这里');
    expect(await db.prisma.trainingClass.count({ where: { sandbox: true } })).toBe(2);
  });

  it('when a room is idle longer than the limit, it expires and the visitor starts over on reload', async () => {
    const visitor = await browser.visit();
    await browser.say(visitor, 'demo-1', '我先走开一下');
    now += 2 * 60_000;
    expect(await browser.gone(visitor)).toBe(true);
    const again = await browser.visit(visitor);
    expect(again).toBe(visitor);
    expect(await browser.feed(again, 'demo-1')).toEqual([]);
  });

  it('when the demo pages are served, they suggest only commands the demo allows', async () => {
    const page = (await web.inject({ method: 'GET', url: '/demo' })).body;
    const suggested = [...page.matchAll(/「([^」]+)」/g)].map((m) => m[1]!.split(' ')[0]);
    expect(suggested).toEqual(['签到', '学时', '请假', '帮助', '创建课次', '签到情况', '结束签到']);
  });
});
