import type { FastifyInstance } from 'fastify';
import { PlaygroundOutbox } from '../../src/adapters/playground/playground-outbox.ts';
import { applySetup } from '../../src/features/roster/setup.ts';
import { createBot, type Bot } from '../../src/bot/create-bot.ts';
import { parseConfig } from '../../src/config.ts';
import { consoleRoutes } from '../../src/console/console-routes.ts';
import { DemoFeed, demoRoutes, isDemoChat } from '../../src/console/demo.ts';
import type { DemoFeedOptions } from '../../src/console/demo-rooms.ts';
import { ManualClock, type JobRunner } from '../../src/core/ports.ts';
import { VirtualBullmq } from '../../src/jobs/virtual-bullmq.ts';
import { healthRoutes } from '../../src/http/health.ts';
import { metricsRoutes } from '../../src/http/metrics.ts';
import type { StreamLimits } from '../../src/http/event-stream.ts';
import { buildWebServer } from '../../src/http/web-server.ts';
import { createLogger } from '../../src/logger.ts';
import type { TestDatabase } from './databases.ts';

export const ADMIN_PASSWORD = 'correct-horse-battery-staple';

/**
 * The bot with its web server as main.ts assembles it (console, demo, health) and its metrics
 * server (a listener of its own in main.ts), on a test database and a virtual clock; chat messages go to a playground outbox the
 * test can read. `env` adds configuration (e.g. HTTP_TRUST_PROXY), `streams` caps event streams.
 */
export async function startConsole(
  db: TestDatabase,
  options: { at: string; setup?: unknown; wechatQrFile?: string; env?: Record<string, string>; streams?: StreamLimits; streamRecheckMs?: number; demo?: DemoFeedOptions; bullmq?: { url: string; queue: string; timeoutMs?: number } },
): Promise<{ bot: Bot<JobRunner>; web: FastifyInstance; metrics: FastifyInstance; chatOutbox: PlaygroundOutbox; clock: ManualClock; demoFeed: DemoFeed }> {
  const clock = new ManualClock(new Date(options.at));
  const chatOutbox = new PlaygroundOutbox(clock);
  const demoFeed = new DemoFeed(options.demo);
  const outbox = { send: (m: Parameters<PlaygroundOutbox['send']>[0]) => (isDemoChat(m.chat.id) ? demoFeed.send(m) : chatOutbox.send(m)) };
  const config = parseConfig({ LOG_LEVEL: 'silent', ADMIN_PASSWORD, CONSOLE_URL: 'http://console.test', ...options.env });
  // On BullMQ (support/redis.ts `jobsOption`) jobs go to Redis and are held there: the console tests do not move the clock.
  const bullmq = options.bullmq ? new VirtualBullmq({ host: new URL(options.bullmq.url).hostname, port: Number(new URL(options.bullmq.url).port), maxRetriesPerRequest: null }, clock, createLogger('silent'), options.bullmq.queue, { timeoutMs: options.bullmq.timeoutMs }) : undefined;
  const bot = await createBot<JobRunner>({ config, database: db, outbox, clock, log: createLogger('silent'), scheduler: bullmq?.scheduler });
  if (options.setup) await applySetup(bot.app, options.setup);
  const plugins = [healthRoutes([]), consoleRoutes(bot.app, { wechatQrFile: options.wechatQrFile, streamRecheckMs: options.streamRecheckMs }), demoRoutes(bot, demoFeed)];
  const web = await buildWebServer(plugins, { log: createLogger('silent'), trustProxy: config.http.trustProxy, streams: options.streams });
  const metrics = await buildWebServer([metricsRoutes(bot.app, { token: config.metrics?.token })], { log: createLogger('silent') });
  web.addHook('onClose', async () => void (await metrics.close()));
  return { bot, web, metrics, chatOutbox, clock, demoFeed };
}

/** The session cookie a sign-in response set. */
export function sessionCookie(response: { cookies: { name: string; value: string }[] }): string {
  const cookie = response.cookies.find((c) => c.name === 'yanxiu_session');
  if (!cookie) throw new Error('no session cookie was set');
  return `yanxiu_session=${cookie.value}`;
}

/** The CSRF token a page embeds in its forms. */
export const csrfIn = (body: string) => /name="_csrf" value="([^"]+)"/.exec(body)?.[1] ?? '';
