import { spawn, type ChildProcess } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
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

// Three bot processes started as `npm start` starts them, on one PostgreSQL and one redis-server,
// answering through a local Bot API server; Telegram's webhook posts reach them through a
// round-robin proxy on loopback, as behind a load balancer. The processes must act as one bot.

const N = Number(process.env.YANXIU_THREE_PROCESSES_TRAINEES ?? 500);
const FANOUT = Number(process.env.YANXIU_THREE_PROCESSES_FANOUT ?? 2000);
const GROUP_NOTICES = 25;
const SECRET = 'three-processes-secret-0123456789';
const ROOT = path.resolve(import.meta.dirname, '../..');
const BOT_ID = 600_000_000 + randomInt(1_000_000);
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** The most arrivals in any window of `windowMs` (sliding, from each arrival). */
function busiest(times: number[], windowMs: number): number {
  const sorted = [...times].sort((x, y) => x - y);
  let most = 0;
  for (let i = 0, j = 0; i < sorted.length; i++) {
    while (sorted[j]! < sorted[i]! - windowMs + 1) j++;
    most = Math.max(most, i - j + 1);
  }
  return most;
}

/** Passes each request to the next live target in turn (a target that refuses is skipped). */
function roundRobin(targets: () => number[]): Promise<{ server: Server; url: string }> {
  let next = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const attempt = (tries: number) => {
        const ports = targets();
        const port = ports[next++ % ports.length]!;
        const upstream = request({ host: '127.0.0.1', port, method: req.method, path: req.url, headers: req.headers }, (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        });
        upstream.on('error', () => (tries > 0 ? attempt(tries - 1) : void res.writeHead(502).end()));
        upstream.end(body);
      };
      attempt(targets().length);
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` })));
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

interface BotProcess {
  name: string;
  port: number;
  child: ChildProcess;
  exited: Promise<void>;
  output: string[];
}

describe.skipIf(!inject('postgresUrl'))('three bot processes as one bot (skipped without a PostgreSQL server: PGlite is one process only)', () => {
  const redisUrl = useTestRedis();
  let db: TestDatabase;
  let telegram: FakeTelegram;
  let proxy: { server: Server; url: string };
  let dataDir: string;
  const bots: BotProcess[] = [];
  const live = () => bots.filter((b) => b.child.exitCode === null && b.child.signalCode === null).map((b) => b.port);
  const groups = { single: '-1001', spread: '-1002' };

  const start = async (name: string): Promise<BotProcess> => {
    const port = await freePort();
    const env = {
      ...process.env,
      DATABASE_URL: db.url!,
      REDIS_URL: redisUrl(),
      DATA_DIR: path.join(dataDir, name),
      SECRET_KEY: 'three-processes-shared-secret-key-0123456789',
      TELEGRAM_BOT_TOKEN: `${BOT_ID}:three-processes-token-abcdefghijklmnop`,
      TELEGRAM_API_ROOT: telegram.url!,
      TELEGRAM_WEBHOOK_URL: 'https://bot.invalid/telegram',
      TELEGRAM_WEBHOOK_SECRET: SECRET,
      HTTP_HOST: '127.0.0.1',
      HTTP_PORT: String(port),
      METRICS_PORT: 'off',
      LOG_LEVEL: 'warn',
    };
    const script = (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: { start: string } }).scripts.start;
    const child = spawn('sh', ['-c', `exec ${script}`], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const output: string[] = [];
    child.stdout!.on('data', (d: Buffer) => output.push(d.toString()));
    child.stderr!.on('data', (d: Buffer) => output.push(d.toString()));
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    return { name, port, child, exited, output };
  };

  /** Telegram posting one update to the bot's webhook (through the proxy unless a port is given). */
  const post = async (update: Record<string, unknown>, port?: number) => {
    const base = port ? `http://127.0.0.1:${port}` : proxy.url;
    const response = await fetch(`${base}/telegram`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET }, body: JSON.stringify(update) });
    expect(response.status).toBe(200);
  };

  /** Telegram keeps at most 40 webhook connections open. */
  const over40 = async (work: (() => Promise<void>)[]) => {
    let next = 0;
    await Promise.all(Array.from({ length: Math.min(40, work.length) }, async () => {
      while (next < work.length) await work[next++]!();
    }));
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
    for (let i = 0; telegram.calls.filter((c) => c.method === 'setWebhook').length < 3; i++) {
      const dead = bots.find((b) => b.child.exitCode !== null);
      if (dead || i > 1200) throw new Error(`process ${dead?.name ?? '?'} did not start:\n${(dead ?? bots[0]!).output.join('')}`);
      await sleep(100);
    }
  }, 180_000);

  afterAll(async () => {
    for (const bot of bots) {
      if (bot.child.exitCode !== null || bot.child.signalCode !== null) continue;
      bot.child.kill('SIGTERM');
      await Promise.race([bot.exited, sleep(15_000)]);
      if (bot.child.exitCode === null) bot.child.kill('SIGKILL');
    }
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
