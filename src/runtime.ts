import { appendFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { ConfigError, parseConfig, type AppConfig } from './config.ts';
import { openDatabase, type Database } from './db/client.ts';
import { createLogger, type Logger } from './logger.ts';
import { systemClock, type JobRunner } from './core/ports.ts';
import { BullmqScheduler } from './jobs/bullmq-scheduler.ts';
import { ClockScheduler } from './jobs/clock-scheduler.ts';
import { checkRedisForQueues, findLocalRedis, startLocalRedis } from './jobs/local-redis.ts';

/** Reads configuration or exits with one clear line naming the bad variable. */
export function loadConfigOrExit(env: Record<string, string | undefined> = process.env): AppConfig {
  try {
    return parseConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
}

/** Opens the configured database (PostgreSQL when DATABASE_URL is set, else PGlite under DATA_DIR). */
export function openConfiguredDatabase(config: AppConfig, options: { migrate?: boolean } = {}): Promise<Database> {
  return openDatabase({ url: config.databaseUrl, dataDir: path.join(config.dataDir, 'pglite'), migrate: options.migrate });
}

/**
 * Where scheduled jobs run: BullMQ on the external Redis (refusing one that would lose jobs), or on
 * our local redis-server (started when `startLocalRedis`, else used only if already running), or
 * in-process when no Redis can be had — jobs are rebuilt from the database at the bot's start-up.
 */
export async function openScheduler(config: AppConfig, log: Logger, options: { startLocalRedis: boolean }): Promise<{ scheduler: JobRunner; close: () => Promise<void>; redisUrl: string | undefined }> {
  const { redis } = config;
  const closers: (() => Promise<void>)[] = [];
  let url: string | undefined;
  if (redis.mode === 'external') {
    const problems = await checkRedisForQueues(redis.url);
    if (problems.length) {
      process.stderr.write(`REDIS_URL: ${problems.join('; ')}\n`);
      process.exit(2);
    }
    url = redis.url;
  } else if (redis.mode === 'local') {
    const local = options.startLocalRedis ? await startLocalRedis(config.dataDir, redis.port, log) : await findLocalRedis(redis.port);
    if (local) {
      url = local.url;
      closers.push(() => local.stop());
    } else if (options.startLocalRedis) {
      log.warn('no redis-server could be started: scheduled jobs run in-process and are rebuilt from the database at start-up');
    }
  }
  const scheduler: JobRunner = url
    ? new BullmqScheduler({ host: new URL(url).hostname, port: Number(new URL(url).port || 6379), maxRetriesPerRequest: null }, systemClock, log.child({ part: 'scheduler' }))
    : new ClockScheduler(systemClock, log.child({ part: 'scheduler' }));
  return {
    scheduler,
    redisUrl: url,
    close: async () => {
      await scheduler.stop();
      for (const close of closers) await close();
    },
  };
}

export function createRootLogger(config: AppConfig, file?: string): Logger {
  if (!file) return createLogger(config.logLevel, { service: 'yanxiu-bot' });
  mkdirSync(path.dirname(file), { recursive: true });
  return createLogger(config.logLevel, { service: 'yanxiu-bot' }, (line) => appendFileSync(file, `${line}\n`));
}

/**
 * Where the log goes while the playground console is the chat: a file under DATA_DIR, since stderr
 * shares the terminal and a log line would read as a message in the conversation.
 */
export function playgroundLogFile(config: AppConfig): string | undefined {
  return !config.telegram && !config.wechat && !config.qq && config.playground === 'console' ? path.join(config.dataDir, 'playground.log') : undefined;
}
