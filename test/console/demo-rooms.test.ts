import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Bot } from '../../src/bot/create-bot.ts';
import { startConsole } from '../support/console.ts';
import { openTestDatabase, type TestDatabase } from '../support/databases.ts';
import { demoBrowser } from '../support/demo.ts';

// The demo's rooms stay few and small: two rooms of five lines here, idle rooms expire, a room
// handed to a new visitor starts empty — in its feed and in its class — and one client address
// cannot take the rooms others are using.

describe('the demo rooms', () => {
  let db: TestDatabase;
  let bot: Bot;
  let web: FastifyInstance;
  let browser: ReturnType<typeof demoBrowser>;
  let now = 0;

  beforeAll(async () => {
    db = await openTestDatabase('pglite');
    ({ bot, web } = await startConsole(db, { at: '2026-11-23T08:20:00+08:00', demo: { rooms: 2, lines: 5, idleMs: 60_000, evictableAfterMs: 30_000, now: () => now } }));
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

  it('when every room is taken, a new visitor gets the least recently used one once it has been idle a while, empty, and its old visitor is told it is gone', async () => {
    now += 10 * 60_000;
    const a = await browser.visit(undefined, '198.51.100.1');
    expect(await browser.say(a, 'demo-tutor', '创建课次 今天 8:30-11:30 学时3')).toBe(200);
    now += 1000;
    const b = await browser.visit(undefined, '198.51.100.2');
    expect(await browser.say(b, 'demo-1', 'B在这里')).toBe(200);
    expect(await db.prisma.trainingSession.count()).toBe(1);
    now += 31_000;
    const c = await browser.visit(undefined, '198.51.100.3');
    expect(await browser.gone(a)).toBe(true);
    expect(await browser.say(a, 'demo-1', '签到')).toBe(409);
    expect(await browser.feed(c, 'demo-tutor')).toEqual([]);
    expect(await db.prisma.trainingSession.count()).toBe(0);
    expect((await browser.feed(b, 'demo-1')).map((l) => l.text)).toContain('B在这里');
    expect(await db.prisma.trainingClass.count({ where: { sandbox: true } })).toBe(2);
  });

  it('when one client loads the page twenty times without its cookie, it only ever replaces its own room and the other visitor keeps theirs', async () => {
    now += 10 * 60_000;
    const other = await browser.visit(undefined, '198.51.100.20');
    expect(await browser.say(other, 'demo-1', '我在用')).toBe(200);
    const mine = [];
    for (let i = 0; i < 20; i++) mine.push(await browser.visit(undefined, '203.0.113.66'));
    expect(await browser.gone(other)).toBe(false);
    expect((await browser.feed(other, 'demo-1')).map((l) => l.text)).toContain('我在用');
    expect(await browser.gone(mine.at(-1)!)).toBe(false);
  });

  it('when every room is in use by others, a newcomer is asked to come back later and no room is taken', async () => {
    now += 10 * 60_000;
    const a = await browser.visit(undefined, '198.51.100.31');
    const b = await browser.visit(undefined, '198.51.100.32');
    now += 5000;
    const newcomer = await web.inject({ method: 'GET', url: '/demo', remoteAddress: '198.51.100.33' });
    expect(newcomer.statusCode).toBe(503);
    expect(newcomer.body).toContain('演示房间都有人在用，请过几分钟再打开本页。');
    expect(await browser.gone(a)).toBe(false);
    expect(await browser.gone(b)).toBe(false);
    // Once theirs have been idle a while, the newcomer is let in.
    now += 31_000;
    expect(await browser.visit(undefined, '198.51.100.33')).toMatch(/^yanxiu_demo=/);
    now += 2 * 60_000;
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
