import { allowedMisses, type CompletionRules } from './rules.ts';

// A trainee's standing against the completion rules, live during the class or final at its end.
// Pure: the figures come from the database elsewhere.

export interface TraineeEvidence {
  personId: number;
  name: string;
  /** Closed sessions attended (present or late), on approved leave, absent. */
  attended: number;
  leave: number;
  absent: number;
  /** Assignments due so far and those handed in (not returned), with the titles still missing. */
  due: number;
  submitted: number;
  missingAssignments: string[];
  logs: number;
  /** null while the class has no survey yet. */
  surveyAnswered: boolean | null;
}

export type Reason =
  | { kind: 'absencesExceeded'; missed: number; allowed: number }
  | { kind: 'oneMoreAbsence'; missed: number }
  | { kind: 'assignmentsMissing'; titles: string[]; required: number; submitted: number }
  | { kind: 'logsShort'; logs: number; required: number }
  | { kind: 'surveyUnanswered' };

export type Standing = 'meets' | 'atRisk' | 'fails';

export interface Evaluation {
  personId: number;
  name: string;
  standing: Standing;
  missed: number;
  allowed: number;
  reasons: Reason[];
}

export interface ClassProgress {
  /** Sessions of the class not cancelled (closed and still to come). */
  planned: number;
  /** Sessions still to come. */
  remaining: number;
  /** Every assignment is due (at the end) — a missing one can no longer be handed in. */
  final: boolean;
}

export function evaluateTrainee(rules: CompletionRules, progress: ClassProgress, e: TraineeEvidence): Evaluation {
  const missed = e.absent + (rules.leave === 'missed' ? e.leave : 0);
  const allowed = allowedMisses(progress.planned, rules.minAttendance);
  const failing: Reason[] = [];
  const risks: Reason[] = [];
  if (missed > allowed) failing.push({ kind: 'absencesExceeded', missed, allowed });
  else if (missed === allowed && progress.remaining > 0 && !progress.final) risks.push({ kind: 'oneMoreAbsence', missed });
  const needed = rules.assignments === 'all' ? e.due : Math.min(rules.assignments, e.due);
  if (e.submitted < needed) (progress.final ? failing : risks).push({ kind: 'assignmentsMissing', titles: e.missingAssignments, required: needed, submitted: e.submitted });
  if (e.logs < rules.minLogs) (progress.final ? failing : risks).push({ kind: 'logsShort', logs: e.logs, required: rules.minLogs });
  if (rules.survey && (progress.final ? e.surveyAnswered !== true : e.surveyAnswered === false)) (progress.final ? failing : risks).push({ kind: 'surveyUnanswered' });
  const standing: Standing = failing.length ? 'fails' : risks.length ? 'atRisk' : 'meets';
  return { personId: e.personId, name: e.name, standing, missed, allowed, reasons: [...failing, ...risks] };
}
