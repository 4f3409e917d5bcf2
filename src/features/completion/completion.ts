import { evaluateTrainee, type ClassProgress, type Evaluation, type Reason, type TraineeEvidence } from '../../core/completion/evaluate.ts';
import { resolveRules, type CompletionRules } from '../../core/completion/rules.ts';
import { groupBy } from '../../core/group-by.ts';
import type { App } from '../../app/app.ts';
import { sendToPerson, tutorsOf } from '../../app/notify.ts';
import { figuresFor } from '../reports/statistics.ts';

export interface ClassCompletion {
  classId: number;
  className: string;
  rules: CompletionRules;
  progress: ClassProgress;
  closed: number;
  evaluations: Evaluation[];
}

/** The rules in force for a class: its own, else its project's, else the defaults. */
export async function rulesOf(app: App, classId: number): Promise<{ name: string; rules: CompletionRules }> {
  const cls = await app.db.trainingClass.findUniqueOrThrow({ where: { id: classId }, select: { name: true, completionRules: true, project: { select: { completionRules: true } } } });
  return { name: cls.name, rules: resolveRules(cls.project.completionRules, cls.completionRules) };
}

/** Every enrolled trainee of a class against its completion rules; `final` at the class's end. */
export async function evaluateClass(app: App, classId: number, options: { final?: boolean } = {}): Promise<ClassCompletion> {
  const { name, rules } = await rulesOf(app, classId);
  const now = app.clock.now();
  const final = options.final ?? false;
  const figures = await figuresFor(app, classId, { withHours: false });
  const sessions = await app.db.trainingSession.groupBy({ by: ['status'], where: { classId, status: { not: 'CANCELLED' } }, _count: true });
  const count = (status: string) => sessions.find((s) => s.status === status)?._count ?? 0;
  const progress: ClassProgress = { planned: count('CLOSED') + count('SCHEDULED'), remaining: count('SCHEDULED'), final };
  // At the end every assignment counts, due or not; during the class only those already due.
  const assignments = await app.db.assignment.findMany({ where: { classId, ...(final ? {} : { dueAt: { lte: now } }) }, select: { id: true, title: true }, orderBy: { dueAt: 'asc' } });
  const handedIn = await app.db.submission.findMany({ where: { assignmentId: { in: assignments.map((a) => a.id) }, status: { not: 'RETURNED' } }, select: { personId: true, assignmentId: true } });
  const handedInBy = groupBy(handedIn, (s) => s.personId);
  const logs = new Map((await app.db.learningLog.groupBy({ by: ['personId'], where: { classId }, _count: true })).map((l) => [l.personId, l._count]));
  const survey = await app.db.survey.findFirst({ where: { classId }, orderBy: { id: 'desc' }, select: { responses: { select: { personId: true } } } });
  const answered = new Set(survey?.responses.map((r) => r.personId));
  const evaluations = figures.map((f) => {
    const mine = new Set((handedInBy.get(f.personId) ?? []).map((s) => s.assignmentId));
    const evidence: TraineeEvidence = {
      personId: f.personId,
      name: f.name,
      attended: f.attended,
      leave: f.leave,
      absent: f.absent,
      due: assignments.length,
      submitted: mine.size,
      missingAssignments: assignments.filter((a) => !mine.has(a.id)).map((a) => a.title),
      logs: logs.get(f.personId) ?? 0,
      surveyAnswered: survey ? answered.has(f.personId) : null,
    };
    return evaluateTrainee(rules, progress, evidence);
  });
  return { classId, className: name, rules, progress, closed: count('CLOSED'), evaluations };
}

export function reasonText(app: App, reason: Reason): string {
  switch (reason.kind) {
    case 'absencesExceeded':
      return app.t('completion.reason.absencesExceeded', { missed: reason.missed, allowed: reason.allowed });
    case 'oneMoreAbsence':
      return app.t('completion.reason.oneMoreAbsence', { missed: reason.missed });
    case 'assignmentsMissing':
      return app.t('completion.reason.assignmentsMissing', { titles: reason.titles.map((t) => `「${t}」`).join('、'), submitted: reason.submitted, required: reason.required });
    case 'logsShort':
      return app.t('completion.reason.logsShort', { logs: reason.logs, required: reason.required });
    case 'surveyUnanswered':
      return app.t('completion.reason.surveyUnanswered');
  }
}

const reasonsText = (app: App, e: Evaluation) => e.reasons.map((r) => reasonText(app, r)).join('；');

export function rulesText(app: App, c: Pick<ClassCompletion, 'rules' | 'progress'>): string {
  const { rules, progress } = c;
  const allowed = evaluateTrainee(rules, progress, { personId: 0, name: '', attended: 0, leave: 0, absent: 0, due: 0, submitted: 0, missingAssignments: [], logs: 0, surveyAnswered: null }).allowed;
  const parts = [
    app.t('completion.rule.attendance', { share: `${Math.round(rules.minAttendance * 100)}%`, planned: progress.planned, allowed }),
    app.t(rules.leave === 'missed' ? 'completion.rule.leaveMissed' : 'completion.rule.leaveExcused'),
    rules.assignments === 'all' ? app.t('completion.rule.assignmentsAll') : app.t('completion.rule.assignmentsAtLeast', { count: rules.assignments }),
  ];
  if (rules.minLogs > 0) parts.push(app.t('completion.rule.logs', { count: rules.minLogs }));
  if (rules.survey) parts.push(app.t('completion.rule.survey'));
  return parts.join('；');
}

/** 「结业情况」: who meets the rules so far, who is at risk and why, who can no longer complete. */
export async function completionReport(app: App, classId: number): Promise<string> {
  const c = await evaluateClass(app, classId);
  const by = (standing: Evaluation['standing']) => c.evaluations.filter((e) => e.standing === standing);
  const lines = [app.t('completion.title', { className: c.className, closed: c.closed, planned: c.progress.planned }), app.t('completion.rules', { rules: rulesText(app, c) })];
  const meets = by('meets');
  lines.push(app.t('completion.meets', { count: meets.length, names: meets.map((e) => e.name).join('、') || app.t('common.none') }));
  for (const [standing, key] of [['atRisk', 'completion.atRisk'], ['fails', 'completion.fails']] as const) {
    const list = by(standing);
    if (list.length === 0) continue;
    lines.push(app.t(key, { count: list.length }));
    for (const e of list) lines.push(`· ${e.name}：${reasonsText(app, e)}`);
  }
  return lines.join('\n');
}

/** 「我能结业吗」: the trainee's own standing in each class they are enrolled in. */
export async function myCompletion(app: App, personId: number): Promise<string> {
  const enrolments = await app.db.enrolment.findMany({ where: { personId, status: { in: ['SELECTED', 'CONFIRMED', 'COMPLETED'] } }, select: { classId: true }, orderBy: { classId: 'asc' } });
  if (enrolments.length === 0) return app.t('completion.notEnrolled');
  const lines = [];
  for (const { classId } of enrolments) {
    const c = await evaluateClass(app, classId);
    const e = c.evaluations.find((x) => x.personId === personId);
    if (!e) continue;
    const key = e.standing === 'meets' ? 'completion.mine.meets' : e.standing === 'atRisk' ? 'completion.mine.atRisk' : 'completion.mine.fails';
    lines.push(app.t(key, { className: c.className, missed: e.missed, allowed: e.allowed, closed: c.closed, planned: c.progress.planned, reasons: reasonsText(app, e) }));
    lines.push(app.t('completion.rules', { rules: rulesText(app, c) }));
  }
  return lines.join('\n');
}

/**
 * After a session closes: a trainee who missed it and now may miss no more is told privately, and so
 * are the tutors — once, at that moment (the delivery key makes a second close of the same session a no-op).
 */
export async function warnOneMoreAbsence(app: App, sessionId: number): Promise<number> {
  const session = await app.db.trainingSession.findUniqueOrThrow({ where: { id: sessionId }, select: { classId: true } });
  const missedHere = new Map((await app.db.checkIn.findMany({ where: { sessionId, status: { in: ['ABSENT', 'LEAVE'] } }, select: { personId: true, status: true } })).map((c) => [c.personId, c.status]));
  if (missedHere.size === 0) return 0;
  const c = await evaluateClass(app, session.classId);
  const counted = (status: string | undefined) => status === 'ABSENT' || (status === 'LEAVE' && c.rules.leave === 'missed');
  const warned = c.evaluations.filter((e) => counted(missedHere.get(e.personId)) && e.reasons.some((r) => r.kind === 'oneMoreAbsence'));
  if (warned.length === 0) return 0;
  const tutors = await tutorsOf(app, session.classId);
  for (const e of warned) {
    const delivery = { key: `completion:warn:${sessionId}:${e.personId}`, source: `session:${sessionId}` };
    await sendToPerson(app, e.personId, undefined, app.t('completion.warnTrainee', { className: c.className, missed: e.missed }), { delivery });
    for (const tutorId of tutors) {
      await sendToPerson(app, tutorId, undefined, app.t('completion.warnTutor', { className: c.className, name: e.name, missed: e.missed }), { delivery: { ...delivery, key: `${delivery.key}:tutor:${tutorId}` } });
    }
  }
  return warned.length;
}
