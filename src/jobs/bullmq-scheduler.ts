import { Queue, Worker, type ConnectionOptions } from 'bullmq';
import type { Clock, ScheduledJob, Scheduler } from '../core/ports.ts';
import type { Logger } from '../logger.ts';
import type { JobHandler } from './clock-scheduler.ts';

export const SCHEDULED_QUEUE = 'yanxiu-scheduled';

/**
 * The production scheduler: jobs live in Redis (BullMQ), so they survive a restart of the bot and,
 * with append-only Redis, of Redis itself. Job ids are the deterministic ids the core gives, so
 * scheduling the same job again replaces it instead of adding a second one.
 */
export class BullmqScheduler implements Scheduler {
  private readonly queue: Queue;
  private worker: Worker | undefined;
  private readonly handlers = new Map<string, JobHandler>();

  constructor(
    private readonly connection: ConnectionOptions,
    private readonly clock: Clock,
    private readonly log: Logger,
    private readonly queueName = SCHEDULED_QUEUE,
  ) {
    this.queue = new Queue(queueName, { connection, defaultJobOptions: { removeOnComplete: 1000, removeOnFail: 5000, attempts: 3, backoff: { type: 'exponential', delay: 2000 } } });
    this.queue.on('error', (error) => log.error('scheduler queue error', { error }));
  }

  /** Resolves when Redis answers a PING (it may never resolve while Redis is down: callers time out). */
  async ping(): Promise<boolean> {
    // BullMQ's own client is ioredis underneath; its interface type leaves PING out.
    const client = (await this.queue.getBackend().client) as unknown as { ping(): Promise<string> };
    return (await client.ping()) === 'PONG';
  }

  on(name: string, handler: JobHandler): void {
    this.handlers.set(name, handler);
  }

  async schedule(job: ScheduledJob): Promise<void> {
    await this.cancel(job.id);
    const delay = Math.max(0, job.at.getTime() - this.clock.now().getTime());
    await this.queue.add(job.name, { ...job.data, __at: job.at.toISOString() }, { jobId: job.id, delay });
  }

  async cancel(id: string): Promise<void> {
    await this.queue.removeJobScheduler(id);
    const existing = await this.queue.getJob(id);
    if (!existing) return;
    const state = await existing.getState();
    if (state === 'active') return; // it is running now; it will not run again
    await existing.remove().catch((error: unknown) => this.log.warn('could not remove a scheduled job', { id, error }));
  }

  async repeatDaily(id: string, at: { hour: number; minute: number }, name: string, data: Record<string, unknown>): Promise<void> {
    await this.queue.upsertJobScheduler(id, { pattern: `${at.minute} ${at.hour} * * *`, tz: 'Asia/Shanghai' }, { name, data: { ...data, __at: new Date().toISOString() } });
  }

  /** Starts processing due jobs (one worker per process; several processes share the queue). */
  start(concurrency = 5): void {
    this.worker ??= new Worker(
      this.queueName,
      async (job) => {
        const handler = this.handlers.get(job.name);
        if (!handler) throw new Error(`no handler for ${job.name}`);
        const { __at, ...data } = job.data as Record<string, unknown> & { __at: string };
        await handler(data, { id: job.id ?? '', name: job.name, at: new Date(__at), data });
      },
      { connection: this.connection, concurrency },
    );
    this.worker.on('error', (error) => this.log.error('scheduler worker error', { error }));
    this.worker.on('failed', (job, error) => this.log.error('scheduled job failed', { job: job?.name, jobId: job?.id, error }));
  }

  /** The repeating jobs declared with repeatDaily (for checks and tests). */
  async dailyJobs(): Promise<{ id: string; pattern: string | undefined; tz: string | undefined }[]> {
    return (await this.queue.getJobSchedulers()).map((s) => ({ id: s.key, pattern: s.pattern ?? undefined, tz: s.tz ?? undefined }));
  }

  private stopping: Promise<void> | undefined;

  async stop(): Promise<void> {
    this.stopping ??= (async () => {
      await this.worker?.close();
      await this.queue.close();
    })();
    return this.stopping;
  }
}
