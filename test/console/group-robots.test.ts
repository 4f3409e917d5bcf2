import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Bot } from '../../src/bot/create-bot.ts';
import { startSession } from '../../src/features/access/console-accounts.ts';
import { threeTraineeSetup } from '../support/chat.ts';
import { csrfIn, startConsole } from '../support/console.ts';
import { openTestDatabase, type TestDatabase } from '../support/databases.ts';

// The class page lists the class's group robots and lets a county contact set or remove one; the
// webhook is write-only: no page ever shows it again.

const KEY = '693a91f6-7aaa-4bc4-97a0-0ec2sifa5aaa';

describe('group robots in the console', () => {
  let db: TestDatabase;
  let bot: Bot;
  let web: FastifyInstance;
  const cookie: Record<string, string> = {};

  beforeAll(async () => {
    db = await openTestDatabase('pglite');
    ({ bot, web } = await startConsole(db, { at: '2026-11-23T08:00:00+08:00', setup: threeTraineeSetup(), env: { SECRET_KEY: 'test-secret-key-of-at-least-32-characters!' } }));
    for (const name of ['李老师', '王主任']) cookie[name] = `yanxiu_session=${await startSession(bot.app, (await db.prisma.person.findFirstOrThrow({ where: { name } })).id)}`;
  }, 60_000);
  afterAll(async () => {
    await web?.close();
    await bot?.stop();
    await db?.close();
  });

  const page = (url: string, who: string) => web.inject({ method: 'GET', url, headers: { cookie: cookie[who]! } });
  const post = async (url: string, who: string, form: Record<string, string>, from: string) =>
    web.inject({ method: 'POST', url, headers: { cookie: cookie[who]! }, payload: { _csrf: csrfIn((await page(from, who)).body), ...form } });

  it('when a county contact saves a WeCom robot for the class it is listed by name, never by address, and can be removed', async () => {
    const id = (await db.prisma.trainingClass.findFirstOrThrow({ where: { name: '小学数学1班' } })).id;
    const classUrl = `/console/classes/${id}`;
    const saved = await post(`${classUrl}/robots`, '王主任', { kind: 'wecom', webhook: `https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=${KEY}` }, classUrl);
    expect(saved.statusCode).toBe(303);
    const shown = (await page(classUrl, '王主任')).body;
    expect(shown).toContain('小学数学1班 企业微信群机器人');
    expect(shown).not.toContain(KEY);

    const refused = await post(`${classUrl}/robots`, '王主任', { kind: 'wecom', webhook: 'https://10.0.0.1/cgi-bin/webhook/send?key=abcdefgh' }, classUrl);
    expect((await page(refused.headers.location as string, '王主任')).body).toContain('只接受企业微信官方的 webhook 地址');
    expect(await db.prisma.groupRobot.count()).toBe(1);

    // A tutor sees the class page but not the form, and cannot post it.
    expect((await page(classUrl, '李老师')).body).not.toContain('设置本班群机器人');
    expect((await post(`${classUrl}/robots`, '李老师', { kind: 'wecom', webhook: `https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=${KEY}` }, classUrl)).statusCode).toBe(403);

    const robot = await db.prisma.groupRobot.findFirstOrThrow();
    expect((await post(`${classUrl}/robots/${robot.id}/remove`, '王主任', {}, classUrl)).statusCode).toBe(303);
    expect(await db.prisma.groupRobot.count()).toBe(0);
  });
});
