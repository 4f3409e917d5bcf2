// A tutor corrects a trainee's attendance (补签, 改为请假, 标记缺勤): the mark, the hours and the history.
import { Unsure, UserError } from '../../core/errors.ts';
import { nearNames } from '../../core/text/near-names.ts';
import { canManageClass, tutoredClassIds } from '../../core/permissions.ts';
import type { TrainingSession } from '../../generated/prisma/client.ts';
import type { Actor, ChatBinding } from '../../app/actor.ts';
import { classScope } from '../../app/actor.ts';
import { audit, type App, type AuditActor } from '../../app/app.ts';
import { sendToPerson } from '../../app/notify.ts';
import { sessionsByRef, type SessionRef } from './session-lookup.ts';
import { findSessionFor } from './sessions.ts';
import { describeWindow } from './describe-session.ts';
import { REAL_CLASS } from '../../app/sandbox-filters.ts';
import { EXPECTED_ENROLMENT, sessionListFilter } from '../../app/roster-of-record.ts';

export type Mark = 'PRESENT' | 'LATE' | 'LEAVE' | 'ABSENT';
const ATTENDED = new Set<Mark>(['PRESENT', 'LATE']);

/** The classes the actor may correct attendance in: the group's class, else every class they manage. */
export async function correctableClassIds(app: App, actor: Actor, binding: ChatBinding | null): Promise<number[]> {
  if (!actor.person) throw new UserError('common.notBound');
  const candidates = binding?.classId ? [binding.classId] : actor.grants.some((g) => g.role !== 'TUTOR') ? (await app.db.trainingClass.findMany({ where: REAL_CLASS, select: { id: true } })).map((c) => c.id) : tutoredClassIds(actor.grants);
  const manageable: number[] = [];
  for (const id of candidates) if (canManageClass(actor.grants, await classScope(app.db, id))) manageable.push(id);
  if (manageable.length === 0) throw new UserError('common.forbidden');
  return manageable;
}

/** The session a correction means: the named one, else the one open now, else the latest whose check-in has begun. */
export async function sessionToCorrect(app: App, classIds: number[], ref: SessionRef | null, at: Date): Promise<TrainingSession> {
  if (ref) {
    const found = await sessionsByRef(app.db, classIds, ref);
    if (found.length === 0) throw new UserError('correction.noSuchSession');
    if (found.length > 1) throw new UserError('correction.whichSession', { list: found.map((s) => `「${s.title}」${describeWindow(s)}`).join('、') });
    return found[0]!;
  }
  const { open, last } = await findSessionFor(app.db, classIds, at);
  const session = open ?? last;
  if (!session) throw new UserError('correction.noSession');
  return session;
}

/** Enrolled trainees of the session's class by name; unknown names are refused together, never guessed. */
export async function traineesNamed(app: App, session: { id: number; classId: number; status: string }, names: string[], reading?: (names: string[]) => string): Promise<{ id: number; name: string }[]> {
  // The session's own list (once closed, whoever it closed with: a trainee swapped out later stays
  // correctable) and the roster now (a tutor may deliberately mark someone the close left unmarked).
  const onList = { OR: [sessionListFilter(session), { enrolments: { some: { classId: session.classId, status: { in: [...EXPECTED_ENROLMENT] } } } }] };
  const people = await app.db.person.findMany({ where: { name: { in: names }, ...onList }, select: { id: true, name: true } });
  const missing = names.filter((n) => !people.some((p) => p.name === n));
  if (missing.length) {
    // 吴磊 for 吴蕾: each missing name one sound or character off exactly one on the list is asked back.
    const roster = (await app.db.person.findMany({ where: onList, select: { name: true } })).map((p) => p.name);
    const near = missing.map((n) => [n, nearNames(n, roster)] as const);
    if (near.every(([, found]) => found.length === 1)) {
      const meant = names.map((n) => near.find(([typed]) => typed === n)?.[1][0] ?? n);
      throw new Unsure('understanding.didYouMean', { names: near.map(([, [m]]) => m!).join('、'), reading: reading?.(meant) ?? '' }, near.map(([typed, [m]]) => [typed, m!]));
    }
    throw new UserError('correction.notOnRoster', { names: missing.join('、') });
  }
  const doubled = names.filter((n) => people.filter((p) => p.name === n).length > 1);
  if (doubled.length) throw new UserError('correction.sameName', { names: doubled.join('、') });
  return names.map((n) => people.find((p) => p.name === n)!);
}

export interface Correction {
  sessionId: number;
  personId: number;
  status: Mark;
  /** As the tutor gave it; none: a mark made present is remarked 补签. */
  remark?: string;
}

/** What a correction did: nothing (the mark already so), or the remark it stored and whether the trainee was told. */
export type CorrectionResult = { changed: false } | { changed: true; remark: string | null; told: boolean };

/**
 * Sets a trainee's mark for a session with a remark. For a closed session the hours follow at once
 * (credited once, or the session's record removed); an open one is credited at its close as usual.
 * An identical mark is never rewritten (补签 for someone who checked in herself changes nothing and
 * tells nobody); the tutor is answered 「本来就是」.
 */
export async function correctAttendance(app: App, actor: AuditActor, c: Correction, options: { notify?: boolean; platform?: string } = {}): Promise<CorrectionResult> {
  const now = app.clock.now();
  const given = c.remark?.trim() || null;
  const remark = given ?? (c.status === 'PRESENT' ? app.t('correction.makeupRemark') : null);
  const result = await app.db.$transaction(async (tx) => {
    const session = await tx.trainingSession.findUniqueOrThrow({ where: { id: c.sessionId }, include: { class: { include: { project: true } } } });
    if (session.status === 'CANCELLED') throw new UserError('correction.cancelled', { title: session.title });
    if (session.checkinOpensAt > now && c.status !== 'LEAVE') throw new UserError('correction.notYet', { title: session.title, window: describeWindow(session) });
    const before = await tx.checkIn.findUnique({ where: { sessionId_personId: { sessionId: c.sessionId, personId: c.personId } } });
    if (before?.status === c.status) return null;
    const data = { status: c.status, remark, correctedById: actor.personId, correctedAt: now };
    await tx.checkIn.upsert({ where: { sessionId_personId: { sessionId: c.sessionId, personId: c.personId } }, create: { sessionId: c.sessionId, personId: c.personId, ...data }, update: data });
    let hours: 'credited' | 'removed' | null = null;
    if (session.status === 'CLOSED' && Number(session.hours) > 0) {
      const sourceRef = `session:${session.id}`;
      if (ATTENDED.has(c.status)) {
        const made = await tx.hourRecord.createMany({
          data: [{ personId: c.personId, hours: session.hours, level: session.class.project.level, category: session.category, source: 'SESSION', sourceRef, projectId: session.class.projectId, earnedOn: session.startsAt }],
          skipDuplicates: true,
        });
        if (made.count) hours = 'credited';
      } else {
        const gone = await tx.hourRecord.deleteMany({ where: { personId: c.personId, source: 'SESSION', sourceRef } });
        if (gone.count) hours = 'removed';
      }
    }
    await audit(tx, actor, 'attendance.correct', 'CheckIn', `${c.sessionId}:${c.personId}`, { sessionId: c.sessionId, personId: c.personId, from: before?.status ?? null, to: c.status, remark, hours });
    return { session, hours };
  });
  if (!result) return { changed: false };
  let told = false;
  if (options.notify !== false) {
    const { session } = result;
    const text = app.t('correction.traineeNotice', {
      title: session.title,
      window: describeWindow(session),
      status: app.t(`correction.status.${c.status}`),
      remark: remark ? app.t('correction.remarkLine', { remark }) : '',
      hours: result.hours ? app.t(result.hours === 'credited' ? 'correction.hoursCredited' : 'correction.hoursRemoved', { hours: Number(session.hours) }) : '',
    });
    told = await sendToPerson(app, c.personId, options.platform, text);
  }
  return { changed: true, remark, told };
}
