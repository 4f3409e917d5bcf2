import type { FastifyInstance } from 'fastify';
import { PlaygroundOutbox } from '../../src/adapters/playground/playground-outbox.ts';
import { applySetup } from '../../src/app/setup.ts';
import { createBot, type Bot } from '../../src/bot/create-bot.ts';
import { parseConfig } from '../../src/config.ts';
import { consoleRoutes } from '../../src/console/console-routes.ts';
import { DemoFeed, demoRoutes, isDemoChat } from '../../src/console/demo.ts';
import { ManualClock, type JobRunner } from '../../src/core/ports.ts';
import { VirtualBullmq } from '../../src/jobs/virtual-bullmq.ts';
import { healthRoutes } from '../../src/http/health.ts';
import { metricsRoutes } from '../../src/http/metrics.ts';
import { buildWebServer } from '../../src/http/web-server.ts';
import { createLogger } from '../../src/logger.ts';
import type { TestDatabase } from './databases.ts';

export const ADMIN_PASSWORD = 'correct-horse-battery-staple';

/**
 * The bot with its web server as main.ts assembles it (console, demo, health, metrics), on a test
 * database and a virtual clock; chat messages go to a playground outbox the test can read.
 */
export async function startConsole(db: TestDatabase, options: { at: string; setup?: unknown; wechatQrFile?: string; bullmq?: { url: string; queue: string; timeoutMs?: number } }): Promise<{ bot: Bot<JobRunner>; web: FastifyInstance; chatOutbox: PlaygroundOutbox; clock: ManualClock; demoFeed: DemoFeed }> {
  const clock = new ManualClock(new Date(options.at));
  const chatOutbox = new PlaygroundOutbox(clock);
  const demoFeed = new DemoFeed();
  const outbox = { send: (m: Parameters<PlaygroundOutbox['send']>[0]) => (isDemoChat(m.chat.id) ? demoFeed.send(m) : chatOutbox.send(m)) };
  const config = parseConfig({ LOG_LEVEL: 'silent', ADMIN_PASSWORD, CONSOLE_URL: 'http://console.test' });
  // On BullMQ (support/redis.ts `jobsOption`) jobs go to Redis and are held there: the console tests do not move the clock.
  const bullmq = options.bullmq ? new VirtualBullmq({ host: new URL(options.bullmq.url).hostname, port: Number(new URL(options.bullmq.url).port), maxRetriesPerRequest: null }, clock, createLogger('silent'), options.bullmq.queue, { timeoutMs: options.bullmq.timeoutMs }) : undefined;
  const bot = await createBot<JobRunner>({ config, database: db, outbox, clock, log: createLogger('silent'), scheduler: bullmq?.scheduler });
  if (options.setup) await applySetup(bot.app, options.setup);
  const web = await buildWebServer([healthRoutes([]), metricsRoutes(bot.app), consoleRoutes(bot.app, { wechatQrFile: options.wechatQrFile }), demoRoutes(bot, demoFeed)], { log: createLogger('silent') });
  return { bot, web, chatOutbox, clock, demoFeed };
}

/** The session cookie a sign-in response set. */
export function sessionCookie(response: { cookies: { name: string; value: string }[] }): string {
  const cookie = response.cookies.find((c) => c.name === 'yanxiu_session');
  if (!cookie) throw new Error('no session cookie was set');
  return `yanxiu_session=${cookie.value}`;
}

/** The CSRF token a page embeds in its forms. */
export const csrfIn = (body: string) => /name="_csrf" value="([^"]+)"/.exec(body)?.[1] ?? '';
