import type { Db } from '../db/client.ts';

export const EXPECTED_ENROLMENT = ['SELECTED', 'CONFIRMED', 'COMPLETED'] as const;
export type Mark = 'PRESENT' | 'LATE' | 'LEAVE' | 'ABSENT';

// A closed session's list of who was expected is fixed at its close: closeSession writes a mark for
// everyone enrolled then (ABSENT or LEAVE when they had none). Every report reads that list, so a
// teacher imported or swapped in (换人) afterwards is not counted absent for a session that is over,
// and one swapped out keeps the record they earned. Open and future sessions follow the live roster.

/** A person's mark for a session as every view counts it; null when they are not on its list. */
export function markFor(session: { status: string }, mark: Mark | undefined, enrolledNow: boolean): Mark | null {
  return session.status === 'CLOSED' || enrolledNow ? (mark ?? null) : null;
}

/**
 * Who a class's records cover, as (classId, personId) pairs: everyone enrolled now and everyone on a
 * closed session's list. `person` narrows both (e.g. to some schools).
 */
export async function peopleOfRecord(db: Db, classIds: number[], person: Record<string, unknown> = {}): Promise<{ classId: number; personId: number; enrolledNow: boolean }[]> {
  const enrolled = await db.enrolment.findMany({ where: { classId: { in: classIds }, status: { in: [...EXPECTED_ENROLMENT] }, person }, select: { classId: true, personId: true } });
  const listed = await db.checkIn.findMany({
    where: { session: { classId: { in: classIds }, status: 'CLOSED' }, person },
    select: { personId: true, session: { select: { classId: true } } },
  });
  const pairs = new Map(enrolled.map((e) => [`${e.classId}:${e.personId}`, { ...e, enrolledNow: true }]));
  for (const l of listed) {
    const key = `${l.session.classId}:${l.personId}`;
    if (!pairs.has(key)) pairs.set(key, { classId: l.session.classId, personId: l.personId, enrolledNow: false });
  }
  return [...pairs.values()];
}

/** The people on a session's list, as a person filter: its marks once closed, else the class's roster now. */
export function sessionListFilter(session: { id: number; classId: number; status: string }) {
  return session.status === 'CLOSED'
    ? { checkIns: { some: { sessionId: session.id } } }
    : { enrolments: { some: { classId: session.classId, status: { in: [...EXPECTED_ENROLMENT] } } } };
}
