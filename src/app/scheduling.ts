import { UserError } from '../core/errors.ts';
import type { ScheduledJob, Scheduler } from '../core/ports.ts';
import type { MessageKey } from '../i18n/index.ts';
import type { Logger } from '../logger.ts';
import type { App } from './app.ts';

/**
 * Schedules every job or leaves nothing behind: when one cannot be scheduled (Redis down, a job
 * refused), those already scheduled are cancelled, `undo` removes the rows just written, and the
 * user gets a polite refusal (`key`) instead of a half-created thing that never reminds anyone.
 */
export async function scheduleAllOrUndo(app: App, jobs: ScheduledJob[], undo: () => Promise<unknown>, key: MessageKey = 'jobs.scheduleFailed'): Promise<void> {
  const done: string[] = [];
  for (const job of jobs) {
    try {
      await app.scheduler.schedule(job);
      done.push(job.id);
    } catch (error) {
      app.log.error('could not schedule a job: the change is undone', { jobId: job.id, job: job.name, at: job.at.toISOString(), error });
      for (const id of done) await app.scheduler.cancel(id).catch((e: unknown) => app.log.warn('could not cancel a job while undoing', { jobId: id, error: e }));
      await undo();
      throw new UserError(key);
    }
  }
}

/**
 * A view of the scheduler for rebuilding jobs at start-up: each job that cannot be scheduled is
 * logged with its id and what it was for, and the rest carry on, so one bad job never keeps the bot down.
 * `failures` counts them.
 */
export function forgivingScheduler(scheduler: Scheduler, log: Logger): Scheduler & { failures: number } {
  const view = {
    failures: 0,
    schedule: async (job: ScheduledJob) => {
      try {
        await scheduler.schedule(job);
      } catch (error) {
        view.failures++;
        log.error('could not reschedule a job at start-up; carrying on', { jobId: job.id, job: job.name, at: job.at.toISOString(), data: job.data, error });
      }
    },
    cancel: async (id: string) => {
      try {
        await scheduler.cancel(id);
      } catch (error) {
        view.failures++;
        log.error('could not cancel a job at start-up; carrying on', { jobId: id, error });
      }
    },
  };
  return view;
}
