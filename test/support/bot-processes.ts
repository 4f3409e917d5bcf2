import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

// Real bot processes started as `npm start` starts them, a round-robin HTTP proxy in front of them
// (as a load balancer), and the rate measure the platform's limits are stated in.

const ROOT = path.resolve(import.meta.dirname, '../..');
export const WEBHOOK_SECRET = 'bot-processes-secret-0123456789';

export interface BotProcess {
  name: string;
  port: number;
  child: ChildProcess;
  exited: Promise<void>;
  output: string[];
  alive(): boolean;
}

/** The most arrivals in any window of `windowMs` (sliding, from each arrival). */
export function busiest(times: number[], windowMs: number): number {
  const sorted = [...times].sort((x, y) => x - y);
  let most = 0;
  for (let i = 0, j = 0; i < sorted.length; i++) {
    while (sorted[j]! < sorted[i]! - windowMs + 1) j++;
    most = Math.max(most, i - j + 1);
  }
  return most;
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Passes each request to the next of `targets()` (ports on loopback) in turn; one that refuses is skipped. */
export function roundRobin(targets: () => number[]): Promise<{ server: Server; url: string }> {
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

/**
 * One bot process with Telegram in webhook mode (path /telegram) against `apiRoot`, on its own HTTP
 * port; `env` adds or overrides (DATABASE_URL, REDIS_URL, DATA_DIR…).
 */
export async function startBotProcess(name: string, options: { apiRoot: string; botId: number; env: Record<string, string> }): Promise<BotProcess> {
  const port = await freePort();
  const env = {
    ...process.env,
    SECRET_KEY: 'bot-processes-shared-secret-key-0123456789',
    TELEGRAM_BOT_TOKEN: `${options.botId}:bot-processes-token-abcdefghijklmnop`,
    TELEGRAM_API_ROOT: options.apiRoot,
    TELEGRAM_WEBHOOK_URL: 'https://bot.invalid/telegram',
    TELEGRAM_WEBHOOK_SECRET: WEBHOOK_SECRET,
    HTTP_HOST: '127.0.0.1',
    HTTP_PORT: String(port),
    METRICS_PORT: 'off',
    LOG_LEVEL: 'warn',
    ...options.env,
  };
  const script = (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: { start: string } }).scripts.start;
  const child = spawn('sh', ['-c', `exec ${script}`], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const output: string[] = [];
  child.stdout!.on('data', (d: Buffer) => output.push(d.toString()));
  child.stderr!.on('data', (d: Buffer) => output.push(d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return { name, port, child, exited, output, alive: () => child.exitCode === null && child.signalCode === null };
}

/** Waits until `count` processes have set their webhook with the Bot API server; throws with the log of one that died. */
export async function waitStarted(bots: BotProcess[], webhooksSet: () => number, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (webhooksSet() < bots.length) {
    const dead = bots.find((b) => !b.alive());
    if (dead || Date.now() > deadline) throw new Error(`process ${dead?.name ?? '?'} did not start:\n${(dead ?? bots[0]!).output.join('')}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** SIGTERM, then SIGKILL after `graceMs`. */
export async function stopBotProcess(bot: BotProcess, graceMs = 15_000): Promise<void> {
  if (!bot.alive()) return;
  bot.child.kill('SIGTERM');
  await Promise.race([bot.exited, new Promise((r) => setTimeout(r, graceMs))]);
  if (bot.alive()) bot.child.kill('SIGKILL');
}

/** Telegram's webhook post of one update. */
export async function postUpdate(base: string, update: Record<string, unknown>): Promise<number> {
  const response = await fetch(`${base}/telegram`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': WEBHOOK_SECRET }, body: JSON.stringify(update) });
  await response.arrayBuffer();
  return response.status;
}

/** Runs `work` over at most 40 connections at once, as Telegram keeps at most 40 webhook connections open. */
export async function over40(work: (() => Promise<void>)[]): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(40, work.length) }, async () => {
    while (next < work.length) await work[next++]!();
  }));
}
