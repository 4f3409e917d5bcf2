import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Bot } from '../../src/bot/create-bot.ts';
import { startConsole } from '../support/console.ts';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../support/databases.ts';
import { demoBrowser } from '../support/demo.ts';

// Two bot processes behind one address: a demo visitor's next request may reach either, so the
// room their cookie names must be found by both (and by a process started after a restart).

describe.each(databaseKinds())('demo rooms shared by two processes on %s', (kind) => {
  let db: TestDatabase;
  const servers: { bot: Bot; web: FastifyInstance }[] = [];
  const browsers: ReturnType<typeof demoBrowser>[] = [];

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    for (let i = 0; i < 2; i++) {
      const { bot, web } = await startConsole(db, { at: '2026-11-23T08:20:00+08:00' });
      servers.push({ bot, web });
      browsers.push(demoBrowser(web, await web.listen({ port: 0, host: '127.0.0.1' })));
    }
  }, 60_000);
  afterAll(async () => {
    for (const { bot, web } of servers) {
      await web.close();
      await bot.stop();
    }
    await db.close();
  });

  it('when a visitor opens the demo on one process the other finds their room by its cookie, and the room stays theirs', async () => {
    const [a, b] = browsers as [ReturnType<typeof demoBrowser>, ReturnType<typeof demoBrowser>];
    const visitor = await a.visit();
    expect(await a.say(visitor, 'demo-1', '签到')).toBe(200);
    expect(await b.gone(visitor)).toBe(false);
    expect(await b.say(visitor, 'demo-tutor', '签到情况')).toBe(200);
    expect(await b.visit(visitor)).toBe(visitor);
    const other = await b.visit();
    expect(other).not.toBe(visitor);
    expect(await a.gone(other)).toBe(false);
    const classes = await db.prisma.trainingClass.findMany({ where: { name: { startsWith: '演示班' } }, select: { name: true }, orderBy: { name: 'asc' } });
    expect(classes.map((c) => c.name)).toEqual(['演示班1', '演示班2']);
  });
});
