import { Queue, Worker, type ConnectionOptions } from 'bullmq';
import { isAcceptedJobId, legacyJobId } from '../core/job-id.ts';
import type { Clock, ScheduledJob, Scheduler } from '../core/ports.ts';
import type { Logger } from '../logger.ts';
import type { JobHandler } from './clock-scheduler.ts';

export const SCHEDULED_QUEUE = 'yanxiu-scheduled';

/** A repeating job as Redis holds it: its id, cron pattern and zone, and what each run gets. */
export interface DailyJob {
  id: string;
  pattern: string | undefined;
  tz: string | undefined;
}

/**
 * The production scheduler: jobs live in Redis (BullMQ), so they survive a restart of the bot and,
 * with append-only Redis, of Redis itself. Job ids are the deterministic ids the core gives (see
 * core/job-id.ts), so scheduling the same job again replaces it instead of adding a second one.
 */
export class BullmqScheduler implements Scheduler {
  private readonly queue: Queue;
  private worker: Worker | undefined;
  private readonly handlers = new Map<string, JobHandler>();
  private readonly timeoutMs: number;
  private readonly holdMs: number;

  constructor(
    private readonly connection: ConnectionOptions,
    private readonly clock: Clock,
    private readonly log: Logger,
    private readonly queueName = SCHEDULED_QUEUE,
    options: {
      /** How long a schedule or cancel may wait for Redis before it fails (Redis down: commands queue forever). */
      timeoutMs?: number;
      /** On a virtual clock (tests, transcripts): hold every job this much longer in real time, so that only the clock's owner runs them. */
      holdMs?: number;
    } = {},
  ) {
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.holdMs = options.holdMs ?? 0;
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

  /** Replaces any job with this id; rejects (after `timeoutMs` at most, e.g. while Redis is down) when it cannot. */
  async schedule(job: ScheduledJob): Promise<void> {
    if (!isAcceptedJobId(job.id)) throw new Error(`job id ${job.id} is not one BullMQ accepts: build it with jobId()`);
    await this.bounded(`schedule ${job.id}`, async () => {
      const delay = Math.max(0, job.at.getTime() - this.clock.now().getTime()) + this.holdMs;
      const add = () => this.queue.add(job.name, { ...job.data, __at: job.at.toISOString() }, { jobId: job.id, delay });
      // Looking for an earlier job of this id and adding the new one go to Redis together: scheduling
      // is on the path of every job and there is usually nothing to replace. Where there was (done,
      // failed or waiting: BullMQ then ignores the add), it is removed and the job added again.
      // Daily jobs (repeatDaily) have ids of their own, so only cancel looks for a job scheduler.
      const [replaced] = await Promise.all([this.remove(job.id, { schedulers: false }), add()]);
      if (replaced) await add();
    });
  }

  /** Removes the job (and its pre-upgrade namesake, `session:12:open` for `session.12.open`) unless it is running. */
  async cancel(id: string): Promise<void> {
    await this.bounded(`cancel ${id}`, () => this.remove(id));
  }

  /** True when a job of exactly this id was removed (a namesake does not count). */
  private async remove(id: string, o: { schedulers: boolean } = { schedulers: true }): Promise<boolean> {
    // The id and its namesake are asked about at once: one round trip to Redis, not four.
    const removed = await Promise.all(
      [...new Set([id, legacyJobId(id)])].map(async (each) => {
        const [, existing] = await Promise.all([o.schedulers && this.queue.removeJobScheduler(each), this.queue.getJob(each)]);
        if (!existing) return false;
        const state = await existing.getState();
        if (state === 'active') return false; // it is running now; it will not run again
        await existing.remove().catch((error: unknown) => this.log.warn('could not remove a scheduled job', { id: each, error }));
        return each === id;
      }),
    );
    return removed[0] === true;
  }

  async repeatDaily(id: string, at: { hour: number; minute: number }, name: string, data: Record<string, unknown>): Promise<void> {
    await this.bounded(`repeat ${id}`, async () => {
      if (legacyJobId(id) !== id) await this.queue.removeJobScheduler(legacyJobId(id));
      const startDate = this.holdMs ? Date.now() + this.holdMs : undefined;
      await this.queue.upsertJobScheduler(id, { pattern: `${at.minute} ${at.hour} * * *`, tz: 'Asia/Shanghai', startDate }, { name, data });
    });
  }

  /** Starts processing due jobs (one worker per process; several processes share the queue). */
  start(concurrency = 5): void {
    this.worker ??= new Worker(
      this.queueName,
      async (job) => {
        const handler = this.handlers.get(job.name);
        if (!handler) throw new Error(`no handler for ${job.name}`);
        const { __at, ...data } = job.data as Record<string, unknown> & { __at?: string };
        // Runs of a daily job carry no __at: their time is the one BullMQ gave them.
        const at = __at ? new Date(__at) : new Date(job.timestamp + (job.opts.delay ?? 0));
        await handler(data, { id: job.id ?? '', name: job.name, at, data });
      },
      { connection: this.connection, concurrency },
    );
    this.worker.on('error', (error) => this.log.error('scheduler worker error', { error }));
    this.worker.on('failed', (job, error) => this.log.error('scheduled job failed', { job: job?.name, jobId: job?.id, error }));
  }

  /** The repeating jobs declared with repeatDaily (for checks and tests). */
  async dailyJobs(): Promise<DailyJob[]> {
    return (await this.queue.getJobSchedulers()).map((s) => ({ id: s.key, pattern: s.pattern ?? undefined, tz: s.tz ?? undefined }));
  }

  /** The queue itself, for the virtual clock of tests and transcripts (jobs/virtual-bullmq.ts). */
  get bullQueue(): Queue {
    return this.queue;
  }

  /** The template of a daily job (name and data), for the virtual clock. */
  async dailyTemplate(id: string): Promise<{ name: string; data: Record<string, unknown> } | undefined> {
    const s = await this.queue.getJobScheduler(id);
    return s ? { name: s.name, data: (s.template?.data as Record<string, unknown> | undefined) ?? {} } : undefined;
  }

  private stopping: Promise<void> | undefined;

  async stop(): Promise<void> {
    // Bounded: a bot asked to stop while Redis is down must still stop.
    this.stopping ??= withTimeout('stop', this.timeoutMs, async () => {
      await this.worker?.close();
      await this.queue.close();
    }).catch((error: unknown) => this.log.warn('stopped without closing the queue cleanly', { error }));
    return this.stopping;
  }

  private bounded<T>(what: string, work: () => Promise<T>): Promise<T> {
    return withTimeout(what, this.timeoutMs, work);
  }

  /** How long a call to Redis may take before it fails. */
  get redisTimeoutMs(): number {
    return this.timeoutMs;
  }
}

/** `work`, or a rejection naming `what` once `ms` have passed (commands to a Redis that is down queue forever). */
export async function withTimeout<T>(what: string, ms: number, work: () => Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: Redis did not answer within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([work(), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
