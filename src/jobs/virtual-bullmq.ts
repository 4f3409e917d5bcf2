import type { ConnectionOptions, Job } from 'bullmq';
import { jobId } from '../core/job-id.ts';
import type { ManualClock } from '../core/ports.ts';
import type { Logger } from '../logger.ts';
import { BullmqScheduler, withTimeout } from './bullmq-scheduler.ts';
import { nextDailyAt, type VirtualJobs } from './clock-scheduler.ts';

const HOLD_MS = 365 * 24 * 3600_000;
const SETTLE_TIMEOUT_MS = 30_000;

/**
 * BullMQ on a virtual clock, for tests and transcripts: every job really goes through Redis, job-id
 * validation, serialisation and the Worker, but is held a year in real time so none fires by itself.
 * Moving the clock promotes the jobs due by their own time (`__at`), earliest first, one at a time,
 * and waits until the worker has finished each; a daily job runs when its China time comes on the
 * virtual clock (as a one-off copy of its template, since BullMQ computes cron times in real time).
 */
export class VirtualBullmq implements VirtualJobs {
  readonly scheduler: BullmqScheduler;
  private readonly daily = new Map<string, { pattern: string; next: Date }>();

  constructor(
    connection: ConnectionOptions,
    private readonly clock: ManualClock,
    private readonly log: Logger,
    queueName: string,
    options: { timeoutMs?: number } = {},
  ) {
    this.scheduler = new BullmqScheduler(connection, clock, log, queueName, { holdMs: HOLD_MS, timeoutMs: options.timeoutMs });
  }

  /** Starts the worker (one job at a time, so runs happen in the order the clock gives them). */
  start(): void {
    this.scheduler.start(1);
  }

  async nextDueAt(): Promise<Date | undefined> {
    const [first] = await this.pending();
    return first?.at;
  }

  /** How many jobs are waiting: one-off jobs and daily jobs (compare ClockScheduler.pendingCount). */
  async pendingCount(): Promise<number> {
    return (await this.pending()).length;
  }

  /** Runs every job due at or before `now`, earliest first, including jobs those jobs schedule. */
  async runDue(now: Date): Promise<number> {
    let ran = 0;
    for (;;) {
      const [next] = await this.pending();
      if (!next || next.at.getTime() > now.getTime()) return ran;
      ran++;
      if (next.job) {
        if ((await next.job.getState()) === 'delayed') await next.job.promote();
        await this.settled(next.job.id!);
      } else {
        const daily = this.daily.get(next.dailyId!)!;
        daily.next = nextDailyAt(parsePattern(daily.pattern), new Date(next.at.getTime() + 1000));
        const template = await this.scheduler.dailyTemplate(next.dailyId!);
        if (!template) continue;
        const [kind = '', ...parts] = next.dailyId!.split('.');
        const id = jobId(kind, ...parts, 'run', next.at.getTime());
        await this.scheduler.bullQueue.add(template.name, { ...template.data, __at: next.at.toISOString() }, { jobId: id });
        await this.settled(id);
      }
    }
  }

  /** One-off jobs waiting to run and the next run of each daily job, earliest first; none while Redis does not answer. */
  private async pending(): Promise<{ at: Date; job?: Job; dailyId?: string }[]> {
    return withTimeout('list jobs', this.scheduler.redisTimeoutMs, () => this.listPending()).catch((error: unknown) => {
      this.log.warn('could not list the scheduled jobs', { error });
      return [];
    });
  }

  private async listPending(): Promise<{ at: Date; job?: Job; dailyId?: string }[]> {
    const jobs = (await this.scheduler.bullQueue.getJobs(['delayed', 'waiting', 'prioritized'])).filter((j): j is Job => Boolean(j) && typeof j.data?.__at === 'string');
    const oneOffs = jobs.map((job) => ({ at: new Date(String(job.data.__at)), job, order: job.timestamp }));
    const declared = await this.scheduler.dailyJobs();
    for (const id of this.daily.keys()) if (!declared.some((d) => d.id === id)) this.daily.delete(id);
    for (const d of declared) {
      const known = this.daily.get(d.id);
      if (d.pattern && known?.pattern !== d.pattern) this.daily.set(d.id, { pattern: d.pattern, next: nextDailyAt(parsePattern(d.pattern), this.clock.now()) });
    }
    const dailies = [...this.daily].map(([dailyId, d]) => ({ at: d.next, dailyId, order: 0 }));
    return [...oneOffs, ...dailies].sort((a, b) => a.at.getTime() - b.at.getTime() || a.order - b.order);
  }

  /** Resolves when the worker has finished with the job (done, failed, or back to wait for a retry). */
  private async settled(id: string): Promise<void> {
    const deadline = Date.now() + SETTLE_TIMEOUT_MS;
    while (Date.now() < deadline) {
      const state = await this.scheduler.bullQueue.getJobState(id);
      if (!['waiting', 'active', 'prioritized', 'waiting-children'].includes(state)) return;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    throw new Error(`scheduled job ${id} did not finish within ${SETTLE_TIMEOUT_MS} ms`);
  }
}

/** The hour and minute of a `m h * * *` pattern (the only kind repeatDaily writes). */
function parsePattern(pattern: string): { hour: number; minute: number } {
  const [minute, hour] = pattern.split(' ').map(Number);
  return { hour: hour!, minute: minute! };
}
