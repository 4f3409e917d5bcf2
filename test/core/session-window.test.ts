import { describe, expect, it } from 'vitest';
import { buildSessionWindow, evaluateCheckIn } from '../../src/core/checkin/session-window.ts';
import { nextDailyAt } from '../../src/jobs/clock-scheduler.ts';

const at = (hm: string) => new Date(`2026-11-23T${hm}:00+08:00`);
const session = { ...buildSessionWindow({ startsAt: at('08:30'), endsAt: at('11:30'), earlyMinutes: 30, lateMinutes: 10 }), code: null };

describe('nextDailyAt', () => {
  it('when the time of day is still ahead in China it is today, else tomorrow, whatever the UTC date', () => {
    expect(nextDailyAt({ hour: 7, minute: 0 }, at('06:59')).toISOString()).toBe('2026-11-22T23:00:00.000Z');
    expect(nextDailyAt({ hour: 7, minute: 0 }, at('07:00')).toISOString()).toBe('2026-11-23T23:00:00.000Z');
    expect(nextDailyAt({ hour: 7, minute: 0 }, new Date('2026-11-22T23:30:00Z')).toISOString()).toBe('2026-11-23T23:00:00.000Z');
  });
});

describe('evaluateCheckIn', () => {
  it('when a trainee checks in before the window opens it says not open yet', () => {
    expect(evaluateCheckIn(session, at('07:59'), undefined)).toEqual({ kind: 'notOpenYet' });
  });
  it('when a trainee checks in between opening and the late threshold it records present', () => {
    expect(evaluateCheckIn(session, at('08:00'), undefined)).toEqual({ kind: 'present' });
    expect(evaluateCheckIn(session, at('08:40'), undefined)).toEqual({ kind: 'present' });
  });
  it('when a trainee checks in after the late threshold it records late with the minutes after the start', () => {
    expect(evaluateCheckIn(session, at('08:41'), undefined)).toEqual({ kind: 'late', minutesLate: 11 });
  });
  it('when the window has closed it refuses', () => {
    expect(evaluateCheckIn(session, at('11:30'), undefined)).toEqual({ kind: 'closed' });
  });
  it('when the session has a code it requires it and compares it case-insensitively', () => {
    const coded = { ...session, code: 'AB12' };
    expect(evaluateCheckIn(coded, at('08:10'), undefined)).toEqual({ kind: 'codeRequired' });
    expect(evaluateCheckIn(coded, at('08:10'), 'ab13')).toEqual({ kind: 'wrongCode' });
    expect(evaluateCheckIn(coded, at('08:10'), 'ab12')).toEqual({ kind: 'present' });
  });
  it('when a session would end before it starts building its window throws', () => {
    expect(() => buildSessionWindow({ startsAt: at('10:00'), endsAt: at('09:00') })).toThrow(RangeError);
  });
});
