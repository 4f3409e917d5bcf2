import { absenceStreaks } from '../reports/statistics.ts';
import { anomalyLines } from './checkin-anomalies.ts';
import { buildSessionWindow } from '../../core/checkin/session-window.ts';
import { newCodeSecret } from '../../core/checkin/rotating-code.ts';
import { summarizeAttendance } from '../../core/attendance/summarize-session.ts';
import { UserError } from '../../core/errors.ts';
import { jobId } from '../../core/job-id.ts';
import type { ScheduledJob } from '../../core/ports.ts';
import { formatChinaClock, formatChinaDate } from '../../core/time/parse-time-phrase.ts';
import { describeWindow } from './describe-session.ts';
import type { Db } from '../../db/client.ts';
import type { TrainingSession } from '../../generated/prisma/client.ts';
import { audit, type App, type AuditActor } from '../../app/app.ts';
import { buttonChecksIn, checkinButton, endLiveLists, openAnnouncement, sessionLiveKey } from './live-list.ts';
import { sendToClassGroups, sendToPerson, tutorsOf } from '../../app/notify.ts';
import { scheduleAllOrUndo } from '../../app/scheduling.ts';
import { SESSION_REMIND_JOB } from './session-reminder.ts';
import { warnOneMoreAbsence } from '../completion/completion.ts';
import { checkSandboxSession } from './sandbox-sessions.ts';

export const SESSION_OPEN_JOB = 'session.open';
export const SESSION_CLOSE_JOB = 'session.close';
const ACTIVE_ENROLMENT = ['SELECTED', 'CONFIRMED', 'COMPLETED'] as const;

export interface NewSession {
  classId: number;
  title?: string;
  startsAt: Date;
  endsAt: Date;
  hours: number;
  lateMinutes?: number;
  earlyMinutes?: number;
  code?: string;
  /** A rotating code changing every this many seconds (动态口令). */
  rotatingStepSeconds?: number;
  /** Check-in only by a location within the venue's radius (定位签到). */
  requireLocation?: boolean;
  category?: string;
  lecturer?: string;
  place?: string;
}

/**
 * Creates a session of a class, refusing one that overlaps another, and schedules its open and close;
 * one whose check-in is already open is announced at once (unless loaded in bulk: `announce: false`).
 */
export async function createSession(app: App, actor: AuditActor, input: NewSession, options: { announce?: boolean } = {}): Promise<TrainingSession> {
  if (!(input.hours >= 0 && input.hours <= 24)) throw new UserError('session.badHours');
  if (input.endsAt.getTime() <= input.startsAt.getTime()) throw new UserError('session.endBeforeStart');
  await checkSandboxSession(app, input.classId, input.startsAt);
  const window = buildSessionWindow({
    startsAt: input.startsAt,
    endsAt: input.endsAt,
    earlyMinutes: input.earlyMinutes ?? app.config.checkinEarlyMinutes,
    lateMinutes: input.lateMinutes ?? app.config.lateAfterMinutes,
  });
  const overlapping = await app.db.trainingSession.findFirst({
    where: { classId: input.classId, status: { not: 'CANCELLED' }, startsAt: { lt: input.endsAt }, endsAt: { gt: input.startsAt } },
  });
  if (overlapping) throw new UserError('session.overlaps', { title: overlapping.title, window: describeWindow(overlapping) });
  const title = input.title?.trim() || defaultTitle(input.startsAt);
  const session = await app.db.trainingSession.create({
    data: {
      classId: input.classId,
      title,
      ...window,
      hours: input.hours,
      code: input.code ?? null,
      ...(input.rotatingStepSeconds ? { codeSecret: newCodeSecret(), codeStepSeconds: input.rotatingStepSeconds } : {}),
      requireLocation: input.requireLocation ?? false,
      category: input.category ?? '集中培训',
      lecturer: input.lecturer ?? null,
      place: input.place ?? null,
      createdById: actor.personId,
    },
  });
  await scheduleAllOrUndo(app, sessionJobs(app, session), () => app.db.trainingSession.delete({ where: { id: session.id } }));
  await audit(app.db, actor, 'session.create', 'TrainingSession', session.id, { title, startsAt: session.startsAt, hours: input.hours, hasCode: Boolean(input.code), rotating: Boolean(input.rotatingStepSeconds), requireLocation: Boolean(input.requireLocation) });
  if (options.announce !== false) await announceIfOpen(app, session);
  return session;
}

/** The jobs of a session: the opening announcement (if still ahead), the reminder (if any) and the close. */
export function sessionJobs(app: App, session: Pick<TrainingSession, 'id' | 'checkinOpensAt' | 'checkinClosesAt'>): ScheduledJob[] {
  const jobs: ScheduledJob[] = [];
  const data = { sessionId: session.id };
  if (session.checkinOpensAt.getTime() > app.clock.now().getTime()) jobs.push({ id: jobId('session', session.id, 'open'), name: SESSION_OPEN_JOB, at: session.checkinOpensAt, data });
  jobs.push({ id: jobId('session', session.id, 'close'), name: SESSION_CLOSE_JOB, at: session.checkinClosesAt, data });
  const remindAt = new Date(session.checkinClosesAt.getTime() - app.config.checkinReminderMinutes * 60_000);
  if (app.config.checkinReminderMinutes > 0 && remindAt > app.clock.now() && remindAt > session.checkinOpensAt) jobs.push({ id: jobId('session', session.id, 'remind'), name: SESSION_REMIND_JOB, at: remindAt, data });
  return jobs;
}

/** A session whose check-in window is already open (created or moved into it) is announced at once: no job will. */
async function announceIfOpen(app: App, session: TrainingSession): Promise<void> {
  const now = app.clock.now().getTime();
  if (session.checkinOpensAt.getTime() <= now && session.checkinClosesAt.getTime() > now) await announceSessionOpen(app, session.id);
}

/** Schedules the opening announcement (if still ahead) and the close of a session. */
export async function scheduleSessionJobs(app: App, session: Pick<TrainingSession, 'id' | 'checkinOpensAt' | 'checkinClosesAt'>): Promise<void> {
  for (const job of sessionJobs(app, session)) await app.scheduler.schedule(job);
}

/** The title of a session created without one: its date and time. */
const defaultTitle = (startsAt: Date) => `${formatChinaDate(startsAt)} ${formatChinaClock(startsAt)} 课次`;

/** Removes every scheduled job of a session (closed early or cancelled). */
export async function unscheduleSessionJobs(app: App, sessionId: number): Promise<void> {
  for (const kind of ['open', 'remind', 'close']) await app.scheduler.cancel(jobId('session', sessionId, kind));
}

/**
 * Moves a session that has not closed to a new time, keeping its early-opening and late margins;
 * its jobs are rescheduled and the class groups told. Refuses a time that overlaps another session.
 */
export async function rescheduleSession(app: App, sessionId: number, actor: AuditActor, startsAt: Date, endsAt: Date): Promise<TrainingSession> {
  const old = await app.db.trainingSession.findUniqueOrThrow({ where: { id: sessionId } });
  if (old.status !== 'SCHEDULED') throw new UserError('session.noneToChange');
  if (endsAt.getTime() <= app.clock.now().getTime()) throw new UserError('session.inPast');
  const overlapping = await app.db.trainingSession.findFirst({
    where: { id: { not: sessionId }, classId: old.classId, status: { not: 'CANCELLED' }, startsAt: { lt: endsAt }, endsAt: { gt: startsAt } },
  });
  if (overlapping) throw new UserError('session.overlaps', { title: overlapping.title, window: describeWindow(overlapping) });
  const minutes = (a: Date, b: Date) => Math.round((a.getTime() - b.getTime()) / 60_000);
  const window = buildSessionWindow({ startsAt, endsAt, earlyMinutes: minutes(old.startsAt, old.checkinOpensAt), lateMinutes: minutes(old.lateAfter, old.startsAt) });
  // A title made of the old time would name the wrong time once moved: it follows the session.
  const title = old.title === defaultTitle(old.startsAt) ? defaultTitle(startsAt) : old.title;
  const session = await app.db.trainingSession.update({ where: { id: sessionId }, data: { ...window, title } });
  const jobs = sessionJobs(app, session);
  // Scheduling an id replaces its job; if that fails the session keeps its old time and jobs.
  await scheduleAllOrUndo(app, jobs, async () => {
    const { checkinOpensAt, startsAt: from, lateAfter, endsAt: to, checkinClosesAt } = old;
    await app.db.trainingSession.update({ where: { id: sessionId }, data: { checkinOpensAt, startsAt: from, lateAfter, endsAt: to, checkinClosesAt, title: old.title } });
    await scheduleSessionJobs(app, old).catch((error: unknown) => app.log.error('could not restore the jobs of a session', { sessionId, error }));
  });
  for (const kind of ['open', 'remind', 'close']) {
    const id = jobId('session', sessionId, kind);
    if (!jobs.some((j) => j.id === id)) await app.scheduler.cancel(id).catch((error: unknown) => app.log.warn('could not cancel a job of a moved session', { jobId: id, error }));
  }
  await audit(app.db, actor, 'session.reschedule', 'TrainingSession', sessionId, { from: old.startsAt, to: startsAt });
  await sendToClassGroups(app, session.classId, app.t('session.moved', { title: old.title, from: describeWindow(old), to: describeWindow(session) }));
  if (old.checkinOpensAt.getTime() > app.clock.now().getTime()) await announceIfOpen(app, session);
  return session;
}

/** Cancels a session that has not closed: its jobs are removed, leave requests lapse, the class groups are told. */
export async function cancelSession(app: App, sessionId: number, actor: AuditActor, reason?: string): Promise<boolean> {
  const claimed = await app.db.trainingSession.updateMany({ where: { id: sessionId, status: 'SCHEDULED' }, data: { status: 'CANCELLED' } });
  if (claimed.count === 0) return false;
  await unscheduleSessionJobs(app, sessionId);
  const session = await app.db.trainingSession.findUniqueOrThrow({ where: { id: sessionId } });
  await audit(app.db, actor, 'session.cancel', 'TrainingSession', sessionId, { reason });
  await sendToClassGroups(app, session.classId, app.t('session.cancelled', { title: session.title, window: describeWindow(session), reason: reason ? app.t('session.cancelReason', { reason }) : '' }));
  await endLiveLists(app, session);
  await warnOneMoreAbsence(app, sessionId);
  return true;
}

/** Re-creates the jobs of every session not yet closed (at start-up: the database is the source of truth). */
export async function rescheduleOpenSessions(app: App): Promise<number> {
  const sessions = await app.db.trainingSession.findMany({ where: { status: 'SCHEDULED' } });
  for (const s of sessions) await scheduleSessionJobs(app, s);
  return sessions.length;
}

/** Tells the class groups that check-in has opened; where platforms edit, this message becomes the session's live list. */
export async function announceSessionOpen(app: App, sessionId: number): Promise<void> {
  const s = await app.db.trainingSession.findUnique({ where: { id: sessionId } });
  if (!s || s.status !== 'SCHEDULED') return;
  await sendToClassGroups(app, s.classId, openAnnouncement(app, s), { buttons: buttonChecksIn(s) ? [checkinButton(s.id)] : [], live: { key: sessionLiveKey(s.id) } });
}

/**
 * For each (classes, time): the session accepting check-ins then (the earliest-starting one), or
 * null; all in one query, for a burst of check-ins arriving together.
 */
export async function findOpenSessions(db: Db, requests: { classIds: number[]; at: Date }[]): Promise<(TrainingSession | null)[]> {
  const classIds = [...new Set(requests.flatMap((r) => r.classIds))];
  if (classIds.length === 0) return requests.map(() => null);
  const times = requests.map((r) => r.at.getTime());
  const candidates = await db.trainingSession.findMany({
    where: { classId: { in: classIds }, status: 'SCHEDULED', checkinOpensAt: { lte: new Date(Math.max(...times)) }, checkinClosesAt: { gt: new Date(Math.min(...times)) } },
    orderBy: [{ startsAt: 'asc' }, { id: 'asc' }],
  });
  return requests.map(({ classIds: ids, at }) =>
    candidates.find((s) => ids.includes(s.classId) && s.checkinOpensAt.getTime() <= at.getTime() && s.checkinClosesAt.getTime() > at.getTime()) ?? null,
  );
}

/** Finds the session a check-in or leave request at `at` refers to: open now, else the next, else the latest closed (at its time or early). */
export async function findSessionFor(db: Db, classIds: number[], at: Date) {
  if (classIds.length === 0) return { open: null, next: null, last: null };
  const base = { classId: { in: classIds }, status: { not: 'CANCELLED' as const } };
  const open = await db.trainingSession.findFirst({
    where: { ...base, status: 'SCHEDULED', checkinOpensAt: { lte: at }, checkinClosesAt: { gt: at } },
    orderBy: { startsAt: 'asc' },
  });
  if (open) return { open, next: null, last: null };
  const next = await db.trainingSession.findFirst({ where: { ...base, checkinOpensAt: { gt: at } }, orderBy: { startsAt: 'asc' } });
  const last = await db.trainingSession.findFirst({
    where: { ...base, OR: [{ checkinClosesAt: { lte: at } }, { status: 'CLOSED', closedAt: { lte: at } }] },
    orderBy: { startsAt: 'desc' },
  });
  return { open: null, next, last };
}

/**
 * Closes a session: unmarked trainees become absent (or on leave when approved), attendees are
 * credited the session's hours, the tutors get the summary with names and the group the counts.
 * Idempotent: a session already closed is left alone. Returns false when nothing was done.
 */
export async function closeSession(app: App, sessionId: number, actor: AuditActor): Promise<boolean> {
  const now = app.clock.now();
  const result = await app.db.$transaction(async (tx) => {
    const claimed = await tx.trainingSession.updateMany({ where: { id: sessionId, status: 'SCHEDULED' }, data: { status: 'CLOSED', closedAt: now } });
    if (claimed.count === 0) return null;
    const session = await tx.trainingSession.findUniqueOrThrow({ where: { id: sessionId }, include: { class: { include: { project: true } } } });
    const enrolments = await tx.enrolment.findMany({ where: { classId: session.classId, status: { in: [...ACTIVE_ENROLMENT] } }, include: { person: { select: { id: true, name: true } } } });
    const checkIns = await tx.checkIn.findMany({ where: { sessionId } });
    const leaves = await tx.leaveRequest.findMany({ where: { sessionId, kind: 'LEAVE' } });
    const outcome = summarizeAttendance({
      enrolled: enrolments.map((e) => ({ personId: e.person.id, name: e.person.name })),
      checkIns,
      leaves,
    });
    const unmarked = [...outcome.leave, ...outcome.absent].filter((p) => !checkIns.some((c) => c.personId === p.personId));
    await tx.checkIn.createMany({
      data: unmarked.map((p) => ({ sessionId, personId: p.personId, status: outcome.finalStatus.get(p.personId) === 'LEAVE' ? ('LEAVE' as const) : ('ABSENT' as const) })),
      skipDuplicates: true,
    });
    const attendees = [...outcome.present, ...outcome.late];
    if (Number(session.hours) > 0) {
      await tx.hourRecord.createMany({
        data: attendees.map((p) => ({
          personId: p.personId,
          hours: session.hours,
          level: session.class.project.level,
          category: session.category,
          source: 'SESSION' as const,
          sourceRef: `session:${sessionId}`,
          projectId: session.class.projectId,
          earnedOn: session.startsAt,
        })),
        skipDuplicates: true,
      });
    }
    await tx.auditLog.create({
      data: {
        actorPersonId: actor.personId,
        actor: actor.label,
        action: 'session.close',
        entity: 'TrainingSession',
        entityId: String(sessionId),
        data: { present: outcome.present.length, late: outcome.late.length, leave: outcome.leave.length, absent: outcome.absent.length },
      },
    });
    return { session, outcome, enrolledCount: enrolments.length };
  });
  if (!result) return false;
  await unscheduleSessionJobs(app, sessionId);
  const { session, outcome, enrolledCount } = result;
  const names = (list: { name: string }[]) => (list.length ? list.map((p) => p.name).join('、') : app.t('common.none'));
  const lines = [
    app.t('session.summaryTitle', { title: session.title, window: describeWindow(session), enrolled: enrolledCount }),
    app.t('session.summaryPresent', { count: outcome.present.length, names: names(outcome.present) }),
    app.t('session.summaryLate', { count: outcome.late.length, names: names(outcome.late) }),
    app.t('session.summaryLeave', { count: outcome.leave.length, names: names(outcome.leave) }),
    app.t('session.summaryAbsent', { count: outcome.absent.length, names: names(outcome.absent) }),
  ];
  if (outcome.absentWithPendingLeave.length) lines.push(app.t('session.summaryPendingLeave', { names: names(outcome.absentWithPendingLeave) }));
  if (Number(session.hours) > 0) lines.push(app.t('session.summaryHours', { count: outcome.present.length + outcome.late.length, hours: Number(session.hours) }));
  lines.push(...(await anomalyLines(app, session)));
  const streaks = await absenceStreaks(app, session.classId);
  if (streaks.length) lines.push(app.t('session.summaryAbsentStreak', { count: app.config.consecutiveAbsences, names: streaks.map((s) => `${s.name}（${s.streak} 次）`).join('、') }));
  const groups = await app.db.groupChat.findMany({ where: { classId: session.classId }, select: { platform: true } });
  const unreached: number[] = [];
  for (const tutorId of await tutorsOf(app, session.classId)) {
    if (!(await sendToPerson(app, tutorId, groups[0]?.platform, lines.join('\n'), {}, { onlyIfOpened: true }))) unreached.push(tutorId);
  }
  const figures = {
    title: session.title,
    attended: outcome.present.length + outcome.late.length,
    enrolled: enrolledCount,
    late: outcome.late.length,
    leave: outcome.leave.length,
    absent: outcome.absent.length,
  };
  if (unreached.length === 0) await sendToClassGroups(app, session.classId, app.t('session.groupClosed', figures));
  else {
    // Said only when it is true; a tutor the bot cannot write to yet gets the way to open the chat.
    const tutors = await app.db.person.findMany({ where: { id: { in: unreached } }, select: { name: true } });
    const text = app.t('session.groupClosedUnreached', { ...figures, tutors: tutors.map((t) => t.name).join('、') });
    await sendToClassGroups(app, session.classId, text, (platform) => {
      const link = app.platforms.privateLinks.get(platform);
      return link ? { buttons: [{ label: app.t('common.openPrivateChat'), url: link }] } : {};
    });
  }
  await endLiveLists(app, session);
  await warnOneMoreAbsence(app, sessionId);
  return true;
}
