import { AckBatcher, ACK_FLUSH_JOB } from '../app/ack-batcher.ts';
import { AckStore } from '../app/ack-store.ts';
import type { App, PlatformTraits } from '../app/app.ts';
import { BatchedQueries } from './batched-queries.ts';
import { liveListMessage } from '../features/attendance/live-list.ts';
import { announceSessionOpen, closeSession, rescheduleOpenSessions, SESSION_CLOSE_JOB, SESSION_OPEN_JOB } from '../features/attendance/sessions.ts';
import { commands } from './registry.ts';
import { DAILY_DIGEST_JOB, sendDailyDigest } from '../features/reports/daily-digest.ts';
import { escalateToCounty, escalateToSchools, NOTICE_ESCALATE_COUNTY_JOB, NOTICE_ESCALATE_SCHOOL_JOB, NOTICE_REMIND_JOB, remindSilent } from '../features/notices/opening-notices.ts';
import { BROADCAST_SEND_JOB, sendBroadcast } from '../features/notices/broadcasts.ts';
import { LOG_REMINDER_JOB, remindLogsBehind } from '../features/hours/learning-logs.ts';
import { chaseSurvey, closeSurvey, SURVEY_CHASE_JOB, SURVEY_CLOSE_JOB } from '../features/surveys/surveys.ts';
import { ASSIGNMENT_REMIND_JOB, remindMissingSubmissions, rescheduleAssignments } from '../features/assignments/assignments.ts';
import { remindMissingCheckIns, SESSION_REMIND_JOB } from '../features/attendance/session-reminder.ts';
import { CLASS_END_JOB, COMPLETION_RECORD_JOB, endClass, recordCompletion, rescheduleClassEnds } from '../features/completion/class-end.ts';
import type { AppConfig } from '../config.ts';
import { AppEvents } from '../core/events.ts';
import type { Clock, JobRunner, Outbox } from '../core/ports.ts';
import type { Database } from '../db/client.ts';
import { createTranslator } from './messages.ts';
import { jobId } from '../core/job-id.ts';
import { forgivingScheduler } from '../app/scheduling.ts';
import { ClockScheduler } from '../jobs/clock-scheduler.ts';
import type { Logger } from '../logger.ts';
import { ButtonHandler } from './button-handler.ts';
import { MessageHandler } from './message-handler.ts';

export interface Bot<S extends JobRunner = JobRunner> {
  app: App;
  handler: MessageHandler;
  buttons: ButtonHandler;
  scheduler: S;
  /** The in-process scheduler of acknowledgement flushes (the main one when that is in-process too). */
  local: ClockScheduler;
  /** Starts running scheduled jobs (in production; tests and transcripts drive the clock themselves). */
  start(): void;
  /** Sends pending acknowledgements and stops the scheduler (the database stays open). */
  stop(): Promise<void>;
}

/** Wires the core together for any adapter: use cases, commands, scheduled jobs. */
export async function createBot<S extends JobRunner = ClockScheduler>(deps: { config: AppConfig; database: Database; outbox: Outbox; clock: Clock; log: Logger; scheduler?: S }): Promise<Bot<S>> {
  const { config, database, clock, log } = deps;
  const events = new AppEvents();
  const outbox: Outbox = {
    send: async (message) => {
      await deps.outbox.send(message);
      events.emit('message.out', { platform: message.chat.platform });
    },
  };
  const t = createTranslator(config.locale);
  const scheduler = deps.scheduler ?? (new ClockScheduler(clock, log.child({ part: 'scheduler' })) as unknown as S);
  // Acknowledgement batches wait in the database, but each process flushes the groups it heard from
  // itself (a BullMQ job per burst would cost more than the flush): an in-process scheduler.
  const local = scheduler instanceof ClockScheduler ? scheduler : new ClockScheduler(clock, log.child({ part: 'local-jobs' }));
  const platforms: PlatformTraits = { privateOptIn: new Set<string>(), privateLinks: new Map(), loginEpochs: new Map(), memberLists: new Map(), editable: new Set<string>() };
  const acks = new AckBatcher({
    store: new AckStore(database.prisma, database.query),
    scheduler: local,
    clock,
    outbox,
    t,
    intervalMs: config.ackBatchSeconds * 1000,
    log: log.child({ part: 'acks' }),
    editable: (platform) => platforms.editable.has(platform),
    liveList: (chat, sessionId) => liveListMessage(app, chat, sessionId),
  });
  const batched = new BatchedQueries(database.prisma, database.query, log.child({ part: 'batched-queries' }));
  const app: App = { db: database.prisma, clock, outbox, scheduler, config, log, t, acks, batched, events, platforms };
  local.on(ACK_FLUSH_JOB, (data) => acks.flush(String(data.key)));
  scheduler.on(BROADCAST_SEND_JOB, async (data) => void (await sendBroadcast(app, Number(data.broadcastId))));
  scheduler.on(NOTICE_REMIND_JOB, async (data) => void (await remindSilent(app, Number(data.noticeId))));
  scheduler.on(NOTICE_ESCALATE_SCHOOL_JOB, async (data) => void (await escalateToSchools(app, Number(data.noticeId))));
  scheduler.on(NOTICE_ESCALATE_COUNTY_JOB, async (data) => void (await escalateToCounty(app, Number(data.noticeId))));
  scheduler.on(SESSION_OPEN_JOB, (data) => announceSessionOpen(app, Number(data.sessionId)));
  scheduler.on(SESSION_REMIND_JOB, async (data) => {
    await acks.flushAll();
    await remindMissingCheckIns(app, Number(data.sessionId));
  });
  scheduler.on(SESSION_CLOSE_JOB, async (data) => {
    await acks.flushAll();
    await closeSession(app, Number(data.sessionId), { personId: null, label: 'scheduler' });
  });
  scheduler.on(ASSIGNMENT_REMIND_JOB, async (data) => void (await remindMissingSubmissions(app, Number(data.assignmentId), Number(data.hoursLeft))));
  scheduler.on(SURVEY_CHASE_JOB, async (data) => void (await chaseSurvey(app, Number(data.surveyId))));
  scheduler.on(SURVEY_CLOSE_JOB, async (data) => void (await closeSurvey(app, Number(data.surveyId))));
  scheduler.on(CLASS_END_JOB, async (data) => void (await endClass(app, Number(data.classId))));
  scheduler.on(COMPLETION_RECORD_JOB, async (data) => void (await recordCompletion(app, Number(data.classId))));
  scheduler.on(LOG_REMINDER_JOB, async () => void (await remindLogsBehind(app)));
  scheduler.on(DAILY_DIGEST_JOB, async () => void (await sendDailyDigest(app)));
  await rebuildJobs(app, scheduler, log.child({ part: 'start-up' }));
  // What a process that stopped or died left waiting is posted by this one.
  await acks.recover().catch((error) => log.warn('could not look for waiting acknowledgements', { error }));
  const handler = new MessageHandler(app, commands);
  let stopped = false;
  return {
    app,
    handler,
    buttons: new ButtonHandler(app),
    scheduler,
    local,
    start: () => {
      scheduler.start();
      if (local !== (scheduler as unknown)) local.start();
      acks.startSweeping();
    },
    stop: async () => {
      if (stopped) return;
      stopped = true;
      acks.stopSweeping();
      await scheduler.stop();
      await local.stop();
      await acks.flushAll();
    },
  };
}

/**
 * Declares the daily jobs and rebuilds the jobs of open sessions and running assignments. Each job
 * is scheduled on its own: one that fails is logged with its id and the rest carry on, so the bot
 * always starts (a restart must never be what takes it down).
 */
async function rebuildJobs(app: App, scheduler: JobRunner, log: Logger): Promise<void> {
  const forgiving = forgivingScheduler(scheduler, log);
  const attempt = async (what: string, work: () => Promise<unknown>) => {
    try {
      await work();
    } catch (error) {
      forgiving.failures++;
      log.error('could not rebuild scheduled jobs; carrying on', { what, error });
    }
  };
  const digest = jobId('digest', 'daily');
  const digestAt = app.config.digestAt;
  await attempt(digest, () => (digestAt ? scheduler.repeatDaily(digest, digestAt, DAILY_DIGEST_JOB, {}) : scheduler.cancel(digest)));
  await attempt(jobId('logs', 'weekly-reminder'), () => scheduler.repeatDaily(jobId('logs', 'weekly-reminder'), { hour: 18, minute: 0 }, LOG_REMINDER_JOB, {}));
  const rebuilding: App = { ...app, scheduler: forgiving };
  await attempt('open sessions', () => rescheduleOpenSessions(rebuilding));
  await attempt('running assignments', () => rescheduleAssignments(rebuilding));
  await attempt('class ends', () => rescheduleClassEnds(rebuilding));
  if (forgiving.failures) log.warn('the bot started, but some scheduled jobs could not be rebuilt', { failures: forgiving.failures });
}
