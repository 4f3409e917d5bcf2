import { describe, expect, it } from 'vitest';
import { evaluateTrainee, type TraineeEvidence } from '../../../src/core/completion/evaluate.ts';
import { allowedMisses, resolveRules } from '../../../src/core/completion/rules.ts';

const trainee = (over: Partial<TraineeEvidence> = {}): TraineeEvidence => ({
  personId: 1, name: '张三', attended: 5, leave: 0, absent: 0, due: 0, submitted: 0, missingAssignments: [], logs: 0, surveyAnswered: null, ...over,
});
const live = { planned: 10, remaining: 3, final: false };
const end = { planned: 10, remaining: 0, final: true };

describe('completion rules', () => {
  it('when neither class nor project sets a rule the defaults apply; a class overrides its project; a malformed layer is ignored', () => {
    expect(resolveRules(null, undefined)).toEqual({ minAttendance: 0.8, leave: 'missed', assignments: 'all', minLogs: 0, survey: true });
    expect(resolveRules({ minAttendance: 0.9, minLogs: 2 }, { minLogs: 3 })).toMatchObject({ minAttendance: 0.9, minLogs: 3 });
    expect(resolveRules({ minAttendance: 'lots' })).toMatchObject({ minAttendance: 0.8 });
  });

  it('when missing more than a fifth fails, ten sessions allow two and seven allow one', () => {
    expect(allowedMisses(10, 0.8)).toBe(2);
    expect(allowedMisses(7, 0.8)).toBe(1);
    expect(allowedMisses(0, 0.8)).toBe(0);
  });

  it('when leave is excused by the rule it does not bring a trainee closer to failing', () => {
    const evidence = trainee({ absent: 1, leave: 1 });
    expect(evaluateTrainee(resolveRules(), live, evidence).reasons).toEqual([{ kind: 'oneMoreAbsence', missed: 2 }]);
    expect(evaluateTrainee(resolveRules({ leave: 'excused' }), live, evidence)).toMatchObject({ standing: 'meets', missed: 1 });
  });

  it('when an assignment or the survey is missing during the class the trainee is at risk; at the end they fail', () => {
    const evidence = trainee({ due: 2, submitted: 1, missingAssignments: ['教学设计'], surveyAnswered: false });
    expect(evaluateTrainee(resolveRules(), live, evidence).standing).toBe('atRisk');
    const final = evaluateTrainee(resolveRules(), end, evidence);
    expect(final.standing).toBe('fails');
    expect(final.reasons.map((r) => r.kind)).toEqual(['assignmentsMissing', 'surveyUnanswered']);
  });

  it('when the class has ended a trainee at the limit of absences completes (no more sessions to miss)', () => {
    expect(evaluateTrainee(resolveRules({ survey: false }), end, trainee({ absent: 2 })).standing).toBe('meets');
  });
});
