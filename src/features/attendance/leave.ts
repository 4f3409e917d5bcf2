import { Unsure, UserError } from '../../core/errors.ts';
import { nearNames } from '../../core/text/near-names.ts';
import { nameOrRemark } from '../../core/text/decision.ts';
import type { InboundMessage } from '../../core/message.ts';
import type { TrainingSession } from '../../generated/prisma/client.ts';
import type { Actor, ChatBinding } from '../../app/actor.ts';
import { audit, type App } from '../../app/app.ts';
import { recentAttachments } from '../assignments/assignments.ts';
import { correctableClassIds, correctAttendance } from './attendance-corrections.ts';
import { traineeClassIds } from './checkin.ts';
import { sendToPerson, tutorsOf } from '../../app/notify.ts';
import { sessionsByRef, upcomingSessions, type SessionRef } from './session-lookup.ts';
import { findSessionFor } from './sessions.ts';
import { describeWindow } from './describe-session.ts';

const who = (actor: Actor) => ({ personId: actor.person?.id ?? null, label: `${actor.platform}:${actor.user.id}` });

/** "「A」11月23日 08:30–11:30、「B」…": the next sessions, for a reply that could not find the one meant. */
async function nextSessionsList(app: App, classIds: number[], at: Date): Promise<string> {
  const next = await upcomingSessions(app.db, classIds, at);
  return next.length ? next.map((s) => `「${s.title}」${describeWindow(s)}`).join('、') : app.t('common.none');
}

/**
 * Files (or updates) a leave request for the named sessions (a whole day: both halves), else the
 * current or next session, and tells the tutors. Sessions whose check-in has closed cannot be asked for.
 */
export async function requestLeave(app: App, actor: Actor, binding: ChatBinding | null, reason: string, at: Date, ref: SessionRef | null = null) {
  const classIds = traineeClassIds(actor, binding);
  const person = actor.person!;
  let sessions: TrainingSession[];
  if (ref) {
    sessions = (await sessionsByRef(app.db, classIds, ref)).filter((s) => s.status === 'SCHEDULED' && s.checkinClosesAt > at);
    if (sessions.length === 0) throw new UserError('leave.noSessionThen', { list: await nextSessionsList(app, classIds, at) });
  } else {
    const { open, next } = await findSessionFor(app.db, classIds, at);
    if (!(open ?? next)) throw new UserError('leave.noSession');
    sessions = [(open ?? next)!];
  }
  let updated = false;
  for (const session of sessions) {
    const existing = await app.db.leaveRequest.findUnique({ where: { sessionId_personId: { sessionId: session.id, personId: person.id } } });
    if (existing?.status === 'APPROVED' && existing.kind === 'LEAVE') {
      if (sessions.length === 1) throw new UserError('leave.alreadyApproved', { title: session.title });
      continue;
    }
    updated ||= Boolean(existing);
    const leave = await app.db.leaveRequest.upsert({
      where: { sessionId_personId: { sessionId: session.id, personId: person.id } },
      create: { sessionId: session.id, personId: person.id, reason },
      update: { reason, kind: 'LEAVE', attachments: [], status: 'PENDING', decidedAt: null, decidedById: null, note: null },
    });
    await audit(app.db, who(actor), 'leave.request', 'LeaveRequest', leave.id, { sessionId: session.id });
    const notice = app.t('leave.tutorNotice', { name: person.name, title: session.title, window: describeWindow(session), reason: reason || app.t('leave.noReason') });
    for (const tutorId of await tutorsOf(app, session.classId)) await sendToPerson(app, tutorId, actor.platform, notice);
  }
  return { sessions, updated };
}

/**
 * A trainee's 补签: asks the tutors to mark them present at a session whose check-in window has passed
 * (the named one, else the latest), with the reason and the photo or file sent just before.
 */
export async function requestMakeup(app: App, actor: Actor, binding: ChatBinding | null, message: InboundMessage, reason: string, ref: SessionRef | null, at: Date) {
  const classIds = traineeClassIds(actor, binding);
  const person = actor.person!;
  const { open, last } = await findSessionFor(app.db, classIds, at);
  let session: TrainingSession | null | undefined;
  if (ref) {
    const found = (await sessionsByRef(app.db, classIds, ref)).filter((s) => s.checkinOpensAt <= at);
    if (found.length > 1) throw new UserError('correction.whichSession', { list: found.map((s) => `「${s.title}」${describeWindow(s)}`).join('、') });
    session = found[0];
    if (!session) throw new UserError('makeup.noSuchSession');
  } else {
    if (open) throw new UserError('makeup.stillOpen', { title: open.title });
    session = last;
    if (!session) throw new UserError('makeup.noSession');
  }
  if (session.status === 'SCHEDULED' && session.checkinClosesAt > at) throw new UserError('makeup.stillOpen', { title: session.title });
  const mark = await app.db.checkIn.findUnique({ where: { sessionId_personId: { sessionId: session.id, personId: person.id } } });
  if (mark?.status === 'PRESENT' || mark?.status === 'LATE') throw new UserError('makeup.alreadyPresent', { title: session.title });
  const attachments = message.attachments.length ? message.attachments : await recentAttachments(app, message);
  const key = { sessionId_personId: { sessionId: session.id, personId: person.id } };
  const existing = await app.db.leaveRequest.findUnique({ where: key });
  if (existing?.kind === 'MAKEUP' && existing.status === 'PENDING' && existing.reason === reason) return { session, updated: true };
  const data = { reason, kind: 'MAKEUP' as const, attachments: attachments as object[], status: 'PENDING' as const, decidedAt: null, decidedById: null, note: null };
  const request = await app.db.leaveRequest.upsert({ where: key, create: { sessionId: session.id, personId: person.id, ...data }, update: data });
  await audit(app.db, who(actor), 'makeup.request', 'LeaveRequest', request.id, { sessionId: session.id, attachments: attachments.length });
  const notice = app.t('makeup.tutorNotice', {
    name: person.name,
    title: session.title,
    window: describeWindow(session),
    reason,
    attachments: attachments.length ? app.t('makeup.withAttachments', { count: attachments.length }) : '',
  });
  for (const tutorId of await tutorsOf(app, session.classId)) await sendToPerson(app, tutorId, actor.platform, notice, { attachments });
  return { session, updated: Boolean(existing && existing.kind === 'MAKEUP') };
}

/**
 * Approves or rejects the pending leave or 补签 requests of a trainee named `name` (or the only one
 * pending) in a class the actor manages. One trainee's several requests (a whole day) are decided together.
 * An approved 补签 marks the trainee present (the tutor vouches they were there; lateness was not measured).
 * Words after the verb that name nobody on the roster are the decision's remark (「同意，注意安全」),
 * passed on to the trainee.
 */
export async function decideLeave(app: App, actor: Actor, binding: ChatBinding | null, typed: { name?: string; note?: string; whole?: string }, approve: boolean, at: Date) {
  const manageable = await correctableClassIds(app, actor, binding);
  const roster = typed.name ? await app.db.person.findMany({ where: { enrolments: { some: { classId: { in: manageable } } } }, select: { name: true } }) : [];
  const { name, note } = nameOrRemark(typed, roster.map((p) => p.name));
  const pending = await app.db.leaveRequest.findMany({
    where: {
      status: 'PENDING',
      OR: [
        { kind: 'LEAVE', session: { classId: { in: manageable }, status: 'SCHEDULED', checkinClosesAt: { gt: at } } },
        { kind: 'MAKEUP', session: { classId: { in: manageable }, status: { not: 'CANCELLED' } } },
      ],
      ...(name ? { person: { name } } : {}),
    },
    include: { person: true, session: true },
    orderBy: { createdAt: 'asc' },
  });
  if (pending.length === 0 && name) {
    // 王午 for 王五: one pending requester the name sounds like, or is one character off, is asked back.
    const waiting = await app.db.leaveRequest.findMany({ where: { status: 'PENDING', session: { classId: { in: manageable } } }, select: { person: { select: { name: true } } } });
    const [meant, ...others] = nearNames(name, waiting.map((l) => l.person.name));
    if (meant && !others.length) throw new Unsure('understanding.didYouMean', { names: meant, reading: app.t(approve ? 'decision.readingApprove' : 'decision.readingReject', { name: meant }) }, [[name, meant]]);
  }
  if (pending.length === 0) throw new UserError(name ? 'leave.noPendingFor' : 'leave.noPending', { name: name ?? '' });
  const label = (l: (typeof pending)[number]) => `${l.person.name}${l.kind === 'MAKEUP' ? app.t('makeup.tag') : ''}（${l.session.title}）`;
  if (new Set(pending.map((l) => `${l.personId}:${l.kind}`)).size > 1) throw new UserError('leave.whichOne', { list: pending.map(label).join('、') });
  const status = approve ? 'APPROVED' : 'REJECTED';
  const by = who(actor);
  for (const leave of pending) {
    await app.db.leaveRequest.update({ where: { id: leave.id }, data: { status, decidedById: actor.person!.id, decidedAt: at, note: note ?? null } });
    const makeup = leave.kind === 'MAKEUP';
    await audit(app.db, by, `${makeup ? 'makeup' : 'leave'}.${approve ? 'approve' : 'reject'}`, 'LeaveRequest', leave.id, { note });
    if (makeup && approve) await correctAttendance(app, by, { sessionId: leave.sessionId, personId: leave.personId, status: 'PRESENT', remark: app.t('makeup.remark', { reason: leave.reason }) }, { notify: false });
    const key = makeup ? (approve ? 'makeup.approvedNotice' : 'makeup.rejectedNotice') : approve ? (note ? 'decision.approvedLeaveWithNote' : 'leave.approvedNotice') : 'leave.rejectedNotice';
    const hours = Number(leave.session.hours);
    const params = { title: leave.session.title, note: makeup ? (note ? app.t('makeup.noteLine', { note }) : '') : (note ?? ''), hours, decider: actor.person!.name };
    await sendToPerson(app, leave.personId, actor.platform, app.t(key, params));
  }
  const first = pending[0]!;
  return { name: first.person.name, title: pending.map((l) => l.session.title).join('、'), status, kind: first.kind };
}
