import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { Redis } from 'ioredis';
import type { Logger } from '../logger.ts';

export interface LocalRedis {
  url: string;
  stop(): Promise<void>;
}

function findRedisServer(): string | undefined {
  return ['/usr/bin/redis-server', '/usr/local/bin/redis-server', '/usr/sbin/redis-server'].find((p) => existsSync(p));
}

/** Installs Debian's redis-server when it is missing and we may (root with apt-get). */
function installRedis(log: Logger): boolean {
  if (process.getuid?.() !== 0 || !existsSync('/usr/bin/apt-get')) return false;
  log.info('installing redis-server from Debian (first start)');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const update = spawnSync('apt-get', ['update', '-qq'], { stdio: 'ignore', env });
  const install = update.status === 0 && spawnSync('apt-get', ['install', '-y', '-qq', 'redis-server'], { stdio: 'ignore', env });
  return Boolean(install && install.status === 0);
}

async function ping(url: string): Promise<boolean> {
  const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, connectTimeout: 500 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}

/** Our local redis-server if it is already running (the bot started it); nothing is started. */
export async function findLocalRedis(port: number): Promise<LocalRedis | undefined> {
  const url = `redis://127.0.0.1:${port}`;
  return (await ping(url)) ? { url, stop: async () => {} } : undefined;
}

/**
 * Starts a redis-server of our own on loopback with its data under `dataDir` (append-only, no
 * eviction, as BullMQ needs), installing Debian's package first when missing and permitted.
 * Returns undefined when no redis-server can be had.
 */
export async function startLocalRedis(dataDir: string, port: number, log: Logger): Promise<LocalRedis | undefined> {
  const url = `redis://127.0.0.1:${port}`;
  if (await ping(url)) {
    log.info('using the redis-server already running on loopback', { url });
    return { url, stop: async () => {} };
  }
  const binary = findRedisServer() ?? (installRedis(log) ? findRedisServer() : undefined);
  if (!binary) return undefined;
  const dir = path.resolve(dataDir, 'redis');
  mkdirSync(dir, { recursive: true });
  const child: ChildProcess = spawn(
    binary,
    ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--appendonly', 'yes', '--save', '', '--maxmemory-policy', 'noeviction', '--daemonize', 'no'],
    { stdio: 'ignore' },
  );
  for (let i = 0; i < 100 && !(await ping(url)); i++) await new Promise((r) => setTimeout(r, 50));
  if (!(await ping(url))) {
    child.kill();
    return undefined;
  }
  log.info('started a local redis-server', { url, dir });
  return {
    url,
    stop: async () => {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
    },
  };
}

/** Checks what BullMQ needs from Redis; returns the problems in plain words (empty when fine). */
export async function checkRedisForQueues(url: string): Promise<string[]> {
  const client = new Redis(url, { maxRetriesPerRequest: 1 });
  client.on('error', () => undefined);
  try {
    const [, policy] = (await client.config('GET', 'maxmemory-policy')) as [string, string];
    const [, aof] = (await client.config('GET', 'appendonly')) as [string, string];
    const problems: string[] = [];
    if (policy !== 'noeviction') problems.push(`maxmemory-policy is ${policy}; BullMQ needs noeviction or queued jobs may vanish`);
    if (aof !== 'yes') problems.push('appendonly is off; scheduled notices would be lost when Redis restarts');
    return problems;
  } finally {
    client.disconnect();
  }
}
