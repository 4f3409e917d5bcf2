import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Queue, Worker } from 'bullmq';
import { systemClock } from '../src/core/ports.ts';
import { jobId } from '../src/core/job-id.ts';
import { BullmqScheduler } from '../src/jobs/bullmq-scheduler.ts';
import { startLocalRedis } from '../src/jobs/local-redis.ts';
import { createLogger } from '../src/logger.ts';

export interface QueueOverheadResult {
  jobs: number;
  rawJobsPerSecond: number;
  schedulerJobsPerSecond: number;
  ratio: number;
}

const log = createLogger('silent');

async function timeUntil(count: () => number, target: number): Promise<void> {
  while (count() < target) await new Promise((r) => setTimeout(r, 2));
}

/**
 * The same number of immediate jobs, added and processed on one local redis-server: through BullMQ
 * directly with a no-op processor (the baseline), and through our scheduler (deterministic ids, each
 * `schedule` first cancels any earlier job of that id) with a no-op handler.
 */
export async function queueOverhead(jobs: number): Promise<QueueOverheadResult> {
  const dir = await mkdtemp(path.join(tmpdir(), 'yanxiu-bench-redis-'));
  const port = 59_000 + Math.floor(Math.random() * 900);
  const redis = await startLocalRedis(dir, port, log);
  if (!redis) throw new Error('no redis-server: install redis-server to run this benchmark');
  const connection = { host: '127.0.0.1', port, maxRetriesPerRequest: null };
  try {
    // Both sides stay up and take turns, five rounds each, and the fastest round of each counts: on
    // a shared machine a burst of load during one side's only round would otherwise decide the ratio.
    const rawQueue = new Queue('bench-raw', { connection });
    let rawDone = 0;
    const rawWorker = new Worker('bench-raw', async () => void rawDone++, { connection, concurrency: 5 });
    const scheduler = new BullmqScheduler(connection, systemClock, log, 'bench-scheduler');
    let done = 0;
    scheduler.on('notice.remind', async () => void done++);
    scheduler.start();
    const rawSeconds: number[] = [];
    const seconds: number[] = [];
    for (let round = 0; round < 5; round++) {
      const rawStarted = performance.now();
      for (let i = 0; i < jobs; i++) await rawQueue.add('noop', { i }, { jobId: `raw-${round}-${i}`, removeOnComplete: 1000 });
      await timeUntil(() => rawDone, (round + 1) * jobs);
      rawSeconds.push((performance.now() - rawStarted) / 1000);

      const started = performance.now();
      for (let i = 0; i < jobs; i++) await scheduler.schedule({ id: jobId('notice', round * jobs + i, 'remind'), name: 'notice.remind', at: new Date(), data: { noticeId: i } });
      await timeUntil(() => done, (round + 1) * jobs);
      seconds.push((performance.now() - started) / 1000);
    }
    await rawWorker.close();
    await rawQueue.close();
    await scheduler.stop();
    const raw = jobs / Math.min(...rawSeconds);
    const ours = jobs / Math.min(...seconds);
    return { jobs, rawJobsPerSecond: Math.round(raw), schedulerJobsPerSecond: Math.round(ours), ratio: Number((ours / raw).toFixed(3)) };
  } finally {
    await redis.stop();
    await rm(dir, { recursive: true, force: true });
  }
}
