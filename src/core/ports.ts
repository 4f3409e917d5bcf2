import type { OutboundMessage } from './message.ts';

/** Time is a port so windows, lateness and reminders can be tested with a clock that moves on demand. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock the transcript runner and tests move by hand. */
export class ManualClock implements Clock {
  constructor(private current: Date) {}
  now(): Date {
    return new Date(this.current);
  }
  set(to: Date): void {
    if (to.getTime() > this.current.getTime()) this.current = new Date(to);
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

/** Where handlers send everything the bot says; adapters or the delivery queue sit behind it. */
export interface Outbox {
  send(message: OutboundMessage): Promise<void>;
}

export interface ScheduledJob {
  /** Deterministic id: scheduling the same id again replaces the earlier job. */
  id: string;
  name: string;
  at: Date;
  data: Record<string, unknown>;
}

/** Runs named jobs at a time. */
export interface Scheduler {
  schedule(job: ScheduledJob): Promise<void>;
  cancel(id: string): Promise<void>;
}

/** A scheduler that also runs the jobs: handlers by job name, started and stopped with the bot. */
export interface JobRunner extends Scheduler {
  on(name: string, handler: (data: Record<string, unknown>, job: ScheduledJob) => Promise<void>): void;
  /** Runs a job every day at a China-time clock time ("07:00"); declaring it again replaces it. */
  repeatDaily(id: string, at: { hour: number; minute: number }, name: string, data: Record<string, unknown>): Promise<void>;
  start(): void;
  stop(): Promise<void>;
  /** True when the store behind the jobs (Redis) answers; absent when the jobs live in memory. */
  ping?(): Promise<boolean>;
}
