import { randomInt } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { namesIn, seedGroups, traineeName, userIdOf } from '../../bench/checkin-burst.ts';
import type { App } from '../../src/app/app.ts';
import { systemClock } from '../../src/core/ports.ts';
import { DeliveryLog } from '../../src/delivery/delivery-log.ts';
import { startSession } from '../../src/features/access/console-accounts.ts';
import { openTestDatabase, type TestDatabase } from '../support/databases.ts';
import { FakeTelegram, textUpdate } from '../support/fake-telegram.ts';
import { useTestRedis } from '../support/redis.ts';
import { busiest, over40, postUpdate, roundRobin, startBotProcess, stopBotProcess, waitStarted, type BotProcess } from '../support/bot-processes.ts';

// Three bot processes started as `npm start` starts them, on one PostgreSQL and one redis-server,
// answering through a local Bot API server; Telegram's webhook posts reach them through a
// round-robin proxy on loopback, as behind a load balancer. The processes must act as one bot.

const N = Number(process.env.YANXIU_THREE_PROCESSES_TRAINEES ?? 500);
const FANOUT = Number(process.env.YANXIU_THREE_PROCESSES_FANOUT ?? 2000);
const GROUP_NOTICES = 25;
const BOT_ID = 600_000_000 + randomInt(1_000_000);
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

describe.skipIf(!inject('postgresUrl'))('three bot processes as one bot (skipped without a PostgreSQL server: PGlite is one process only)', () => {
  const redisUrl = useTestRedis();
  let db: TestDatabase;
  let telegram: FakeTelegram;
  let proxy: { server: Server; url: string };
  let dataDir: string;
  const bots: BotProcess[] = [];
  const live = () => bots.filter((b) => b.alive()).map((b) => b.port);
  const groups = { single: '-1001', spread: '-1002' };

  const start = (name: string) => startBotProcess(name, { apiRoot: telegram.url!, botId: BOT_ID, env: { DATABASE_URL: db.url!, REDIS_URL: redisUrl(), DATA_DIR: path.join(dataDir, name) } });

  /** Telegram posting one update to the bot's webhook (through the proxy unless a port is given). */
  const post = async (update: Record<string, unknown>, port?: number) => {
    expect(await postUpdate(port ? `http://127.0.0.1:${port}` : proxy.url, update)).toBe(200);
  };

  let updateId = 1;
  const checkIn = (chatId: string, i: number) => ({ update_id: updateId++, ...textUpdate({ chatId: Number(chatId), chatTitle: `${chatId}群`, userId: Number(userIdOf(chatId, i)), name: traineeName(i), text: '签到', messageId: i + 1 }) });

  beforeAll(async () => {
    db = await openTestDatabase('postgresql');
    dataDir = mkdtempSync(path.join(tmpdir(), 'yanxiu-three-'));
    await seedGroups(db, [{ chatId: groups.single, trainees: N }, { chatId: groups.spread, trainees: N }, { chatId: '-1003', trainees: 1 }], new Date(Date.now() + 5 * 60_000), 'telegram');
    telegram = new FakeTelegram({ openPrivateChats: true });
    await telegram.start();
    for (const name of ['A', 'B', 'C']) bots.push(await start(name));
    proxy = await roundRobin(live);
    await waitStarted(bots, () => telegram.calls.filter((c) => c.method === 'setWebhook').length);
  }, 180_000);

  afterAll(async () => {
    for (const bot of bots) await stopBotProcess(bot);
    proxy?.server.close();
    await telegram?.stop();
    await db?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);

  it(`when ${N} trainees check in at once through three processes, each is recorded once and the group gets as many messages as from one process`, { timeout: 240_000 }, async () => {
    // How many of the group's trainees the group's latest list names.
    const everyoneNamed = (chatId: string) => {
      const last = telegram.versions().filter((m) => m.chatId === chatId).at(-1);
      const named = namesIn(last?.text ?? '');
      return Array.from({ length: N }, (_, i) => traineeName(i)).filter((name) => named.has(name)).length;
    };
    // The same burst first into one process (its own port), then spread by the proxy.
    const single = bots[0]!.port;
    await over40(Array.from({ length: N }, (_, i) => () => post(checkIn(groups.single, i), single)));
    const spreadStarted = Date.now();
    await over40(Array.from({ length: N }, (_, i) => () => post(checkIn(groups.spread, i))));
    const spreadSeconds = (Date.now() - spreadStarted) / 1000;

    const sessions = await db.prisma.trainingSession.findMany({ include: { class: true }, orderBy: { id: 'asc' } });
    for (const s of sessions.slice(0, 2)) expect(await db.prisma.checkIn.count({ where: { sessionId: s.id } })).toBe(N);
    // Recorded once each: no trainee twice.
    const perPerson = await db.prisma.checkIn.groupBy({ by: ['sessionId', 'personId'], _count: true });
    expect(perPerson.every((row) => row._count === 1)).toBe(true);
    await expect.poll(() => everyoneNamed(groups.spread), { timeout: 60_000, interval: 250 }).toBe(N);
    await expect.poll(() => everyoneNamed(groups.single), { timeout: 60_000, interval: 250 }).toBe(N);
    await sleep(6000);
    const sent = (chatId: string) => telegram.sentMessages().filter((m) => m.chatId === chatId);
    expect(sent(groups.spread).length).toBe(sent(groups.single).length);
    console.info(`burst: ${N} check-ins through three processes in ${spreadSeconds.toFixed(1)} s; group messages ${sent(groups.spread).length} (one process: ${sent(groups.single).length}), edits ${telegram.edits().filter((m) => m.chatId === groups.spread).length}`);
    expect(telegram.refusedEdits).toBe(0);
  });

  it(`when a fan-out to ${FANOUT} teachers and two groups is sent by three processes and one is killed mid-send, Telegram never sees more than 30 a second or 20 a group-minute, and nothing is lost or sent twice beyond UNCERTAIN rows`, { timeout: 420_000 }, async () => {
    const deliveries = new DeliveryLog(db.prisma);
    const fanoutGroups = ['-1003', '-1004'];
    const firstCall = telegram.calls.length;
    await Promise.all(Array.from({ length: 20 }, async (_, w) => {
      for (let i = w; i < FANOUT; i += 20) await deliveries.enqueue({ chat: { platform: 'telegram', id: String(900_000 + i), kind: 'private' }, text: '开班通知：12月1日8:00报到', delivery: { key: `notice:9:person:${i}`, source: 'notice:9' } });
    }));
    for (let i = 0; i < GROUP_NOTICES; i++) for (const g of fanoutGroups) await deliveries.enqueue({ chat: { platform: 'telegram', id: g, kind: 'group' }, text: `群通知第${i + 1}条` });

    const killed = bots[1]!;
    await expect.poll(() => telegram.sentMessages().filter((m) => Number(m.chatId) >= 900_000).length, { timeout: 120_000, interval: 100 }).toBeGreaterThanOrEqual(FANOUT / 3);
    // Telegram answers slowly for a moment, so that every process has sends under way; B is killed
    // once one of its rows is being sent.
    telegram.onSendMessage = () => sleep(1500);
    const ofKilled = { status: 'SENDING' as const, worker: { contains: `:${killed.child.pid}:` } };
    await expect.poll(() => db.prisma.delivery.count({ where: ofKilled }), { timeout: 30_000, interval: 20 }).toBeGreaterThan(0);
    killed.child.kill('SIGKILL');
    await killed.exited;
    const inDoubt = await db.prisma.delivery.findMany({ where: ofKilled, select: { id: true } });
    telegram.onSendMessage = undefined;
    await expect.poll(() => deliveries.open(['telegram']), { timeout: 300_000, interval: 500 }).toBe(0);

    const all = telegram.calls.slice(firstCall).filter((c) => c.method === 'sendMessage');
    const at = telegram.calls.filter((c) => c.method === 'sendMessage').map((c) => c.at);
    expect(busiest(at, 1000)).toBeLessThanOrEqual(30);
    for (const g of [...fanoutGroups, groups.single, groups.spread]) {
      const inGroup = telegram.sentMessages().filter((m) => m.chatId === g);
      expect(busiest(inGroup.map((m) => m.at), 60_000), g).toBeLessThanOrEqual(20);
    }
    for (const g of fanoutGroups) {
      const texts = all.filter((c) => String(c.params.chat_id) === g).map((c) => String(c.params.text));
      expect(new Set(texts).size, `${g} got a notice twice`).toBe(texts.length);
    }
    const received = new Map<string, number>();
    for (const c of all) received.set(String(c.params.chat_id), (received.get(String(c.params.chat_id)) ?? 0) + 1);
    const rows = await db.prisma.delivery.findMany({ where: { source: 'notice:9' }, select: { chatId: true, status: true } });
    expect(inDoubt.length).toBeGreaterThan(0);
    expect(rows).toHaveLength(FANOUT);
    const uncertain = rows.filter((r) => r.status === 'UNCERTAIN');
    // What B was sending when it died may have arrived: UNCERTAIN, never sent again by another process.
    const doubted = await db.prisma.delivery.findMany({ where: { id: { in: inDoubt.map((r) => r.id) } }, select: { status: true } });
    expect(doubted.every((r) => r.status === 'UNCERTAIN')).toBe(true);
    // A killed process can leave only the sends it had under way in doubt: never more than its in-flight share.
    expect(uncertain.length).toBeLessThanOrEqual(30);
    for (const row of rows) {
      const times = received.get(row.chatId) ?? 0;
      if (row.status === 'UNCERTAIN') expect(times).toBeLessThanOrEqual(1);
      else {
        expect(row.status).toBe('SENT');
        expect(times, row.chatId).toBe(1);
      }
    }
    console.info(`fan-out: ${rows.length - uncertain.length} SENT, ${uncertain.length} UNCERTAIN after SIGKILL of process ${killed.name}; busiest second ${busiest(at, 1000)}`);
  });

  it('when a trainee checks in on process C, a console board open on process A shows it within 2 seconds', { timeout: 60_000 }, async () => {
    const [a, , c] = bots;
    const cls = await db.prisma.trainingClass.findFirstOrThrow({ where: { name: '-1003班' } });
    const cookie = `yanxiu_session=${await startSession({ db: db.prisma, clock: systemClock } as unknown as App, null)}`;
    const abort = new AbortController();
    const response = await fetch(`http://127.0.0.1:${a!.port}/console/classes/${cls.id}/live`, { headers: { cookie, accept: 'text/event-stream' }, signal: abort.signal });
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
    await sleep(300);
    const sentAt = Date.now();
    await post(checkIn('-1003', 0), c!.port);
    const late = new Promise<string>((resolve) => setTimeout(() => resolve('nothing within 2 s'), 2000 - (Date.now() - sentAt)));
    const text = await Promise.race([seen, late]);
    abort.abort();
    expect(text).toContain('event: checkin');
    expect(text).toContain(traineeName(0));
  });
});
