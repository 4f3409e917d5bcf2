import { renderForConsole, runConsole } from './adapters/playground/console.ts';
import { PlaygroundOutbox } from './adapters/playground/playground-outbox.ts';
import { createBot } from './bot/create-bot.ts';
import { systemClock } from './core/ports.ts';
import { createRootLogger, loadConfigOrExit, openConfiguredDatabase } from './runtime.ts';

// Composition root: config → logger → database → outbox → bot → adapter; graceful shutdown.
// Telegram and WeChat adapters plug in here (issues 3 and 4); without them the playground runs.

const config = loadConfigOrExit();
const log = createRootLogger(config);
const database = await openConfiguredDatabase(config);
log.info('database ready', { kind: database.kind });
const outbox = new PlaygroundOutbox(systemClock, (record) => process.stdout.write(renderForConsole(record)));
const bot = await createBot({ config, database, outbox, clock: systemClock, log });
bot.scheduler.start();

let stopping: Promise<void> | undefined;
const shutdown = (reason: string) => {
  stopping ??= (async () => {
    log.info('shutting down', { reason });
    await bot.stop();
    await database.close();
    process.exit(0);
  })();
  return stopping;
};
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));

if (config.playground === 'console') {
  await runConsole(bot);
  await shutdown('console closed');
} else {
  log.info('running without a console; stop with SIGTERM');
}
