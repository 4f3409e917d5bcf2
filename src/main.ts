import { renderForConsole, runConsole } from './adapters/playground/console.ts';
import { PlaygroundOutbox } from './adapters/playground/playground-outbox.ts';
import { TelegramAdapter } from './adapters/telegram/telegram-adapter.ts';
import { createBot } from './bot/create-bot.ts';
import { systemClock } from './core/ports.ts';
import { startHttpServer } from './http/server.ts';
import { createRootLogger, loadConfigOrExit, openConfiguredDatabase } from './runtime.ts';

// Composition root: config → logger → database → platform adapter (its outbox) → bot → HTTP; shutdown.
// With TELEGRAM_BOT_TOKEN the Telegram adapter runs (webhook when TELEGRAM_WEBHOOK_URL is set, else
// long polling); without a platform token the playground console runs.

const config = loadConfigOrExit();
const log = createRootLogger(config);
const database = await openConfiguredDatabase(config);
log.info('database ready', { kind: database.kind });
const stops: (() => Promise<void>)[] = [];

let runConsoleAfterStart = false;
const telegram = config.telegram ? new TelegramAdapter({ token: config.telegram.token, apiRoot: config.telegram.apiRoot, log: log.child({ platform: 'telegram' }) }) : undefined;
const outbox = telegram?.outbox ?? new PlaygroundOutbox(systemClock, (record) => process.stdout.write(renderForConsole(record)));
const bot = await createBot({ config, database, outbox, clock: systemClock, log });
bot.scheduler.start();

if (telegram && config.telegram) {
  await telegram.attach(bot);
  await telegram.setCommandMenus().catch((error: unknown) => log.warn('could not set the Telegram command menus', { error }));
  const { webhookUrl, webhookSecret } = config.telegram;
  if (webhookUrl && webhookSecret) {
    const path = new URL(webhookUrl).pathname;
    const http = await startHttpServer(
      { [path]: telegram.webhookHandler(webhookSecret), '/healthz': (_req, res) => void res.writeHead(200, { 'content-type': 'text/plain' }).end('ok') },
      { ...config.http, log },
    );
    stops.push(() => http.close());
    await telegram.setWebhook(webhookUrl, webhookSecret);
    log.info('telegram webhook ready', { listening: http.url, path });
  } else {
    telegram.startPolling();
  }
} else {
  runConsoleAfterStart = config.playground === 'console';
}

let stopping: Promise<void> | undefined;
const shutdown = (reason: string) => {
  stopping ??= (async () => {
    log.info('shutting down', { reason });
    for (const stop of stops) await stop().catch((error: unknown) => log.error('stopping failed', { error }));
    await bot.stop();
    // After the core: its last acknowledgements are queued in the adapter's outbox and sent here.
    await telegram?.stop().catch((error: unknown) => log.error('stopping telegram failed', { error }));
    await database.close();
    process.exit(0);
  })();
  return stopping;
};
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));

if (runConsoleAfterStart) {
  await runConsole(bot);
  await shutdown('console closed');
} else if (!telegram) {
  log.info('running without a console; stop with SIGTERM');
}
