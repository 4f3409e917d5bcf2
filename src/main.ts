import path from 'node:path';
import { renderForConsole, runConsole } from './adapters/playground/console.ts';
import { PlaygroundOutbox } from './adapters/playground/playground-outbox.ts';
import { createRobotSender } from './adapters/robots/robot-channel.ts';
import { ROBOT_LIMITS } from './adapters/robots/robot-sender.ts';
import { RedisPaces } from './adapters/shared/shared-pace.ts';
import { TELEGRAM_LIMITS } from './adapters/telegram/telegram-outbox.ts';
import { QQ_LIMITS } from './adapters/qq/qq-outbox.ts';
import { relayEvents } from './jobs/event-relay.ts';
import { TelegramAdapter } from './adapters/telegram/telegram-adapter.ts';
import { QqAdapter } from './adapters/qq/qq-adapter.ts';
import { safeUrl } from './adapters/qq/onebot-client.ts';
import { parseQuietHours } from './core/time/quiet-hours.ts';
import { createBot } from './bot/create-bot.ts';
import { PlatformOutbox } from './core/platform-outbox.ts';
import { systemClock } from './core/ports.ts';
import { DeliveryLog } from './delivery/delivery-log.ts';
import { DeliveryQueue } from './delivery/delivery-queue.ts';
import { consoleRoutes } from './console/console-routes.ts';
import { DemoFeed, demoRoutes, isDemoChat } from './console/demo.ts';
import type { Outbox } from './core/ports.ts';
import { healthRoutes, type ReadinessCheck } from './http/health.ts';
import { metricsRoutes } from './http/metrics.ts';
import { startWebServer, type WebPlugin } from './http/web-server.ts';
import { createRootLogger, loadConfigOrExit, playgroundLogFile, openConfiguredDatabase, openScheduler } from './runtime.ts';

// Composition root: config → logger → database → platform adapters (their outboxes) → bot → HTTP;
// graceful shutdown. Telegram runs with TELEGRAM_BOT_TOKEN (webhook when TELEGRAM_WEBHOOK_URL is set,
// else long polling), WeChat with WECHAT=on or WECHATY_PUPPET, QQ with QQ=on or ONEBOT_WS_URL (and
// ONEBOT_ACCESS_TOKEN); with none of them, the playground console.

const config = loadConfigOrExit();
const logFile = playgroundLogFile(config);
const log = createRootLogger(config, logFile);
if (logFile) process.stderr.write(`日志写入 ${logFile}\n`);
const database = await openConfiguredDatabase(config);
log.info('database ready', { kind: database.kind });
const closers: (() => Promise<void>)[] = [];
const jobs = await openScheduler(config, log, { startLocalRedis: true });
closers.push(jobs.close);
// Each platform account's sending budget is kept in Redis, shared by every process sending for it.
const paces = jobs.redisUrl ? new RedisPaces(jobs.redisUrl, log.child({ part: 'pacing' }), { localShare: 1 / config.sendingProcesses }) : undefined;
if (paces) closers.push(() => paces.close());
const shared = (account: string) => paces?.account(account);

const telegram = config.telegram
  ? new TelegramAdapter({ token: config.telegram.token, apiRoot: config.telegram.apiRoot, log: log.child({ platform: 'telegram' }), limits: { ...TELEGRAM_LIMITS, shared: shared(`telegram:${config.telegram.token.split(':')[0]}`) } })
  : undefined;
// wechaty is loaded only when WeChat is configured: it alone costs ~80 MB of memory.
const wechatModules = config.wechat ? await Promise.all([import('./adapters/wechat/wechat-adapter.ts'), import('./adapters/wechat/wechat-outbox.ts'), import('./adapters/wechat/puppet.ts')]) : undefined;
const missing = config.wechat && wechatModules ? wechatModules[2].missingPuppet(config.wechat.puppet) : null;
if (missing) {
  process.stderr.write(`${missing}\n`);
  process.exit(2);
}
const wechat = config.wechat && wechatModules
  ? new wechatModules[0].WechatAdapter({
      puppet: config.wechat.puppet,
      puppetOptions: wechatModules[2].wechatyPuppetOptions(config.wechat),
      clock: systemClock,
      log: log.child({ platform: 'wechat' }),
      limits: { ...wechatModules[1].WECHAT_LIMITS, quietFor: config.wechat.quietHours ? parseQuietHours(config.wechat.quietHours)! : undefined, shared: shared('wechat') },
      maxMessageAgeSeconds: config.wechat.maxMessageAgeSeconds,
      qrFile: path.join(config.dataDir, 'wechat-login.png'),
    })
  : undefined;
const qq = config.qq
  ? new QqAdapter({ connection: config.qq.connection, accessToken: config.qq.accessToken, clock: systemClock, log: log.child({ platform: 'qq' }), limits: { ...QQ_LIMITS, shared: shared(qqAccount(config.qq.connection)) } })
  : undefined;
const terminal = telegram || wechat || qq ? undefined : new PlaygroundOutbox(systemClock, (record) => process.stdout.write(renderForConsole(record)));
// The browser demo (/demo) plays on the playground platform in chats of its own, kept in memory.
const demoFeed = new DemoFeed();
const playground: Outbox = { send: (m) => (isDemoChat(m.chat.id) ? demoFeed.send(m) : (terminal?.send(m) ?? Promise.resolve())) };
// Platform messages go through the delivery log; the console prints directly.
// WeCom and DingTalk group robots are always available: a county contact may set one up any time.
const built: { app?: (typeof bot)['app'] } = {};
const robots = createRobotSender(database.prisma, config, log, () => built.app, { limits: { ...ROBOT_LIMITS, shared: shared('robot') } });
const deliveries = new DeliveryQueue(new DeliveryLog(database.prisma), { telegram: telegram?.outbox, wechat: wechat?.outbox, qq: qq?.outbox, robot: robots }, log.child({ part: 'deliveries' }));
const outbox = new PlatformOutbox({ telegram: telegram && deliveries, wechat: wechat && deliveries, qq: qq && deliveries, robot: deliveries, playground }, (m) =>
  log.warn('no adapter for this platform; message dropped', { platform: m.chat.platform, chat: m.chat.id }),
);
const bot = await createBot({ config, database, outbox, clock: systemClock, log, scheduler: jobs.scheduler });
built.app = bot.app;
// The console's live boards see the check-ins every process handles.
if (jobs.redisUrl) closers.push((await relayEvents(bot.app.events, jobs.redisUrl, log.child({ part: 'events' }))).close);
bot.start();

// The HTTP server: /healthz, /readyz, the web console and demo, and the Telegram webhook; /metrics on
// a listener of its own (loopback unless METRICS_TOKEN guards it).
const scheduler = jobs.scheduler;
const readiness: ReadinessCheck[] = [{ name: 'database', check: () => database.prisma.$queryRaw`SELECT 1` }];
if (scheduler.ping) readiness.push({ name: 'redis', check: () => scheduler.ping!() });
const wechatQrFile = wechat ? path.join(config.dataDir, 'wechat-login.png') : undefined;
const web: WebPlugin[] = [healthRoutes(readiness), consoleRoutes(bot.app, { wechatQrFile }), demoRoutes(bot, demoFeed)];
const webhook = config.telegram?.webhookUrl && config.telegram.webhookSecret ? { url: config.telegram.webhookUrl, secret: config.telegram.webhookSecret } : undefined;
if (telegram) {
  await telegram.attach(bot);
  await telegram.setCommandMenus().catch((error: unknown) => log.warn('could not set the Telegram command menus', { error }));
  if (webhook) {
    const handler = telegram.webhookHandler(webhook.secret);
    web.push((server) => void server.post(new URL(webhook.url).pathname, handler));
  }
}
const http = await startWebServer(web, { ...config.http, log });
closers.push(() => http.close());
log.info('http server ready', { listening: http.url, console: `${config.console.url}/console` });
if (config.metrics) {
  const metrics = await startWebServer([metricsRoutes(bot.app, { token: config.metrics.token })], { host: config.metrics.host, port: config.metrics.port, log });
  closers.push(() => metrics.close());
  log.info('metrics ready', { listening: `${metrics.url}/metrics`, bearer: config.metrics.token ? 'required' : 'none' });
}
if (telegram) {
  if (webhook) await telegram.setWebhook(webhook.url, webhook.secret);
  else telegram.startPolling();
}
if (wechat) {
  wechat.attach(bot);
  await wechat.start();
  log.info('wechat started; waiting for login', { puppet: config.wechat?.puppet });
}
if (qq) {
  qq.attach(bot);
  await qq.start();
  log.info('qq started', config.qq!.connection.kind === 'forward' ? { connectTo: safeUrl(config.qq!.connection.url) } : { listening: `${config.qq!.connection.host}:${config.qq!.connection.port}` });
}
deliveries.start();

/** One NapCat is one QQ account: its address (never the token) names the account's shared budget. */
function qqAccount(connection: NonNullable<typeof config.qq>['connection']): string {
  if (connection.kind === 'reverse') return `qq:reverse:${connection.port}`;
  const url = new URL(connection.url);
  return `qq:${url.host}${url.pathname}`;
}

let stopping: Promise<void> | undefined;
const shutdown = (reason: string) => {
  stopping ??= (async () => {
    log.info('shutting down', { reason });
    await bot.stop();
    await deliveries.stop();
    for (const close of closers) await close().catch((error: unknown) => log.error('closing failed', { error }));
    // After the core and the delivery queue: the sends under way finish here.
    await telegram?.stop().catch((error: unknown) => log.error('stopping telegram failed', { error }));
    await wechat?.stop().catch((error: unknown) => log.error('stopping wechat failed', { error }));
    await qq?.stop().catch((error: unknown) => log.error('stopping qq failed', { error }));
    await database.close();
    process.exit(0);
  })();
  return stopping;
};
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));

if (terminal && config.playground === 'console') {
  await runConsole(bot);
  await shutdown('console closed');
} else if (terminal) {
  log.info('running without a console; stop with SIGTERM');
}
