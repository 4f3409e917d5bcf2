import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Bot } from '../../src/bot/create-bot.ts';
import { startSession } from '../../src/features/access/console-accounts.ts';
import { createSession } from '../../src/features/attendance/sessions.ts';
import { relayEvents } from '../../src/jobs/event-relay.ts';
import { createLogger } from '../../src/logger.ts';
import { exampleSetup } from '../support/chat.ts';
import { startConsole } from '../support/console.ts';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../support/databases.ts';
import { freshQueueName, useTestRedis } from '../support/redis.ts';

// Two bot instances on one database and one redis-server, as two processes behind a load balancer:
// the teacher's live board is served by A while the group's check-ins arrive at B.

const AT = '2026-11-23T08:00:00+08:00';

describe('the live board with several processes', () => {
  const redisUrl = useTestRedis();
  let db: TestDatabase;
  let a: { bot: Bot; web: FastifyInstance };
  let b: { bot: Bot; web: FastifyInstance };
  let base: string;
  let classId: number;
  const closers: (() => Promise<void>)[] = [];

  beforeAll(async () => {
    db = await openTestDatabase(databaseKinds().at(-1)!);
    a = await startConsole(db, { at: AT, setup: exampleSetup() });
    b = await startConsole(db, { at: AT });
    // A channel of this test's own: other engineers' tests may share the redis-server.
    const channel = freshQueueName('events');
    for (const instance of [a, b]) closers.push((await relayEvents(instance.bot.app.events, redisUrl(), createLogger('silent'), channel)).close);
    base = await a.web.listen({ host: '127.0.0.1', port: 0 });
    classId = (await db.prisma.trainingClass.findFirstOrThrow({ where: { name: '小学数学1班' } })).id;
    await createSession(b.bot.app, { personId: null, label: 'test' }, { classId, title: '开班第一课', startsAt: new Date(AT), endsAt: new Date('2026-11-23T11:30:00+08:00'), hours: 3 });
    const zhang = await db.prisma.person.findFirstOrThrow({ where: { name: '张三' } });
    await db.prisma.identity.create({ data: { platform: 'playground', platformUserId: 'u-zhang3', displayName: '张三', personId: zhang.id } });
  }, 60_000);
  afterAll(async () => {
    for (const close of closers) await close();
    await a?.web.close();
    await b?.web.close();
    await a?.bot.stop();
    await b?.bot.stop();
    await db?.close();
  });

  it('when 张三 checks in on process B, the board open on process A shows it within 2 seconds', { timeout: 30_000 }, async () => {
    const cookie = `yanxiu_session=${await startSession(a.bot.app, null)}`;
    const abort = new AbortController();
    const response = await fetch(`${base}/console/classes/${classId}/live`, { headers: { cookie, accept: 'text/event-stream' }, signal: abort.signal });
    expect(response.status).toBe(200);
    const reader = response.body!.getReader();
    const seen = (async () => {
      let text = '';
      while (!text.includes('event: checkin')) {
        const { value, done } = await reader.read();
        if (done) break;
        text += new TextDecoder().decode(value);
      }
      return text;
    })();

    const sentAt = Date.now();
    await b.bot.handler.handle({ chat: { platform: 'playground', id: 'u-zhang3', kind: 'private' }, sender: { id: 'u-zhang3', name: '张三' }, text: '签到', mentions: [], addressedToBot: true, attachments: [], messageId: 'b-checkin-1', sentAt: b.bot.app.clock.now() });
    const late = new Promise<string>((resolve) => setTimeout(() => resolve('nothing within 2 s'), 2000 - (Date.now() - sentAt)));
    const text = await Promise.race([seen, late]);
    abort.abort();
    expect(text).toContain('event: checkin');
    const data = JSON.parse(/event: checkin\ndata: (.*)\n/.exec(text)![1]!) as { name: string; school: string; status: string };
    expect(data).toMatchObject({ name: '张三', school: '城关小学', status: 'PRESENT' });
    expect(await db.prisma.checkIn.count()).toBe(1);
  });
});
