import { UserError } from '../../core/errors.ts';
import { dayBefore, halfDayOf, localDateOf, sameDay, type ClassDays, type HalfDay, type PlannedSession } from '../../core/timetable/timetable-phrase.ts';
import { chinaTime, chinaWeekday, formatChinaClock, formatChinaDate, toLocal, type LocalDate } from '../../core/time/parse-time-phrase.ts';
import type { Db } from '../../db/client.ts';
import type { TrainingSession } from '../../generated/prisma/client.ts';
import type { App, AuditActor } from '../../app/app.ts';
import { createSession, unscheduleSessionJobs } from '../attendance/sessions.ts';
import { describeWindow } from '../attendance/describe-session.ts';

// A class's timetable: many sessions made at once (from one chat message or an uploaded file), all or
// none, each scheduled like a single 创建课次; and the sessions of a day or half-day, for the
// commands that move or cancel one and for trainees asking what is on.

const WEEKDAY = ['', '一', '二', '三', '四', '五', '六', '日'];

/** The class's dates (calendar days) as set by 设置班级 or the console. */
export async function classDays(db: Db, classId: number): Promise<ClassDays & { name: string; venue: string | null }> {
  const c = await db.trainingClass.findUniqueOrThrow({ where: { id: classId }, select: { name: true, startsOn: true, endsOn: true, venue: true } });
  return { name: c.name, venue: c.venue, startsOn: c.startsOn ? localDateOf(c.startsOn) : null, endsOn: c.endsOn ? localDateOf(c.endsOn) : null };
}

/** 「3月2日（周一）08:30–11:30 新课标解读 · 3学时 · 主讲 张教授 · 报告厅」 */
export function sessionLine(s: { startsAt: Date; endsAt: Date; title?: string | null; hours?: number | { toString(): string }; lecturer?: string | null; place?: string | null }): string {
  const weekday = WEEKDAY[chinaWeekday(s.startsAt)];
  const hours = Number(s.hours ?? 0);
  // A title made of the session's own date and time (the default) says nothing the line does not.
  const title = s.title && !s.title.startsWith(formatChinaDate(s.startsAt)) ? ` ${s.title}` : '';
  const parts = [`${formatChinaDate(s.startsAt)}（周${weekday}）${formatChinaClock(s.startsAt)}–${formatChinaClock(s.endsAt)}${title}`];
  if (hours > 0) parts.push(`${hours}学时`);
  if (s.lecturer) parts.push(`主讲 ${s.lecturer}`);
  if (s.place) parts.push(s.place);
  return parts.join(' · ');
}

/**
 * What stands in the way of creating `planned` in the class: sessions that overlap one already there
 * or another of the list, and sessions already over. One problem per index, in Chinese.
 */
export async function timetableClashes(app: App, classId: number, planned: PlannedSession[]): Promise<Map<number, string>> {
  const problems = new Map<number, string>();
  if (planned.length === 0) return problems;
  const first = Math.min(...planned.map((p) => p.startsAt.getTime()));
  const last = Math.max(...planned.map((p) => p.endsAt.getTime()));
  const existing = await app.db.trainingSession.findMany({
    where: { classId, status: { not: 'CANCELLED' }, startsAt: { lt: new Date(last) }, endsAt: { gt: new Date(first) } },
    orderBy: { startsAt: 'asc' },
  });
  const now = app.clock.now().getTime();
  planned.forEach((p, index) => {
    if (p.endsAt.getTime() <= now) return problems.set(index, app.t('timetable.rowPast', { window: describeWindow(p) }));
    const clash = existing.find((s) => s.startsAt < p.endsAt && s.endsAt > p.startsAt);
    if (clash) return problems.set(index, app.t('timetable.rowClash', { window: describeWindow(p), title: clash.title, other: describeWindow(clash) }));
    const twin = planned.findIndex((q, j) => j < index && q.startsAt < p.endsAt && q.endsAt > p.startsAt);
    if (twin >= 0) problems.set(index, app.t('timetable.rowOverlapsRow', { window: describeWindow(p), other: describeWindow(planned[twin]!) }));
  });
  return problems;
}

/**
 * Creates every planned session of the class, each with its open, remind and close jobs, or none:
 * when one cannot be made (a clash that appeared meanwhile, Redis refusing a job) those already made
 * are removed with their jobs and the refusal is passed on.
 */
export async function createTimetable(app: App, actor: AuditActor, classId: number, planned: PlannedSession[]): Promise<TrainingSession[]> {
  const made: TrainingSession[] = [];
  try {
    for (const p of planned) made.push(await createSession(app, actor, { classId, ...p }));
  } catch (error) {
    for (const s of made) await unscheduleSessionJobs(app, s.id).catch((e: unknown) => app.log.warn('could not remove the jobs of an undone timetable session', { sessionId: s.id, error: e }));
    await app.db.trainingSession.deleteMany({ where: { id: { in: made.map((s) => s.id) } } });
    throw error;
  }
  return made;
}

/** The sessions of the class on a day (in one half-day when given), not cancelled unless asked, in time order. */
export async function sessionsOn(db: Db, classId: number, date: LocalDate, half?: HalfDay, options: { status?: 'SCHEDULED' } = {}): Promise<TrainingSession[]> {
  const sessions = await db.trainingSession.findMany({
    where: { classId, status: options.status ?? { not: 'CANCELLED' }, startsAt: { gte: chinaTime(date, 0), lt: chinaTime(date, 24 * 60) } },
    orderBy: { startsAt: 'asc' },
  });
  return half ? sessions.filter((s) => halfDayOf(s.startsAt) === half) : sessions;
}

/** The one scheduled session of a day or half-day, for 修改课次 3月5日上午; none or several is a polite refusal. */
export async function theSessionOn(app: App, classId: number, date: LocalDate, half?: HalfDay): Promise<TrainingSession> {
  const found = await sessionsOn(app.db, classId, date, half, { status: 'SCHEDULED' });
  const when = `${date.month}月${date.day}日${half ?? ''}`;
  if (found.length === 0) throw new UserError('timetable.noSessionThere', { when });
  if (found.length > 1) throw new UserError('timetable.whichSession', { when, list: found.map((s) => sessionLine(s)).join('\n') });
  return found[0]!;
}

/** The class's dates and venue in one line (「3月2日–3月11日 · 县教师发展中心」), or '' when none is set. */
export function classDaysLine(days: ClassDays & { venue: string | null }): string {
  const parts: string[] = [];
  if (days.startsOn && days.endsOn) parts.push(sameDay(days.startsOn, days.endsOn) ? `${days.startsOn.month}月${days.startsOn.day}日` : `${days.startsOn.month}月${days.startsOn.day}日–${days.endsOn.month}月${days.endsOn.day}日`);
  if (days.venue) parts.push(days.venue);
  return parts.join(' · ');
}

/** The sessions from today on (or all, when the class is over), for 课表. */
export async function upcomingSessions(app: App, classId: number): Promise<TrainingSession[]> {
  const today = chinaTime(toLocal(app.clock.now()), 0);
  const ahead = await app.db.trainingSession.findMany({ where: { classId, status: { not: 'CANCELLED' }, endsAt: { gt: today } }, orderBy: { startsAt: 'asc' } });
  if (ahead.length) return ahead;
  return app.db.trainingSession.findMany({ where: { classId, status: { not: 'CANCELLED' } }, orderBy: { startsAt: 'asc' } });
}

/** The first session not yet over, for 「下节课几点」. */
export async function nextSession(app: App, classId: number): Promise<TrainingSession | null> {
  return app.db.trainingSession.findFirst({ where: { classId, status: 'SCHEDULED', endsAt: { gt: app.clock.now() } }, orderBy: { startsAt: 'asc' } });
}

/** True when the day lies outside the class's dates (a timetable there is probably a typo). */
export function outsideClassDays(days: ClassDays, date: LocalDate): boolean {
  return Boolean(days.startsOn && days.endsOn && (dayBefore(date, days.startsOn) || dayBefore(days.endsOn, date)));
}
