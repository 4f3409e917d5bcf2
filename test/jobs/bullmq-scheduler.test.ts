import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/core/ports.ts';
import { Queue } from 'bullmq';
import { jobId } from '../../src/core/job-id.ts';
import { BullmqScheduler } from '../../src/jobs/bullmq-scheduler.ts';
import { checkRedisForQueues, startLocalRedis, type LocalRedis } from '../../src/jobs/local-redis.ts';
import { createLogger } from '../../src/logger.ts';

// Scheduled jobs on a real redis-server (append-only, no eviction), started here like the bot does.

const log = createLogger('silent');
const dir = mkdtempSync(path.join(tmpdir(), 'yanxiu-redis-'));
const port = 56_400 + Math.floor(Math.random() * 500);
let redis: LocalRedis | undefined;
let queueNumber = 0;

const waitFor = async (condition: () => boolean, timeoutMs = 15_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!condition() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
};

function scheduler(queueName = `test-${process.pid}-${++queueNumber}`) {
  const s = new BullmqScheduler({ host: '127.0.0.1', port, maxRetriesPerRequest: null }, systemClock, log, queueName);
  const runs: string[] = [];
  s.on('reminder', async (data) => void runs.push(String(data.who)));
  return { s, runs };
}

beforeAll(async () => {
  redis = await startLocalRedis(dir, port, log);
  if (!redis) throw new Error('redis-server is needed for these tests (apt-get install redis-server)');
});
afterAll(async () => {
  await redis?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('scheduling on BullMQ', () => {
  it('when the bot starts its own redis-server it is fit for queues (AOF on, no eviction)', async () => {
    expect(await checkRedisForQueues(redis!.url)).toEqual([]);
  });

  it('when a job is scheduled it runs once at its time, a rescheduled one only at the new time, a cancelled one never', async () => {
    const { s, runs } = scheduler();
    s.start();
    const soon = (ms: number) => new Date(Date.now() + ms);
    await s.schedule({ id: 'a', name: 'reminder', at: soon(200), data: { who: 'a' } });
    await s.schedule({ id: 'b', name: 'reminder', at: soon(200), data: { who: 'b-first' } });
    await s.schedule({ id: 'b', name: 'reminder', at: soon(700), data: { who: 'b-moved' } });
    await s.schedule({ id: 'c', name: 'reminder', at: soon(300), data: { who: 'c' } });
    await s.cancel('c');
    await waitFor(() => runs.length >= 2);
    await new Promise((r) => setTimeout(r, 800));
    await s.stop();
    expect(runs.sort()).toEqual(['a', 'b-moved']);
  });

  it('when a job that already ran is scheduled again under its id it runs again, once', async () => {
    const { s, runs } = scheduler();
    s.start();
    await s.schedule({ id: 'again', name: 'reminder', at: new Date(Date.now() + 100), data: { who: 'first' } });
    await waitFor(() => runs.length >= 1);
    await s.schedule({ id: 'again', name: 'reminder', at: new Date(Date.now() + 100), data: { who: 'second' } });
    await waitFor(() => runs.length >= 2);
    await new Promise((r) => setTimeout(r, 500));
    await s.stop();
    expect(runs).toEqual(['first', 'second']);
  });

  it('when a daily job is declared it is a cron job scheduler in China time, and declaring it again replaces it', async () => {
    const { s } = scheduler();
    await s.repeatDaily('digest.daily', { hour: 7, minute: 0 }, 'reminder', { who: 'digest' });
    await s.repeatDaily('digest.daily', { hour: 7, minute: 30 }, 'reminder', { who: 'digest' });
    expect(await s.dailyJobs()).toEqual([{ id: 'digest.daily', pattern: '30 7 * * *', tz: 'Asia/Shanghai' }]);
    await s.cancel('digest.daily');
    expect(await s.dailyJobs()).toEqual([]);
    await s.stop();
  });

  it('when redis-server restarts with 1,000 pending delayed jobs none is lost and none runs twice', async () => {
    const { s, runs } = scheduler();
    const at = new Date(Date.now() + 6000);
    for (let batch = 0; batch < 10; batch++) {
      await Promise.all(Array.from({ length: 100 }, (_, i) => s.schedule({ id: `r-${batch * 100 + i}`, name: 'reminder', at, data: { who: `t${batch * 100 + i}` } })));
    }
    s.start();
    await redis!.stop();
    redis = await startLocalRedis(dir, port, log);
    expect(runs).toHaveLength(0);
    await waitFor(() => runs.length >= 1000, 60_000);
    await new Promise((r) => setTimeout(r, 1000));
    await s.stop();
    expect(runs).toHaveLength(1000);
    expect(new Set(runs).size).toBe(1000);
  }, 120_000);

  it('when every kind of job id the bot builds is scheduled BullMQ takes it, and an id it would refuse is named', async () => {
    const { s } = scheduler();
    const at = new Date(Date.now() + 3600_000);
    const ids = [jobId('assignment', 7, 'before', 24), jobId('assignment', 7, 'after'), jobId('broadcast', 12), jobId('session', 3, 'open'), jobId('notice', 4, 'county'), jobId('survey', 5, 'chase')];
    for (const id of ids) await s.schedule({ id, name: 'reminder', at, data: { who: id } });
    await s.repeatDaily(jobId('digest', 'daily'), { hour: 7, minute: 0 }, 'reminder', {});
    await expect(s.schedule({ id: 'assignment:7:before:24', name: 'reminder', at, data: {} })).rejects.toThrow(/assignment:7:before:24.*jobId\(\)/);
    await expect(s.schedule({ id: '42', name: 'reminder', at, data: {} })).rejects.toThrow(/42/);
    expect(() => jobId('session', 'a:b')).toThrow();
    await s.stop();
  });

  it('when a job from before the upgrade (session:N:open) is pending, moving or cancelling the session removes it, so it never fires twice', async () => {
    const queueName = `legacy-${process.pid}-${++queueNumber}`;
    const old = new Queue(queueName, { connection: { host: '127.0.0.1', port } });
    const soon = () => new Date(Date.now() + 400);
    await old.add('reminder', { who: 'old-open', __at: soon().toISOString() }, { jobId: 'session:1:open', delay: 400 });
    await old.add('reminder', { who: 'old-close', __at: soon().toISOString() }, { jobId: 'session:1:close', delay: 400 });
    await old.upsertJobScheduler('digest:daily', { pattern: '0 7 * * *', tz: 'Asia/Shanghai' }, { name: 'reminder', data: {} });
    await old.close();
    const { s, runs } = scheduler(queueName);
    s.start();
    await s.schedule({ id: jobId('session', 1, 'open'), name: 'reminder', at: new Date(Date.now() + 700), data: { who: 'new-open' } });
    await s.cancel(jobId('session', 1, 'close'));
    await s.repeatDaily(jobId('digest', 'daily'), { hour: 7, minute: 0 }, 'reminder', {});
    await waitFor(() => runs.length >= 1);
    await new Promise((r) => setTimeout(r, 800));
    expect(runs).toEqual(['new-open']);
    expect((await s.dailyJobs()).map((d) => d.id)).toEqual([jobId('digest', 'daily')]);
    await s.stop();
  });

  it('when Redis does not answer, scheduling fails within its time limit instead of hanging', async () => {
    const s = new BullmqScheduler({ host: '127.0.0.1', port: 1, maxRetriesPerRequest: null, retryStrategy: () => 200 }, systemClock, log, 'nowhere', { timeoutMs: 300 });
    await expect(s.schedule({ id: jobId('broadcast', 1), name: 'reminder', at: new Date(), data: {} })).rejects.toThrow(/did not answer/);
    await s.stop();
  });
});
