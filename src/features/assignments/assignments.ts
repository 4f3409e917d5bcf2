import { askIfNearName } from '../../core/text/near-names.ts';
import { UserError } from '../../core/errors.ts';
import { jobId } from '../../core/job-id.ts';
import type { ScheduledJob } from '../../core/ports.ts';
import type { Attachment, ChatRef, InboundMessage, Platform, UserRef } from '../../core/message.ts';
import { formatChinaDateTime } from '../../core/time/parse-time-phrase.ts';
import { parseQuietHours } from '../../core/time/quiet-hours.ts';
import type { Actor } from '../../app/actor.ts';
import { audit, type App, type AuditActor } from '../../app/app.ts';
import { sendToPerson } from '../../app/notify.ts';
import { scheduleAllOrUndo } from '../../app/scheduling.ts';

export const ASSIGNMENT_REMIND_JOB = 'assignment.remind';
export type AssignmentKind = 'ANY' | 'TEXT' | 'IMAGE' | 'FILE' | 'LINK';

/** Enrolment states whose trainees are expected to hand in work. */
const EXPECTED = ['SELECTED', 'CONFIRMED', 'COMPLETED'] as const;
/** A file or image sent this shortly before 「交作业」 goes with it (WeChat sends files as messages of their own). */
const RECENT_ATTACHMENT_MS = 15 * 60_000;
const URL = /https?:\/\/\S+/i;

const who = (actor: Actor) => ({ personId: actor.person!.id, label: `${actor.platform}:${actor.user.id}` });

export interface NewAssignment {
  title: string;
  description: string;
  dueAt: Date;
  hours: number;
  kind: AssignmentKind;
  /** True: nothing is accepted after the due time; false: late work is accepted and marked late. */
  closeAtDue: boolean;
}

/** Who sets an assignment: their person, and how the audit log names them (a chat account or the console). */
export interface Author {
  personId: number;
  audit: AuditActor;
}

export const authorOf = (actor: Actor): Author => ({ personId: actor.person!.id, audit: who(actor) });

/** Creates an assignment for a class, tells its groups, and schedules the reminders for those who have not submitted. */
export async function createAssignment(app: App, author: Author, classId: number, input: NewAssignment) {
  const now = app.clock.now();
  if (input.dueAt.getTime() <= now.getTime()) throw new UserError('assignment.dueInPast', { time: formatChinaDateTime(input.dueAt) });
  const duplicate = await app.db.assignment.findFirst({ where: { classId, title: input.title, dueAt: { gt: now } } });
  if (duplicate) throw new UserError('assignment.duplicate', { title: input.title });
  const assignment = await app.db.assignment.create({
    data: {
      classId,
      title: input.title,
      description: input.description,
      kind: input.kind,
      opensAt: now,
      dueAt: input.dueAt,
      cutoffAt: input.closeAtDue ? input.dueAt : null,
      hours: input.hours,
      createdById: author.personId,
      createdAt: now,
    },
  });
  await scheduleAllOrUndo(app, assignmentReminderJobs(app, assignment), () => app.db.assignment.delete({ where: { id: assignment.id } }));
  await audit(app.db, author.audit, 'assignment.create', 'Assignment', assignment.id, { classId, title: input.title, dueAt: input.dueAt });
  const text = app.t('assignment.announcement', {
    title: assignment.title,
    due: formatChinaDateTime(assignment.dueAt),
    how: app.t(`assignment.kind.${assignment.kind}`),
    hours: Number(assignment.hours),
    late: app.t(input.closeAtDue ? 'assignment.noLate' : 'assignment.lateAccepted'),
    description: assignment.description ? `\n${assignment.description}` : '',
  });
  const groups = await app.db.groupChat.findMany({ where: { classId } });
  for (const g of groups) await app.outbox.send({ chat: groupChat(g), text, delivery: { key: `assignment:${assignment.id}:announce:${g.platform}:${g.chatId}`, source: `assignment:${assignment.id}` } });
  return { assignment, groups: groups.length };
}

function groupChat(g: { platform: string; chatId: string; title: string }): ChatRef {
  return { platform: g.platform as Platform, id: g.chatId, kind: 'group', title: g.title };
}

/**
 * The reminder jobs: some hours before the due time (those still ahead) and once after it. They are
 * not urgent: one falling in the quiet hours waits for the morning (and is dropped if that is past due).
 */
export function assignmentReminderJobs(app: App, a: { id: number; dueAt: Date; cutoffAt: Date | null }): ScheduledJob[] {
  const jobs: ScheduledJob[] = [];
  const now = app.clock.now().getTime();
  const quietFor = app.config.noticeQuietHours ? parseQuietHours(app.config.noticeQuietHours) : null;
  const outsideQuiet = (t: number) => t + (quietFor?.(t) ?? 0);
  for (const hours of app.config.assignmentRemindHours) {
    const at = outsideQuiet(a.dueAt.getTime() - hours * 3600_000);
    if (at > now && at < a.dueAt.getTime()) jobs.push({ id: jobId('assignment', a.id, 'before', hours), name: ASSIGNMENT_REMIND_JOB, at: new Date(at), data: { assignmentId: a.id, hoursLeft: hours } });
  }
  const overdue = app.config.assignmentOverdueHours;
  if (overdue > 0 && !a.cutoffAt) {
    const at = outsideQuiet(a.dueAt.getTime() + overdue * 3600_000);
    jobs.push({ id: jobId('assignment', a.id, 'after'), name: ASSIGNMENT_REMIND_JOB, at: new Date(at), data: { assignmentId: a.id, hoursLeft: 0 } });
  }
  return jobs;
}

/** Schedules the reminder jobs of an assignment (see assignmentReminderJobs). */
export async function scheduleAssignmentReminders(app: App, a: { id: number; dueAt: Date; cutoffAt: Date | null }): Promise<void> {
  for (const job of assignmentReminderJobs(app, a)) await app.scheduler.schedule(job);
}

/** Rebuilds the reminder jobs of assignments still running (for the in-process scheduler after a restart). */
export async function rescheduleAssignments(app: App): Promise<void> {
  const running = await app.db.assignment.findMany({ where: { dueAt: { gt: new Date(app.clock.now().getTime() - app.config.assignmentOverdueHours * 3600_000) } } });
  for (const a of running) await scheduleAssignmentReminders(app, a);
}

/** Trainees of the class who are expected to submit and have not (a returned submission counts as not submitted). */
async function missingFor(app: App, assignment: { id: number; classId: number }) {
  return app.db.person.findMany({
    where: {
      enrolments: { some: { classId: assignment.classId, status: { in: [...EXPECTED] } } },
      NOT: { id: { in: (await app.db.submission.findMany({ where: { assignmentId: assignment.id, status: { not: 'RETURNED' } }, select: { personId: true } })).map((s) => s.personId) } },
    },
    select: { id: true, name: true, identities: { select: { platform: true, platformUserId: true, displayName: true } } },
    orderBy: { name: 'asc' },
  });
}

/**
 * Reminds only the trainees who have not submitted: @mentioned in the class groups, or privately when
 * the class has no group. `hoursLeft` 0 means the due time has passed.
 */
export async function remindMissingSubmissions(app: App, assignmentId: number, hoursLeft: number): Promise<number> {
  const assignment = await app.db.assignment.findUnique({ where: { id: assignmentId } });
  if (!assignment) return 0;
  const missing = await missingFor(app, assignment);
  if (missing.length === 0) return 0;
  const params = { title: assignment.title, due: formatChinaDateTime(assignment.dueAt), hours: hoursLeft, count: missing.length };
  const text = app.t(hoursLeft > 0 ? 'assignment.reminder' : 'assignment.overdueReminder', params);
  const source = `assignment:${assignment.id}:remind:${hoursLeft}`;
  const groups = await app.db.groupChat.findMany({ where: { classId: assignment.classId } });
  for (const g of groups) {
    const mentions: UserRef[] = missing.flatMap((p) => p.identities.filter((i) => i.platform === g.platform).map((i) => ({ id: i.platformUserId, name: i.displayName })));
    const unmentioned = missing.filter((p) => !p.identities.some((i) => i.platform === g.platform)).map((p) => p.name);
    const body = unmentioned.length ? `${text}\n${app.t('assignment.alsoMissing', { names: unmentioned.join('、') })}` : text;
    await app.outbox.send({ chat: groupChat(g), text: body, mentions, delivery: { key: `${source}:${g.platform}:${g.chatId}`, source } });
  }
  if (groups.length === 0) for (const p of missing) await sendToPerson(app, p.id, undefined, text, { delivery: { key: `${source}:person:${p.id}`, source } });
  return missing.length;
}

/** The assignments a trainee can hand in now: open, not past the cut-off (unless returned to them), not already accepted. */
async function submittable(app: App, personId: number) {
  const now = app.clock.now();
  const classIds = (await app.db.enrolment.findMany({ where: { personId, status: { in: [...EXPECTED] } }, select: { classId: true } })).map((e) => e.classId);
  const assignments = await app.db.assignment.findMany({
    where: { classId: { in: classIds }, opensAt: { lte: now } },
    include: { submissions: { where: { personId } } },
    orderBy: { dueAt: 'asc' },
  });
  return assignments.filter((a) => {
    const mine = a.submissions[0];
    if (mine?.status === 'ACCEPTED') return false;
    return mine?.status === 'RETURNED' || !a.cutoffAt || a.cutoffAt.getTime() >= now.getTime();
  });
}

/** Files and images the sender sent in this chat shortly before (e.g. on WeChat), newest last. */
export async function recentAttachments(app: App, message: InboundMessage): Promise<Attachment[]> {
  const since = new Date(message.sentAt.getTime() - RECENT_ATTACHMENT_MS);
  const rows = await app.db.inboundMessage.findMany({
    where: { platform: message.chat.platform, chatId: message.chat.id, senderId: message.sender.id, sentAt: { gte: since }, NOT: { messageId: message.messageId } },
    orderBy: { sentAt: 'asc' },
    select: { payload: true },
  });
  return rows.flatMap((r) => ((r.payload as { attachments?: Attachment[] }).attachments ?? []).filter((a) => a.kind !== 'other'));
}

function checkKind(kind: AssignmentKind, text: string, attachments: Attachment[]): void {
  const has = (...kinds: Attachment['kind'][]) => attachments.some((a) => kinds.includes(a.kind));
  const ok = {
    ANY: text.length > 0 || attachments.length > 0,
    TEXT: text.length > 0,
    IMAGE: has('image'),
    FILE: has('file', 'image'),
    LINK: URL.test(text) || has('link'),
  }[kind];
  if (!ok) throw new UserError(`assignment.needs.${kind}`);
}

/**
 * Records a trainee's work: the assignment named at the start of `text`, or their only open one.
 * A resubmission before the cut-off replaces the earlier one. Returns the receipt text.
 */
export async function submitAssignment(app: App, actor: Actor, message: InboundMessage, text: string): Promise<string> {
  const person = actor.person!;
  const open = await submittable(app, person.id);
  if (open.length === 0) throw new UserError('assignment.noneOpen');
  const named = open.filter((a) => text.startsWith(a.title)).sort((a, b) => b.title.length - a.title.length)[0];
  const assignment = named ?? (open.length === 1 ? open[0]! : null);
  if (!assignment) throw new UserError('assignment.whichOne', { list: open.map((a) => `「${a.title}」`).join('、') });
  const content = (named ? text.slice(named.title.length) : text).trim();
  const attachments = message.attachments.length ? message.attachments : await recentAttachments(app, message);
  checkKind(assignment.kind as AssignmentKind, content, attachments);
  const now = app.clock.now();
  const at = message.sentAt.getTime() < now.getTime() ? message.sentAt : now;
  const late = at.getTime() > assignment.dueAt.getTime();
  const previous = assignment.submissions[0];
  const data = { text: content, attachments: attachments as object[], submittedAt: at, late, status: 'SUBMITTED' as const, comment: null, reviewedById: null, reviewedAt: null };
  const saved = previous
    ? await app.db.submission.update({ where: { id: previous.id }, data: { ...data, version: { increment: 1 } } })
    : await app.db.submission.create({ data: { ...data, assignmentId: assignment.id, personId: person.id } });
  await audit(app.db, who(actor), previous ? 'submission.resubmit' : 'submission.create', 'Submission', saved.id, { assignmentId: assignment.id, late, attachments: attachments.length });
  return app.t(saved.version > 1 ? 'assignment.receiptAgain' : 'assignment.receipt', {
    title: assignment.title,
    name: person.name,
    time: formatChinaDateTime(at),
    version: saved.version,
    late: late ? app.t('assignment.lateMark') : '',
    attachments: attachments.length ? app.t('assignment.withAttachments', { count: attachments.length }) : '',
  });
}

/** 「作业」: the trainee's assignments of the last two weeks and ahead, each with where it stands. */
export async function myAssignments(app: App, personId: number): Promise<string> {
  const now = app.clock.now();
  const classIds = (await app.db.enrolment.findMany({ where: { personId }, select: { classId: true } })).map((e) => e.classId);
  const assignments = await app.db.assignment.findMany({
    where: { classId: { in: classIds }, opensAt: { lte: now }, dueAt: { gte: new Date(now.getTime() - 14 * 86400_000) } },
    include: { submissions: { where: { personId } } },
    orderBy: { dueAt: 'asc' },
  });
  if (assignments.length === 0) return app.t('assignment.mineNone');
  const lines = assignments.map((a) => {
    const s = a.submissions[0];
    const state = !s
      ? app.t(a.cutoffAt && a.cutoffAt < now ? 'assignment.state.closed' : a.dueAt < now ? 'assignment.state.overdue' : 'assignment.state.missing')
      : s.status === 'ACCEPTED'
        ? app.t('assignment.state.accepted')
        : s.status === 'RETURNED'
          ? app.t('assignment.state.returned', { comment: s.comment ?? '' })
          : app.t(s.late ? 'assignment.state.submittedLate' : 'assignment.state.submitted', { time: formatChinaDateTime(s.submittedAt) });
    return app.t('assignment.mineLine', { title: a.title, due: formatChinaDateTime(a.dueAt), state });
  });
  return [app.t('assignment.mineTitle'), ...lines].join('\n');
}

/** The assignment of these classes a tutor means: the one whose title starts the text, else the latest. */
async function pickAssignment(app: App, classIds: number[], titleHint: string) {
  const candidates = await app.db.assignment.findMany({ where: { classId: { in: classIds } }, orderBy: { dueAt: 'desc' } });
  if (candidates.length === 0) throw new UserError('assignment.noneInClass');
  // 「教学设计写得很扎实」 is a comment that starts with the title's words: a title stands apart from what follows.
  const named = candidates.filter((a) => titleHint.startsWith(a.title) && !/^[\u3400-\u9FFF]/.test(titleHint.slice(a.title.length))).sort((a, b) => b.title.length - a.title.length)[0];
  return { assignment: named ?? candidates[0]!, rest: named ? titleHint.slice(named.title.length).trim() : titleHint };
}

/** The submission board for a tutor: on time, late, missing, by name, and how many are reviewed. */
export async function submissionBoard(app: App, classId: number, titleHint: string): Promise<string> {
  const { assignment } = await pickAssignment(app, [classId], titleHint);
  const submissions = await app.db.submission.findMany({ where: { assignmentId: assignment.id }, orderBy: { submittedAt: 'asc' } });
  const names = new Map((await app.db.person.findMany({ where: { id: { in: submissions.map((s) => s.personId) } }, select: { id: true, name: true } })).map((p) => [p.id, p.name]));
  const handedIn = submissions.filter((s) => s.status !== 'RETURNED');
  const list = (rows: typeof submissions) => rows.map((s) => names.get(s.personId)).join('、') || app.t('assignment.nobody');
  const missing = await missingFor(app, assignment);
  return [
    app.t('assignment.boardTitle', { title: assignment.title, due: formatChinaDateTime(assignment.dueAt) }),
    app.t('assignment.boardOnTime', { count: handedIn.filter((s) => !s.late).length, names: list(handedIn.filter((s) => !s.late)) }),
    app.t('assignment.boardLate', { count: handedIn.filter((s) => s.late).length, names: list(handedIn.filter((s) => s.late)) }),
    app.t('assignment.boardMissing', { count: missing.length, names: missing.map((p) => p.name).join('、') || app.t('assignment.nobody') }),
    app.t('assignment.boardReview', {
      waiting: submissions.filter((s) => s.status === 'SUBMITTED').length,
      accepted: submissions.filter((s) => s.status === 'ACCEPTED').length,
      returned: submissions.filter((s) => s.status === 'RETURNED').length,
    }),
  ].join('\n');
}

/**
 * A tutor accepts a trainee's submission (crediting the assignment's hours, pending accreditation)
 * or returns it with a comment; the trainee is told privately either way.
 */
export async function reviewSubmission(app: App, actor: Actor, classIds: number[], name: string, remark: string, accept: boolean): Promise<{ name: string; title: string }> {
  const { assignment, rest } = await pickAssignment(app, classIds, remark);
  const submission = await app.db.submission.findFirst({ where: { assignmentId: assignment.id, personId: { in: (await app.db.person.findMany({ where: { name }, select: { id: true } })).map((p) => p.id) } } });
  if (!submission) {
    // 吴磊 for 吴蕾: a name one sound or character off someone who handed this in is asked back.
    const handedIn = await app.db.submission.findMany({ where: { assignmentId: assignment.id }, select: { personId: true } });
    const names = (await app.db.person.findMany({ where: { id: { in: handedIn.map((h) => h.personId) } }, select: { name: true } })).map((p) => p.name);
    askIfNearName(name, names, (meant) => app.t('understanding.readingAction', { action: accept ? '通过作业' : '退回作业', name: meant }));
    throw new UserError('assignment.noSubmission', { name, title: assignment.title });
  }
  const comment = rest || null;
  if (!accept && !comment) throw new UserError('assignment.commentRequired');
  const now = app.clock.now();
  await app.db.submission.update({ where: { id: submission.id }, data: { status: accept ? 'ACCEPTED' : 'RETURNED', comment, reviewedById: actor.person!.id, reviewedAt: now } });
  if (accept && Number(assignment.hours) > 0) {
    const cls = await app.db.trainingClass.findUniqueOrThrow({ where: { id: assignment.classId }, include: { project: true } });
    await app.db.hourRecord.createMany({
      data: [{ personId: submission.personId, hours: assignment.hours, level: cls.project.level, category: '作业', source: 'ASSIGNMENT', sourceRef: `assignment:${assignment.id}`, projectId: cls.projectId, earnedOn: submission.submittedAt }],
      skipDuplicates: true,
    });
  }
  await audit(app.db, who(actor), accept ? 'submission.accept' : 'submission.return', 'Submission', submission.id, { comment });
  const notice = accept
    ? app.t('assignment.acceptedNotice', { title: assignment.title, comment: comment ? app.t('assignment.commentSuffix', { comment }) : '', hours: Number(assignment.hours) })
    : app.t('assignment.returnedNotice', { title: assignment.title, comment: comment! });
  await sendToPerson(app, submission.personId, actor.platform, notice);
  return { name, title: assignment.title };
}
