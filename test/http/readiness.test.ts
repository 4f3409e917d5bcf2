import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/core/ports.ts';
import { healthRoutes } from '../../src/http/health.ts';
import { startWebServer } from '../../src/http/web-server.ts';
import { BullmqScheduler } from '../../src/jobs/bullmq-scheduler.ts';
import { startLocalRedis } from '../../src/jobs/local-redis.ts';
import { createLogger } from '../../src/logger.ts';
import { openTestDatabase } from '../support/databases.ts';

// /readyz checks the real parts: a PGlite database and a redis-server this test starts and stops.

const log = createLogger('silent');
const dir = mkdtempSync(path.join(tmpdir(), 'yanxiu-ready-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('/healthz and /readyz', () => {
  it('when Redis or the database goes down /readyz answers 503 naming it, while /healthz stays 200', { timeout: 60_000 }, async () => {
    const port = 58_000 + Math.floor(Math.random() * 1000);
    const start = async () => {
      const started = await startLocalRedis(dir, port, log);
      if (!started) throw new Error('redis-server could not be started');
      return started;
    };
    let redis = await start();
    const db = await openTestDatabase('pglite');
    const scheduler = new BullmqScheduler({ host: '127.0.0.1', port, maxRetriesPerRequest: null }, systemClock, log, `ready-${port}`);
    const http = await startWebServer([healthRoutes([{ name: 'database', check: () => db.prisma.$queryRaw`SELECT 1` }, { name: 'redis', check: () => scheduler.ping() }])], { host: '127.0.0.1', port: 0, log });
    const ready = async () => {
      const res = await fetch(`${http.url}/readyz`);
      return { status: res.status, body: (await res.json()) as unknown };
    };
    try {
      expect(await ready()).toEqual({ status: 200, body: { status: 'ready', checks: { database: 'ok', redis: 'ok' } } });
      await redis.stop();
      expect(await ready()).toEqual({ status: 503, body: { status: 'unready', checks: { database: 'ok', redis: 'down' } } });
      expect((await fetch(`${http.url}/healthz`)).status).toBe(200);
      redis = await start();
      await expect.poll(async () => (await ready()).status, { timeout: 20_000 }).toBe(200);
      await db.close();
      expect(await ready()).toEqual({ status: 503, body: { status: 'unready', checks: { database: 'down', redis: 'ok' } } });
    } finally {
      await http.close();
      await scheduler.stop();
      await redis.stop();
    }
  });
});
