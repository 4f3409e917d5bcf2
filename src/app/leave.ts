import { UserError } from '../core/errors.ts';
import { canManageClass, tutoredClassIds } from '../core/permissions.ts';
import { nameOrRemark } from '../core/text/decision.ts';
import type { Actor, ChatBinding } from './actor.ts';
import { classScope } from './actor.ts';
import { audit, type App } from './app.ts';
import { traineeClassIds } from './checkin.ts';
import { sendToPerson, tutorsOf } from './notify.ts';
import { describeWindow, findSessionFor } from './sessions.ts';

/** Files (or updates) a leave request for the trainee's current or next session and tells the tutors. */
export async function requestLeave(app: App, actor: Actor, binding: ChatBinding | null, reason: string, at: Date) {
  const classIds = traineeClassIds(actor, binding);
  const person = actor.person!;
  const { open, next } = await findSessionFor(app.db, classIds, at);
  const session = open ?? next;
  if (!session) throw new UserError('leave.noSession');
  const existing = await app.db.leaveRequest.findUnique({ where: { sessionId_personId: { sessionId: session.id, personId: person.id } } });
  if (existing?.status === 'APPROVED') throw new UserError('leave.alreadyApproved', { title: session.title });
  const leave = await app.db.leaveRequest.upsert({
    where: { sessionId_personId: { sessionId: session.id, personId: person.id } },
    create: { sessionId: session.id, personId: person.id, reason },
    update: { reason, status: 'PENDING', decidedAt: null, decidedById: null, note: null },
  });
  await audit(app.db, { personId: person.id, label: `${actor.platform}:${actor.user.id}` }, 'leave.request', 'LeaveRequest', leave.id, { sessionId: session.id });
  const notice = app.t('leave.tutorNotice', { name: person.name, title: session.title, window: describeWindow(session), reason });
  for (const tutorId of await tutorsOf(app, session.classId)) await sendToPerson(app, tutorId, actor.platform, notice);
  return { session, updated: Boolean(existing) };
}

/**
 * Approves or rejects the pending leave request of a trainee named `name` in a class the actor manages
 * (the only one pending when no name is given). Words after the verb that name nobody on the roster
 * are the decision's remark (「同意，注意安全」), passed on to the trainee.
 */
export async function decideLeave(app: App, actor: Actor, binding: ChatBinding | null, typed: { name?: string; note?: string; whole?: string }, approve: boolean, at: Date) {
  if (!actor.person) throw new UserError('common.notBound');
  const classIds = binding?.classId ? [binding.classId] : tutoredClassIds(actor.grants);
  const manageable: number[] = [];
  for (const id of classIds) if (canManageClass(actor.grants, await classScope(app.db, id))) manageable.push(id);
  if (manageable.length === 0) throw new UserError('common.forbidden');
  const roster = typed.name ? await app.db.person.findMany({ where: { enrolments: { some: { classId: { in: manageable } } } }, select: { name: true } }) : [];
  const { name, note } = nameOrRemark(typed, roster.map((p) => p.name));
  const pending = await app.db.leaveRequest.findMany({
    where: {
      status: 'PENDING',
      session: { classId: { in: manageable }, status: 'SCHEDULED', checkinClosesAt: { gt: at } },
      ...(name ? { person: { name } } : {}),
    },
    include: { person: true, session: true },
    orderBy: { createdAt: 'asc' },
  });
  if (pending.length === 0) throw new UserError(name ? 'leave.noPendingFor' : 'leave.noPending', { name: name ?? '' });
  if (pending.length > 1) {
    const list = pending.map((l) => `${l.person.name}（${l.session.title}）`).join('、');
    throw new UserError('leave.whichOne', { list });
  }
  const leave = pending[0]!;
  const status = approve ? 'APPROVED' : 'REJECTED';
  await app.db.leaveRequest.update({ where: { id: leave.id }, data: { status, decidedById: actor.person.id, decidedAt: at, note: note ?? null } });
  await audit(app.db, { personId: actor.person.id, label: `${actor.platform}:${actor.user.id}` }, approve ? 'leave.approve' : 'leave.reject', 'LeaveRequest', leave.id, { note });
  const params = { title: leave.session.title, note: note ?? '', decider: actor.person.name };
  const toTrainee = app.t(approve ? (note ? 'decision.approvedLeaveWithNote' : 'leave.approvedNotice') : 'leave.rejectedNotice', params);
  await sendToPerson(app, leave.personId, actor.platform, toTrainee);
  return { name: leave.person.name, title: leave.session.title, status };
}
