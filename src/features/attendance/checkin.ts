import { evaluateCheckIn } from '../../core/checkin/session-window.ts';
import { UserError } from '../../core/errors.ts';
import { distanceMeters, formatDistance } from '../../core/geo/distance.ts';
import type { ChatRef, SharedLocation } from '../../core/message.ts';
import { formatChinaClock } from '../../core/time/parse-time-phrase.ts';
import type { Actor, ChatBinding } from '../../app/actor.ts';
import { audit, type App, type CheckInRow } from '../../app/app.ts';
import { MAX_CODE_ATTEMPTS_PER_STEP, currentCode } from '../../core/checkin/rotating-code.ts';
import { codeAttemptsSpent, OUTSIDE_VENUE_ACTION, STALE_CODE_ACTION, WRONG_CODE_ACTION } from './checkin-anomalies.ts';
import type { SqlQuery } from '../../db/client.ts';
import type { TrainingSession } from '../../generated/prisma/client.ts';
import { findSessionFor } from './sessions.ts';
import { describeCheckinWindow, describeWindow } from './describe-session.ts';

export interface CheckInRequest {
  actor: Actor;
  chat: ChatRef;
  binding: ChatBinding | null;
  code?: string;
  /** A shared location instead of (or besides) a code. */
  location?: SharedLocation;
  messageId: string;
  at: Date;
}


export type CheckInResult =
  | { kind: 'recorded'; sessionId: number; status: 'PRESENT' | 'LATE'; minutesLate: number; sessionTitle: string }
  | { kind: 'already'; sessionId: number; at: string; status: string };

/** The classes a check-in or leave request in this chat refers to; the trainee must be enrolled. */
export function traineeClassIds(actor: Actor, binding: ChatBinding | null): number[] {
  if (!actor.person) throw new UserError('common.notBound');
  if (binding?.classId) {
    if (!actor.enrolledClassIds.includes(binding.classId)) throw new UserError('checkin.notEnrolled', { className: binding.className ?? '' });
    return [binding.classId];
  }
  if (actor.enrolledClassIds.length === 0) throw new UserError('checkin.noClass');
  return actor.enrolledClassIds;
}

/**
 * Records a check-in once: a second 签到 (or the same message delivered again, or a racing process)
 * finds the existing record and reports its time instead of writing another.
 */
export async function checkIn(app: App, req: CheckInRequest): Promise<CheckInResult> {
  const classIds = traineeClassIds(req.actor, req.binding);
  const person = req.actor.person!;
  const { open, next, last } = (await app.batched.openSession(classIds, req.at)) ?? (await findSessionFor(app.db, classIds, req.at));
  if (!open) {
    // Closed early by the tutor, within what was its window: that is the news, not tomorrow's session.
    if (last?.closedAt && req.at.getTime() < last.checkinClosesAt.getTime()) throw new UserError('checkin.closedEarly', { title: last.title, closed: formatChinaClock(last.closedAt) });
    if (next) throw new UserError('checkin.notOpenYet', { title: next.title, window: describeWindow(next), opens: formatChinaClock(next.checkinOpensAt) });
    if (last) throw new UserError('checkin.closed', { title: last.title, window: describeCheckinWindow(last), closes: formatChinaClock(last.checkinClosesAt) });
    throw new UserError('checkin.noSession');
  }
  const auditActor = { personId: person.id, label: `${req.chat.platform}:${req.actor.user.id}` };
  const distance = req.location ? await venueDistance(app, open.classId, req.location) : undefined;
  const atVenue = Boolean(distance && distance.meters <= distance.radius);
  // A live location's later positions are many: only the first one outside the venue is kept.
  if (distance && !atVenue && !req.location!.update) await audit(app.db, auditActor, OUTSIDE_VENUE_ACTION, 'TrainingSession', open.id, { distanceMeters: Math.round(distance.meters) });
  // A rotating code's step, when a code was typed for one: the attempt limit counts per step.
  const step = open.codeSecret && req.code && !req.location ? currentCode(open.codeSecret, open.codeStepSeconds ?? 30, req.at) : null;
  const spent = step && (await codeAttemptsSpent(app, auditActor, open.id, step.step, MAX_CODE_ATTEMPTS_PER_STEP));
  const verdict = spent ? ({ kind: 'attemptsSpent' } as const) : req.location && !atVenue ? locationRefusal(open, distance) : evaluateCheckIn(open, req.at, req.code, { atVenue });
  if (verdict.kind !== 'present' && verdict.kind !== 'late') {
    // Someone already checked in who sends 签到 again without the code hears "already", not "code needed".
    const existing = await app.db.checkIn.findUnique({ where: { sessionId_personId: { sessionId: open.id, personId: person.id } } });
    if (existing) return alreadyResult(existing);
    if (verdict.kind === 'attemptsSpent') throw new UserError('checkin.tooManyCodes', { seconds: Math.max(1, Math.ceil((step!.changesAt.getTime() - req.at.getTime()) / 1000)) });
    if (step && (verdict.kind === 'staleCode' || verdict.kind === 'wrongCode')) await audit(app.db, auditActor, verdict.kind === 'staleCode' ? STALE_CODE_ACTION : WRONG_CODE_ACTION, 'TrainingSession', open.id, { step: step.step });
    if (verdict.kind === 'outside') throw new UserError('checkin.outsideVenue', { distance: formatDistance(verdict.meters), radius: formatDistance(verdict.radius) });
    if (verdict.kind === 'noVenue') throw new UserError('checkin.noVenue');
    const key = REFUSALS[verdict.kind as keyof typeof REFUSALS];
    if (key) throw new UserError(key, { title: open.title });
    throw new UserError('checkin.closed', { title: open.title, window: describeCheckinWindow(open), closes: formatChinaClock(open.checkinClosesAt) });
  }
  const status = verdict.kind === 'late' ? 'LATE' : 'PRESENT';
  const row = { sessionId: open.id, personId: person.id, status, checkedInAt: req.at, platform: req.chat.platform, messageId: req.messageId } as const;
  const inserted = atVenue ? await insertWithDistance(app, { ...row, distanceMeters: Math.round(distance!.meters) }) : await app.batched.insertCheckIn(row);
  if (!inserted) {
    const winner = await app.db.checkIn.findUniqueOrThrow({ where: { sessionId_personId: { sessionId: open.id, personId: person.id } } });
    return alreadyResult(winner);
  }
  app.events.emit('checkin', { platform: req.chat.platform, classId: open.classId, sessionId: open.id, personId: person.id, name: person.name, status, at: req.at });
  return { kind: 'recorded', sessionId: open.id, status, minutesLate: verdict.kind === 'late' ? verdict.minutesLate : 0, sessionTitle: open.title };
}

/** Inserts check-ins in one statement; per row, false when that trainee already had one for the session. */
export async function insertCheckIns(query: SqlQuery, rows: CheckInRow[]): Promise<boolean[]> {
  const column = <T>(pick: (r: CheckInRow) => T) => rows.map(pick);
  // The second SELECT finds rows this same message stored in an earlier attempt whose answer was
  // lost with the connection: still "recorded", not "already checked in".
  const created = await query<{ sessionId: number; personId: number }>(
    `WITH wanted AS (
       SELECT * FROM unnest($1::int[], $2::int[], $3::text[], $4::timestamptz[], $5::text[], $6::text[])
         AS u(session_id, person_id, status, at, platform, message_id)
     ), inserted AS (
       INSERT INTO "CheckIn" ("sessionId", "personId", "status", "checkedInAt", "platform", "messageId", "createdAt")
       SELECT session_id, person_id, status::"AttendanceStatus", at AT TIME ZONE 'UTC', platform, message_id, now() AT TIME ZONE 'UTC' FROM wanted
       ON CONFLICT ("sessionId", "personId") DO NOTHING
       RETURNING "sessionId", "personId"
     )
     SELECT "sessionId", "personId" FROM inserted
     UNION ALL
     SELECT c."sessionId", c."personId" FROM "CheckIn" c
       JOIN wanted w ON c."sessionId" = w.session_id AND c."personId" = w.person_id AND c."platform" = w.platform AND c."messageId" = w.message_id`,
    [column((r) => r.sessionId), column((r) => r.personId), column((r) => r.status), column((r) => r.checkedInAt.toISOString()), column((r) => r.platform), column((r) => r.messageId)],
  );
  const fresh = new Set(created.map((r) => `${r.sessionId}:${r.personId}`));
  return rows.map((r) => fresh.delete(`${r.sessionId}:${r.personId}`));
}

const REFUSALS = {
  codeRequired: 'checkin.codeRequired',
  wrongCode: 'checkin.wrongCode',
  staleCode: 'checkin.staleCode',
  locationRequired: 'checkin.shareLocation',
} as const;

/** Why a shared location outside the venue (or with no venue set) checks nobody in; a rotating code asks for the code. */
function locationRefusal(open: TrainingSession, distance: { meters: number; radius: number } | null | undefined) {
  if (open.codeSecret && !open.requireLocation) return { kind: 'codeRequired' } as const;
  return distance ? ({ kind: 'outside', ...distance } as const) : ({ kind: 'noVenue' } as const);
}

/** How far a shared location is from the class's venue; null when the class has no venue set. */
async function venueDistance(app: App, classId: number, location: SharedLocation): Promise<{ meters: number; radius: number } | null> {
  const venue = await app.db.trainingClass.findUniqueOrThrow({ where: { id: classId }, select: { venueLatitude: true, venueLongitude: true, venueRadiusMeters: true } });
  if (venue.venueLatitude === null || venue.venueLongitude === null || !venue.venueRadiusMeters) return null;
  return { meters: distanceMeters(location, { latitude: venue.venueLatitude, longitude: venue.venueLongitude }), radius: venue.venueRadiusMeters };
}

/** A location check-in, keeping how far from the venue it was; false when the trainee already had one. */
async function insertWithDistance(app: App, row: CheckInRow & { distanceMeters: number }): Promise<boolean> {
  const { distanceMeters: meters, ...rest } = row;
  const created = await app.db.checkIn.createMany({ data: [{ ...rest, distanceMeters: meters }], skipDuplicates: true });
  return created.count === 1;
}

function alreadyResult(row: { sessionId: number; checkedInAt: Date | null; status: string }): CheckInResult {
  return { kind: 'already', sessionId: row.sessionId, at: row.checkedInAt ? formatChinaClock(row.checkedInAt) : '', status: row.status };
}
