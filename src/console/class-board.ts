import type { App } from '../app/app.ts';
import { groupBy } from '../core/group-by.ts';
import { formatChinaIsoDate } from '../core/time/parse-time-phrase.ts';
import { markFor, peopleOfRecord, type Mark } from '../app/roster-of-record.ts';
import type { ClassAccess } from './scope.ts';

const ATTENDED = new Set(['PRESENT', 'LATE']);

export interface ClassBoard {
  id: number;
  name: string;
  project: string;
  enrolled: { personId: number; name: string; school: string }[];
  /** `expected`: who is on the session's list (fixed at its close; the live roster before). */
  sessions: { id: number; title: string; startsAt: Date; endsAt: Date; status: string; attended: number; expected: number; hours: number }[];
  /** Today's sessions (China time) with who checked in, for the live board. */
  today: { id: number; title: string; startsAt: Date; endsAt: Date; expected: number; checkIns: { personId: number; name: string; school: string; status: string; at: Date | null }[] }[];
  /** Per school: attended / expected over closed sessions (approved leave not expected). */
  attendanceBySchool: { school: string; attended: number; expected: number }[];
  /** Per school: confirmations of the latest opening notice. */
  confirmationsBySchool: { school: string; confirmed: number; recipients: number }[];
  assignments: { id: number; title: string; dueAt: Date; submitted: number; accepted: number; enrolled: number; missing: string[] }[];
  tutors: string[];
  groups: { platform: string; title: string }[];
}

/**
 * Everything the class page shows, limited to the account's schools when it sees the class only
 * through them (a school contact sees their own teachers, not the rest of the class).
 */
export async function classBoard(app: App, classId: number, access: ClassAccess): Promise<ClassBoard> {
  const cls = await app.db.trainingClass.findUniqueOrThrow({ where: { id: classId }, include: { project: { select: { name: true } } } });
  const schoolFilter = access.kind === 'school' ? { schoolId: { in: access.schoolIds } } : {};
  const ofRecord = await peopleOfRecord(app.db, [classId], schoolFilter);
  const enrolledNow = new Set(ofRecord.filter((p) => p.enrolledNow).map((p) => p.personId));
  const persons = await app.db.person.findMany({ where: { id: { in: ofRecord.map((p) => p.personId) } }, select: { id: true, name: true, school: { select: { name: true } } }, orderBy: { id: 'asc' } });
  const everyone = persons.map((p) => ({ personId: p.id, name: p.name, school: p.school?.name ?? '—' }));
  const enrolled = everyone.filter((p) => enrolledNow.has(p.personId));
  const people = new Map(everyone.map((p) => [p.personId, p]));
  const sessions = await app.db.trainingSession.findMany({ where: { classId, status: { not: 'CANCELLED' } }, orderBy: { startsAt: 'asc' } });
  const checkIns = (await app.db.checkIn.findMany({ where: { sessionId: { in: sessions.map((s) => s.id) } } })).filter((c) => people.has(c.personId));
  const bySession = groupBy(checkIns, (c) => c.sessionId);
  const todayKey = formatChinaIsoDate(app.clock.now());
  // Per session, the marks of those on its list: a closed session's as fixed at its close, an open one's by the live roster.
  const listOf = (s: (typeof sessions)[number]) => {
    const marks = new Map<number, Mark>((bySession.get(s.id) ?? []).map((c) => [c.personId, c.status]));
    const list = s.status === 'CLOSED' ? [...marks.keys()] : enrolled.map((p) => p.personId);
    return list.map((personId) => ({ person: people.get(personId)!, status: markFor(s, marks.get(personId), enrolledNow.has(personId)) }));
  };

  const attendanceBySchool = new Map<string, { attended: number; expected: number }>();
  for (const s of sessions.filter((x) => x.status === 'CLOSED')) {
    for (const { person: p, status } of listOf(s)) {
      if (status === 'LEAVE') continue;
      const row = attendanceBySchool.get(p.school) ?? { attended: 0, expected: 0 };
      row.expected++;
      if (status && ATTENDED.has(status)) row.attended++;
      attendanceBySchool.set(p.school, row);
    }
  }

  const notice = await app.db.openingNotice.findFirst({ where: { classId }, orderBy: { id: 'desc' }, include: { recipients: true } });
  const confirmations = new Map<string, { confirmed: number; recipients: number }>();
  for (const r of notice?.recipients ?? []) {
    const person = people.get(r.personId);
    if (!person) continue;
    const row = confirmations.get(person.school) ?? { confirmed: 0, recipients: 0 };
    row.recipients++;
    if (r.confirmedAt) row.confirmed++;
    confirmations.set(person.school, row);
  }

  const assignments = await app.db.assignment.findMany({ where: { classId }, orderBy: { dueAt: 'asc' }, include: { submissions: { select: { personId: true, status: true } } } });

  return {
    id: cls.id,
    name: cls.name,
    project: cls.project.name,
    enrolled,
    sessions: sessions.map((s) => ({
      id: s.id,
      title: s.title,
      startsAt: s.startsAt,
      endsAt: s.endsAt,
      status: s.status,
      attended: listOf(s).filter((m) => ATTENDED.has(m.status ?? '')).length,
      expected: listOf(s).length,
      hours: Number(s.hours),
    })),
    today: sessions
      .filter((s) => formatChinaIsoDate(s.startsAt) === todayKey)
      .map((s) => ({
        id: s.id,
        title: s.title,
        startsAt: s.startsAt,
        endsAt: s.endsAt,
        expected: listOf(s).length,
        checkIns: (bySession.get(s.id) ?? [])
          .filter((c) => ATTENDED.has(c.status))
          .sort((a, b) => (a.checkedInAt?.getTime() ?? 0) - (b.checkedInAt?.getTime() ?? 0))
          .map((c) => ({ personId: c.personId, name: people.get(c.personId)!.name, school: people.get(c.personId)!.school, status: c.status, at: c.checkedInAt })),
      })),
    attendanceBySchool: [...attendanceBySchool].map(([school, v]) => ({ school, ...v })),
    confirmationsBySchool: [...confirmations].map(([school, v]) => ({ school, ...v })),
    assignments: assignments.map((a) => {
      const mine = a.submissions.filter((s) => enrolledNow.has(s.personId) && s.status !== 'RETURNED');
      const handedIn = new Set(mine.map((s) => s.personId));
      const missing = enrolled.filter((p) => !handedIn.has(p.personId)).map((p) => p.name);
      return { id: a.id, title: a.title, dueAt: a.dueAt, submitted: mine.length, accepted: mine.filter((s) => s.status === 'ACCEPTED').length, enrolled: enrolled.length, missing };
    }),
    tutors: (await app.db.roleGrant.findMany({ where: { role: 'TUTOR', classId }, include: { person: { select: { name: true } } } })).map((g) => g.person.name),
    groups: (await app.db.groupChat.findMany({ where: { classId }, select: { platform: true, title: true } })),
  };
}
