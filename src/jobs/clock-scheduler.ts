import type { Clock, ManualClock, ScheduledJob, Scheduler } from '../core/ports.ts';
import type { Logger } from '../logger.ts';

/** Jobs a virtual clock can drive: when the next one is due, and running those due by a time. */
export interface VirtualJobs {
  nextDueAt(): Date | undefined | Promise<Date | undefined>;
  runDue(now: Date): Promise<unknown>;
}

/**
 * Moves a virtual clock to `to`, running every job due on the way at its own time, earliest first
 * across all the given schedulers (jobs may schedule more jobs). The transcript runner and the
 * adapter tests drive time with it.
 */
export async function advanceVirtualClock(jobs: VirtualJobs | VirtualJobs[], clock: ManualClock, to: Date): Promise<void> {
  const all = Array.isArray(jobs) ? jobs : [jobs];
  for (let guard = 0; guard < 100_000; guard++) {
    let next: Date | undefined;
    for (const j of all) {
      const at = await j.nextDueAt();
      if (at && (!next || at < next)) next = at;
    }
    if (!next || next.getTime() > to.getTime()) break;
    clock.set(next);
    for (const j of all) await j.runDue(next);
  }
  clock.set(to);
}

/** The next China-time occurrence of hour:minute strictly after `after`. */
export function nextDailyAt(at: { hour: number; minute: number }, after: Date): Date {
  const offset = 8 * 3600_000;
  const local = new Date(after.getTime() + offset);
  let candidate = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate(), at.hour, at.minute) - offset;
  if (candidate <= after.getTime()) candidate += 24 * 3600_000;
  return new Date(candidate);
}

export type JobHandler = (data: Record<string, unknown>, job: ScheduledJob) => Promise<void>;

/**
 * An in-process scheduler driven by a clock: in production a timer ticks it every second, in the
 * transcript runner and tests the virtual clock is moved and `runDue` called. Jobs are rebuilt from
 * the database at start-up (see features/attendance/sessions.ts `rescheduleOpenSessions`), so losing them on a
 * restart loses nothing.
 */
export class ClockScheduler implements Scheduler, VirtualJobs {
  private readonly jobs = new Map<string, ScheduledJob>();
  private readonly handlers = new Map<string, JobHandler>();
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(
    private readonly clock: Clock,
    private readonly log: Logger,
  ) {}

  on(name: string, handler: JobHandler): void {
    this.handlers.set(name, handler);
  }

  async schedule(job: ScheduledJob): Promise<void> {
    this.jobs.set(job.id, job);
  }

  async cancel(id: string): Promise<void> {
    this.jobs.delete(id);
    this.daily.delete(id);
  }

  private readonly daily = new Map<string, { hour: number; minute: number }>();

  async repeatDaily(id: string, at: { hour: number; minute: number }, name: string, data: Record<string, unknown>): Promise<void> {
    this.daily.set(id, at);
    this.jobs.set(id, { id, name, data, at: nextDailyAt(at, this.clock.now()) });
  }

  /** The earliest pending job time, if any. */
  nextDueAt(): Date | undefined {
    let next: Date | undefined;
    for (const job of this.jobs.values()) if (!next || job.at < next) next = job.at;
    return next;
  }

  pendingCount(): number {
    return this.jobs.size;
  }

  /** Runs every job due at or before `now`, earliest first, including jobs those jobs schedule. */
  async runDue(now: Date = this.clock.now()): Promise<number> {
    let ran = 0;
    for (;;) {
      const due = [...this.jobs.values()].filter((j) => j.at.getTime() <= now.getTime()).sort((a, b) => a.at.getTime() - b.at.getTime());
      const job = due[0];
      if (!job) return ran;
      this.jobs.delete(job.id);
      ran++;
      const repeat = this.daily.get(job.id);
      if (repeat) this.jobs.set(job.id, { ...job, at: nextDailyAt(repeat, new Date(job.at.getTime() + 1000)) });
      const handler = this.handlers.get(job.name);
      if (!handler) {
        this.log.error('no handler for scheduled job', { job: job.name, jobId: job.id });
        continue;
      }
      try {
        await handler(job.data, job);
      } catch (error) {
        this.log.error('scheduled job failed', { job: job.name, jobId: job.id, error });
      }
    }
  }

  /** Ticks on a real timer; often, because check-in acknowledgements wait on it and a tick costs little. */
  start(intervalMs = 200): void {
    this.timer ??= setInterval(() => {
      if (this.running) return;
      this.running = this.runDue().then(
        () => undefined,
        () => undefined,
      ).finally(() => (this.running = undefined));
    }, intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }
}
