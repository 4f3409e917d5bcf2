import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../../src/core/hours/policies.ts';
import { progressBar, summarizeHours } from '../../src/core/hours/summarize-hours.ts';

const now = new Date('2026-11-23T04:00:00Z');
const on = (iso: string) => new Date(iso);

describe('summarizeHours', () => {
  it('when records span levels and statuses it totals the current cycle and what is missing', () => {
    const s = summarizeHours(
      [
        { hours: 60, level: 'NATIONAL', status: 'ACCREDITED', earnedOn: on('2026-07-01') },
        { hours: 3, level: 'COUNTY', status: 'PENDING', earnedOn: on('2026-11-23') },
        { hours: 36, level: 'SCHOOL', status: 'ACCREDITED', earnedOn: on('2026-06-30') },
        { hours: 10, level: 'CITY', status: 'REJECTED', earnedOn: on('2026-05-01') },
        { hours: 100, level: 'PROVINCIAL', status: 'ACCREDITED', earnedOn: on('2025-12-31T15:00:00Z') },
      ],
      DEFAULT_POLICY,
      now,
    );
    expect(s.cycle).toEqual({ firstYear: 2026, lastYear: 2030 });
    expect(s).toMatchObject({ total: 99, accredited: 96, pending: 3, countyOrAbove: 63, missingTotal: 261, missingCountyOrAbove: 117 });
    expect(s.byLevel.SCHOOL).toBe(36);
  });
  it('when a record was earned just after midnight China time on January 1st it counts in the new year', () => {
    const s = summarizeHours([{ hours: 5, level: 'COUNTY', status: 'ACCREDITED', earnedOn: on('2025-12-31T16:30:00Z') }], DEFAULT_POLICY, now);
    expect(s.total).toBe(5);
  });
  it('when the requirement is met nothing is missing and the bar is full', () => {
    const s = summarizeHours([{ hours: 400, level: 'NATIONAL', status: 'ACCREDITED', earnedOn: on('2027-01-01') }], DEFAULT_POLICY, on('2027-06-01'));
    expect(s.missingTotal).toBe(0);
    expect(progressBar(s.total, 360)).toBe('▓▓▓▓▓▓▓▓▓▓ 100%');
    expect(progressBar(90, 360)).toBe('▓▓▓░░░░░░░ 25%');
  });
});
