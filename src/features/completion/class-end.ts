import { jobId } from '../../core/job-id.ts';
import { formatChinaDateTime } from '../../core/time/parse-time-phrase.ts';
import { audit, type App, type AuditActor } from '../../app/app.ts';
import { countyContactsOf, sendToPerson, tutorsOf } from '../../app/notify.ts';
import { closeSurvey, startSurvey } from '../surveys/surveys.ts';
import { evaluateClass, reasonText, rulesOf } from './completion.ts';

// At a class's end (its end date, or 结业 by the tutor) the satisfaction survey starts if it has not;
// once it has closed, completion is recorded per trainee with the reasons, and the tutors and county
// contacts get the list. Two jobs, with ids per class, so a changed end date replaces the first.

export const CLASS_END_JOB = 'class.end';
export const COMPLETION_RECORD_JOB = 'completion.record';
/** The end job runs on the end date at 20:00 China time, after the day's sessions. */
const END_HOUR_CHINA = 20;
/** Recording waits this long after the survey's close, so the close job has run first. */
const AFTER_SURVEY_MS = 60_000;

const endJobId = (classId: number) => jobId('class', classId, 'end');
const recordJobId = (classId: number) => jobId('completion', classId, 'record');

/** The moment a class with this end date (a date column: UTC midnight of the China day) ends. */
export const classEndAt = (endsOn: Date) => new Date(endsOn.getTime() + (END_HOUR_CHINA - 8) * 3600_000);

/** Schedules (or moves, or removes) the end job of a class from its end date. */
export async function scheduleClassEnd(app: App, classId: number): Promise<void> {
  const cls = await app.db.trainingClass.findUniqueOrThrow({ where: { id: classId }, select: { endsOn: true, completedAt: true } });
  if (!cls.endsOn || cls.completedAt) return app.scheduler.cancel(endJobId(classId));
  await app.scheduler.schedule({ id: endJobId(classId), name: CLASS_END_JOB, at: classEndAt(cls.endsOn), data: { classId } });
}

/** At start-up: the end jobs of every class with an end date not yet recorded. */
export async function rescheduleClassEnds(app: App): Promise<number> {
  const classes = await app.db.trainingClass.findMany({ where: { endsOn: { not: null }, completedAt: null }, select: { id: true } });
  for (const c of classes) await scheduleClassEnd(app, c.id);
  return classes.length;
}

export type EndOutcome = { state: 'recorded' } | { state: 'awaitingSurvey'; closesAt: Date } | { state: 'alreadyRecorded' };

/** Ends a class: starts the survey when the rules need it and it has not run, else records completion now. */
export async function endClass(app: App, classId: number, by?: AuditActor & { platform?: string }): Promise<EndOutcome> {
  const cls = await app.db.trainingClass.findUniqueOrThrow({ where: { id: classId }, select: { completedAt: true } });
  if (cls.completedAt) return { state: 'alreadyRecorded' };
  const { rules } = await rulesOf(app, classId);
  let survey = await app.db.survey.findFirst({ where: { classId }, orderBy: { id: 'desc' }, select: { status: true, closesAt: true } });
  if (rules.survey && !survey) {
    const starter = by?.personId ?? (await tutorsOf(app, classId))[0];
    if (starter !== undefined) {
      const started = await startSurvey(app, { personId: starter, platform: by?.platform, label: by?.label ?? 'class-end' }, classId);
      survey = { status: 'OPEN', closesAt: started.closesAt };
    }
  }
  if (survey?.status === 'OPEN') {
    const at = new Date(Math.max(survey.closesAt.getTime(), app.clock.now().getTime()) + AFTER_SURVEY_MS);
    await app.scheduler.schedule({ id: recordJobId(classId), name: COMPLETION_RECORD_JOB, at, data: { classId } });
    return { state: 'awaitingSurvey', closesAt: survey.closesAt };
  }
  return (await recordCompletion(app, classId, by)) ? { state: 'recorded' } : { state: 'alreadyRecorded' };
}

/**
 * Records each trainee's completion (once per class: later calls do nothing), marks the completed
 * enrolments COMPLETED, and sends the list with the reasons to the tutors and the county contacts.
 */
export async function recordCompletion(app: App, classId: number, by?: AuditActor): Promise<boolean> {
  const open = await app.db.survey.findFirst({ where: { classId, status: 'OPEN' }, select: { id: true } });
  if (open) await closeSurvey(app, open.id);
  const now = app.clock.now();
  const claimed = await app.db.trainingClass.updateMany({ where: { id: classId, completedAt: null }, data: { completedAt: now } });
  if (claimed.count === 0) return false;
  await app.scheduler.cancel(endJobId(classId));
  const result = await evaluateClass(app, classId, { final: true });
  for (const e of result.evaluations) {
    const completed = e.standing === 'meets';
    const reasons = e.reasons.map((r) => reasonText(app, r));
    await app.db.classCompletion.upsert({ where: { classId_personId: { classId, personId: e.personId } }, create: { classId, personId: e.personId, completed, reasons, decidedAt: now }, update: { completed, reasons, decidedAt: now } });
    if (completed) await app.db.enrolment.updateMany({ where: { classId, personId: e.personId, status: { in: ['SELECTED', 'CONFIRMED'] } }, data: { status: 'COMPLETED' } });
  }
  const done = result.evaluations.filter((e) => e.standing === 'meets');
  const notDone = result.evaluations.filter((e) => e.standing !== 'meets');
  await audit(app.db, by ?? { personId: null, label: 'scheduler' }, 'class.complete', 'TrainingClass', classId, { completed: done.length, notCompleted: notDone.length });
  const lines = [app.t('completion.recordedTitle', { className: result.className, completed: done.length, total: result.evaluations.length })];
  if (done.length) lines.push(app.t('completion.recordedCompleted', { names: done.map((e) => e.name).join('、') }));
  if (notDone.length) {
    lines.push(app.t('completion.recordedNotCompleted', { count: notDone.length }));
    for (const e of notDone) lines.push(`· ${e.name}：${e.reasons.map((r) => reasonText(app, r)).join('；')}`);
  }
  lines.push(app.t('completion.recordedNext'));
  const text = lines.join('\n');
  const recipients = new Set([...(await tutorsOf(app, classId)), ...(await countyContactsOf(app, classId))]);
  for (const personId of recipients) await sendToPerson(app, personId, undefined, text, { delivery: { key: `completion:${classId}:list:${personId}`, source: `class:${classId}` } });
  return true;
}

export const describeAwaiting = (_app: App, closesAt: Date) => formatChinaDateTime(closesAt);
