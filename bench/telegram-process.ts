import { spawn, type ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import path from 'node:path';
import { FakeTelegram, textUpdate } from '../test/support/fake-telegram.ts';
import { openDatabase } from '../src/db/client.ts';
import { namesIn, seedGroups, traineeName, userIdOf } from './checkin-burst.ts';

export interface TelegramProcessResult {
  database: string;
  burstTrainees: number;
  checkinsPerSecond: number;
  p50RecordedMs: number;
  p99RecordedMs: number;
  p99AckMs: number;
  groupMessages: number;
  recorded: number;
  groups: number;
  trainees: number;
  rssMbIdle: number;
  rssMbAfter: number;
  rssMbPeak: number;
}

const ROOT = path.resolve(import.meta.dirname, '..');
const CONNECTIONS = 40;
const SECRET = 'bench-webhook-secret-0123456789';
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function memoryOf(pid: number): Promise<{ rss: number; peak: number }> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { rss: Math.round(kb('VmRSS') / 1024), peak: Math.round(kb('VmHWM') / 1024) };
}

/**
 * The bot as it runs in production, in its own process (`node src/main.ts`), receiving Telegram
 * updates over HTTP on its webhook and answering through a local Bot API server. First one group of
 * `burst` trainees checks in at once (timed); then the other groups, until `groups` groups and
 * `trainees` trainees have all checked in; then the process's resident memory is read from /proc.
 * `database` is a PostgreSQL URL, or a directory for the embedded database (seeded before the bot starts).
 */
export async function telegramProcess(database: { url: string } | { dataDir: string }, options: { burst: number; groups: number; trainees: number; redisUrl?: string }): Promise<TelegramProcessResult> {
  const { burst, groups, trainees } = options;
  const perGroup = Math.floor((trainees - burst) / (groups - 1));
  const extra = trainees - burst - perGroup * (groups - 1);
  const chats = Array.from({ length: groups }, (_, g) => ({ chatId: `-100${g + 1}`, trainees: g === 0 ? burst : perGroup + (g <= extra ? 1 : 0) }));
  const startsAt = new Date(Date.now() + 5 * 60_000);
  const opened = 'url' in database ? database : { dataDir: path.join(database.dataDir, 'pglite') };
  const seeding = await openDatabase(opened);
  await seedGroups(seeding, chats, startsAt, 'telegram');
  await seeding.close();

  const telegram = new FakeTelegram();
  const apiRoot = await telegram.start();
  const port = await freePort();
  const env = {
    ...process.env,
    ...('url' in database ? { DATABASE_URL: database.url } : { DATA_DIR: database.dataDir, DATABASE_URL: '' }),
    ...(options.redisUrl ? { REDIS_URL: options.redisUrl } : { LOCAL_REDIS_PORT: String(await freePort()) }),
    TELEGRAM_BOT_TOKEN: '123456:bench-token-abcdefghijklmnopqrstuvwxyz',
    TELEGRAM_API_ROOT: apiRoot,
    TELEGRAM_WEBHOOK_URL: 'https://bench.invalid/telegram',
    TELEGRAM_WEBHOOK_SECRET: SECRET,
    HTTP_HOST: '127.0.0.1',
    HTTP_PORT: String(port),
    LOG_LEVEL: 'warn',
  };
  // Started exactly as `npm start` starts it (its memory flags included), minus npm's own process.
  const start = (JSON.parse(await readFile(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: { start: string } }).scripts.start;
  const bot: ChildProcess = spawn('sh', ['-c', `exec ${start}`], { cwd: ROOT, env, stdio: ['ignore', 'inherit', 'inherit'] });
  const exited = new Promise<void>((resolve) => bot.once('exit', () => resolve()));
  try {
    for (let i = 0; ; i++) {
      if (telegram.webhook) break;
      if (bot.exitCode !== null || i > 600) throw new Error('the bot process did not start');
      await sleep(100);
    }
    const webhook = `http://127.0.0.1:${port}/telegram`;
    let updateId = 1;
    const post = async (chat: { chatId: string }, i: number) => {
      const update = { update_id: updateId++, ...textUpdate({ chatId: Number(chat.chatId), chatTitle: `${chat.chatId}群`, userId: Number(userIdOf(chat.chatId, i)), name: traineeName(i), text: '签到', messageId: i + 1 }) };
      const response = await fetch(webhook, { method: 'POST', headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET }, body: JSON.stringify(update) });
      if (!response.ok) throw new Error(`webhook answered ${response.status}`);
    };
    await sleep(1000);
    const idle = await memoryOf(bot.pid!);

    // Telegram keeps at most 40 webhook connections open (setWebhook's max_connections default).
    const overConnections = async (work: (() => Promise<void>)[]) => {
      let next = 0;
      await Promise.all(Array.from({ length: Math.min(CONNECTIONS, work.length) }, async () => {
        while (next < work.length) await work[next++]!();
      }));
    };
    const first = chats[0]!;
    const arrivals: number[] = [];
    const recordedAfter: number[] = [];
    const started = Date.now();
    // All 500 are sent within the same second; each waits its turn for one of the connections.
    for (let i = 0; i < burst; i++) arrivals[i] = started;
    await overConnections(Array.from({ length: burst }, (_, i) => async () => {
      await post(first, i);
      recordedAfter[i] = Date.now() - arrivals[i]!;
    }));
    const elapsed = (Date.now() - started) / 1000;
    const ackOf = (i: number) => telegram.versions().find((m) => m.chatId === first.chatId && namesIn(m.text).has(traineeName(i)))?.at;
    for (let waited = 0; ackOf(burst - 1) === undefined && waited < 20_000; waited += 100) await sleep(100);
    const ackMs = Array.from({ length: burst }, (_, i) => (ackOf(i) ?? Infinity) - arrivals[i]!).sort((a, b) => a - b);
    const groupMessages = telegram.sentMessages().filter((m) => m.chatId === first.chatId).length;

    // The rest of the county.
    await overConnections(chats.slice(1).flatMap((chat) => Array.from({ length: chat.trainees }, (_, i) => () => post(chat, i))));
    await sleep(5000);
    const after = await memoryOf(bot.pid!);

    recordedAfter.sort((a, b) => a - b);
    bot.kill('SIGTERM');
    await exited;
    const counting = await openDatabase({ ...opened, migrate: false });
    const recorded = await counting.prisma.checkIn.count();
    await counting.close();
    return {
      database: 'url' in database ? 'postgresql' : 'pglite',
      burstTrainees: burst,
      checkinsPerSecond: Math.round(burst / elapsed),
      p50RecordedMs: percentile(recordedAfter, 50),
      p99RecordedMs: percentile(recordedAfter, 99),
      p99AckMs: Math.round(percentile(ackMs, 99)),
      groupMessages,
      recorded,
      groups,
      trainees,
      rssMbIdle: idle.rss,
      rssMbAfter: after.rss,
      rssMbPeak: after.peak,
    };
  } finally {
    if (bot.exitCode === null) {
      bot.kill('SIGTERM');
      await Promise.race([exited, sleep(10_000)]);
      bot.kill('SIGKILL');
    }
    await telegram.stop();
  }
}
