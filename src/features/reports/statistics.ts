import { progressBar } from '../../core/hours/summarize-hours.ts';
import { canManageClass, type Grant } from '../../core/permissions.ts';
import { groupBy } from '../../core/group-by.ts';
import { classScope } from '../../app/actor.ts';
import type { App } from '../../app/app.ts';
import { hoursOf } from '../hours/hours.ts';
import { REAL_CLASS } from '../../app/sandbox-filters.ts';

import { markFor, peopleOfRecord, type Mark } from '../../app/roster-of-record.ts';
const percent = (part: number, whole: number) => (whole > 0 ? `${Math.round((part / whole) * 100)}%` : '—');

interface PersonFigures {
  personId: number;
  name: string;
  schoolId: number | null;
  attended: number;
  /** Closed sessions minus approved leave. */
  expected: number;
  leave: number;
  absent: number;
  submitted: number;
  late: number;
  due: number;
  /** Progress toward the first cycle requirement of their policy, 0–1, and whether nothing is missing. */
  hoursProgress: number;
  hoursDone: boolean;
  hours: number;
  /** Absences in a row, counting back from the latest closed session. */
  absentStreak: number;
}

/** Every figure 统计 reports, per enrolled trainee of a class. */
export async function figuresFor(app: App, classId: number, options: { withHours: boolean } = { withHours: true }): Promise<PersonFigures[]> {
  const now = app.clock.now();
  const ofRecord = await peopleOfRecord(app.db, [classId]);
  const persons = new Map((await app.db.person.findMany({ where: { id: { in: ofRecord.map((p) => p.personId) } }, select: { id: true, name: true, schoolId: true } })).map((p) => [p.id, p]));
  const enrolled = ofRecord.map((p) => ({ person: persons.get(p.personId)!, enrolledNow: p.enrolledNow }));
  const sessions = await app.db.trainingSession.findMany({ where: { classId, status: 'CLOSED' }, orderBy: { startsAt: 'desc' }, select: { id: true, status: true } });
  const checkIns = await app.db.checkIn.findMany({ where: { sessionId: { in: sessions.map((s) => s.id) } }, select: { sessionId: true, personId: true, status: true } });
  const assignments = await app.db.assignment.findMany({ where: { classId, dueAt: { lte: now } }, select: { id: true } });
  const submissions = await app.db.submission.findMany({ where: { assignmentId: { in: assignments.map((a) => a.id) } }, select: { personId: true, late: true, status: true } });
  const figures: PersonFigures[] = [];
  const checkInsOf = groupBy(checkIns, (c) => c.personId);
  for (const { person, enrolledNow } of enrolled) {
    const mine = new Map<number, Mark>((checkInsOf.get(person.id) ?? []).map((c) => [c.sessionId, c.status]));
    const statuses = sessions.flatMap((s) => markFor(s, mine.get(s.id), enrolledNow) ?? []);
    const streak = statuses.findIndex((s) => s !== 'ABSENT');
    const handedIn = submissions.filter((s) => s.personId === person.id && s.status !== 'RETURNED');
    // The hours need the policy and every record of the person: only when they are reported.
    const summary = options.withHours ? (await hoursOf(app, person.id)).summary : null;
    const main = summary?.requirements.find((r) => r.requirement.period === 'cycle') ?? summary?.requirements[0];
    figures.push({
      personId: person.id,
      name: person.name,
      schoolId: person.schoolId,
      attended: statuses.filter((s) => s === 'PRESENT' || s === 'LATE').length,
      leave: statuses.filter((s) => s === 'LEAVE').length,
      absent: statuses.filter((s) => s === 'ABSENT').length,
      expected: statuses.filter((s) => s !== 'LEAVE').length,
      submitted: handedIn.length,
      late: handedIn.filter((s) => s.late).length,
      due: assignments.length,
      hoursProgress: main && main.requirement.hours > 0 ? Math.min(1, main.done / main.requirement.hours) : 1,
      hoursDone: summary?.missing.length === 0,
      hours: summary?.total ?? 0,
      absentStreak: streak === -1 ? statuses.length : streak,
    });
  }
  return figures;
}

const sum = (rows: PersonFigures[], pick: (r: PersonFigures) => number) => rows.reduce((s, r) => s + pick(r), 0);

/** The trainees of a class absent this many sessions in a row or more (latest sessions first). */
export async function absenceStreaks(app: App, classId: number): Promise<{ name: string; streak: number }[]> {
  const threshold = app.config.consecutiveAbsences;
  return (await figuresFor(app, classId, { withHours: false })).filter((f) => f.absentStreak >= threshold).map((f) => ({ name: f.name, streak: f.absentStreak }));
}

/** 「统计」 for a class: attendance, submissions, hours completion, and who has missed sessions in a row. */
export async function classStatistics(app: App, classId: number): Promise<string> {
  const cls = await app.db.trainingClass.findUniqueOrThrow({ where: { id: classId }, select: { name: true } });
  const rows = await figuresFor(app, classId);
  const sessions = await app.db.trainingSession.count({ where: { classId, status: 'CLOSED' } });
  const assignments = rows[0]?.due ?? 0;
  const lines = [
    app.t('stats.classTitle', { className: cls.name, count: rows.length }),
    app.t('stats.attendance', { sessions, rate: percent(sum(rows, (r) => r.attended), sum(rows, (r) => r.expected)), attended: sum(rows, (r) => r.attended), expected: sum(rows, (r) => r.expected), leave: sum(rows, (r) => r.leave), absent: sum(rows, (r) => r.absent) }),
    app.t('stats.submissions', { assignments, rate: percent(sum(rows, (r) => r.submitted), sum(rows, (r) => r.due)), submitted: sum(rows, (r) => r.submitted), due: sum(rows, (r) => r.due), late: sum(rows, (r) => r.late) }),
    app.t('stats.hours', {
      average: rows.length ? Math.round((sum(rows, (r) => r.hours) / rows.length) * 10) / 10 : 0,
      done: rows.filter((r) => r.hoursDone).length,
      bar: progressBar(sum(rows, (r) => r.hoursProgress), rows.length),
    }),
  ];
  const streaks = rows.filter((r) => r.absentStreak >= app.config.consecutiveAbsences);
  if (streaks.length) lines.push(app.t('stats.absentStreak', { count: app.config.consecutiveAbsences, names: streaks.map((r) => `${r.name}（${r.absentStreak} 次）`).join('、') }));
  return lines.join('\n');
}

/** 「统计」 for a county contact: every class they oversee, figures by school. */
export async function countyStatistics(app: App, grants: Grant[]): Promise<string> {
  const classes = [];
  for (const c of await app.db.trainingClass.findMany({ where: REAL_CLASS, select: { id: true, name: true } })) {
    if (canManageClass(grants.filter((g) => g.role === 'COUNTY_CONTACT' || g.role === 'ADMIN'), await classScope(app.db, c.id))) classes.push(c);
  }
  if (classes.length === 0) return app.t('stats.noClasses');
  const rows = (await Promise.all(classes.map((c) => figuresFor(app, c.id)))).flat();
  const schools = new Map((await app.db.school.findMany({ select: { id: true, name: true } })).map((s) => [s.id, s.name]));
  const bySchool = [...groupBy(rows, (r) => r.schoolId ?? 0)].sort((a, b) => (schools.get(a[0]) ?? '').localeCompare(schools.get(b[0]) ?? '', 'zh-CN'));
  const lines = [app.t('stats.countyTitle', { classes: classes.length, people: new Set(rows.map((r) => r.personId)).size })];
  for (const [schoolId, list] of bySchool) {
    lines.push(
      app.t('stats.schoolLine', {
        school: schools.get(schoolId) ?? app.t('stats.noSchool'),
        people: new Set(list.map((r) => r.personId)).size,
        attendance: percent(sum(list, (r) => r.attended), sum(list, (r) => r.expected)),
        submissions: percent(sum(list, (r) => r.submitted), sum(list, (r) => r.due)),
        hours: percent(list.filter((r) => r.hoursDone).length, list.length),
      }),
    );
  }
  return lines.join('\n');
}
