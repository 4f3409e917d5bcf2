import path from 'node:path';
import { ConfigError, parseConfig, type AppConfig } from './config.ts';
import { openDatabase, type Database } from './db/client.ts';
import { createLogger, type Logger } from './logger.ts';

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

export function createRootLogger(config: AppConfig): Logger {
  return createLogger(config.logLevel, { service: 'yanxiu-bot' });
}
