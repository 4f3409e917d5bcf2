import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { startLocalRedis, type LocalRedis } from '../../src/jobs/local-redis.ts';
import { createLogger } from '../../src/logger.ts';
import type { DatabaseKind } from './databases.ts';
import { databaseKinds } from './databases.ts';

/** Where a test's scheduled jobs run: in the bot's process (ClockScheduler) or on BullMQ in a real redis-server. */
export type JobsKind = 'in-process' | 'bullmq';

/**
 * The runs of a feature test: every database on the in-process scheduler, and once on BullMQ (on
 * the last database, PostgreSQL when there is one, as in production) — so every feature that
 * schedules is also seen through Redis, job-id validation, serialisation and the Worker.
 */
export function schedulerRuns(): [DatabaseKind, JobsKind][] {
  const kinds = databaseKinds();
  return [...kinds.map((k) => [k, 'in-process'] as [DatabaseKind, JobsKind]), [kinds.at(-1)!, 'bullmq']];
}

let server: LocalRedis | undefined;
let dir: string | undefined;

/**
 * The redis-server for this test file: TEST_REDIS_URL when set (CI, the shared one), otherwise one
 * started here on a spare port and stopped after the file. Call at the top of the file or a describe.
 */
export function useTestRedis(): () => string {
  beforeAll(async () => {
    if (process.env.TEST_REDIS_URL || server) return;
    dir = mkdtempSync(path.join(tmpdir(), 'yanxiu-test-redis-'));
    server = await startLocalRedis(dir, 56_000 + Math.floor(Math.random() * 900), createLogger('silent'));
    if (!server) throw new Error('redis-server is needed for these tests (apt-get install redis-server, or set TEST_REDIS_URL)');
  });
  afterAll(async () => {
    await server?.stop();
    server = undefined;
    if (dir) rmSync(dir, { recursive: true, force: true });
  });
  return () => process.env.TEST_REDIS_URL ?? server?.url ?? '';
}

/** A queue name no other test (or engineer sharing the redis-server) uses. */
export const freshQueueName = (label = 'test') => `${label}-${process.pid}-${randomBytes(4).toString('hex')}`;

/** The `bullmq` option of a playground session or test chat for a run: a fresh queue each call, or none in-process. */
export function jobsOption(jobs: JobsKind, redisUrl: () => string, label?: string): { bullmq?: { url: string; queue: string } } {
  return jobs === 'bullmq' ? { bullmq: { url: redisUrl(), queue: freshQueueName(label) } } : {};
}

/** Both schedulers, for a test that runs on one database (PGlite). */
export const jobKinds: JobsKind[] = ['in-process', 'bullmq'];
