// A trainee's hours against their policy (e.g. 360 hours in five years, 180 of them at county level or above).

export type TrainingLevel = 'NATIONAL' | 'PROVINCIAL' | 'CITY' | 'COUNTY' | 'SCHOOL';
export type Accreditation = 'PENDING' | 'ACCREDITED' | 'REJECTED';

export const LEVELS: readonly TrainingLevel[] = ['NATIONAL', 'PROVINCIAL', 'CITY', 'COUNTY', 'SCHOOL'];
const COUNTY_OR_ABOVE = new Set<TrainingLevel>(['NATIONAL', 'PROVINCIAL', 'CITY', 'COUNTY']);

export interface HourEntry {
  hours: number;
  level: TrainingLevel;
  status: Accreditation;
  earnedOn: Date;
}

export interface PolicyTerms {
  name: string;
  cycleStartYear: number;
  cycleYears: number;
  totalHours: number;
  minCountyLevelHours: number;
}

export interface HoursSummary {
  cycle: { firstYear: number; lastYear: number };
  /** Accredited plus pending; rejected records never count. */
  total: number;
  accredited: number;
  pending: number;
  countyOrAbove: number;
  byLevel: Record<TrainingLevel, number>;
  missingTotal: number;
  missingCountyOrAbove: number;
}

/** The cycle (e.g. 2026–2030) that contains `now`, given the policy's first cycle start. */
export function currentCycle(policy: PolicyTerms, now: Date): { firstYear: number; lastYear: number } {
  const year = chinaYear(now);
  const offset = Math.max(0, Math.floor((year - policy.cycleStartYear) / policy.cycleYears));
  const firstYear = policy.cycleStartYear + offset * policy.cycleYears;
  return { firstYear, lastYear: firstYear + policy.cycleYears - 1 };
}

function chinaYear(d: Date): number {
  return new Date(d.getTime() + 8 * 3600_000).getUTCFullYear();
}

const round = (n: number) => Math.round(n * 100) / 100;

/** Totals a trainee's records in the current cycle of their policy; pure. */
export function summarizeHours(entries: HourEntry[], policy: PolicyTerms, now: Date): HoursSummary {
  const cycle = currentCycle(policy, now);
  const byLevel = Object.fromEntries(LEVELS.map((l) => [l, 0])) as Record<TrainingLevel, number>;
  let accredited = 0;
  let pending = 0;
  let countyOrAbove = 0;
  for (const e of entries) {
    const year = chinaYear(e.earnedOn);
    if (e.status === 'REJECTED' || year < cycle.firstYear || year > cycle.lastYear) continue;
    if (e.status === 'ACCREDITED') accredited += e.hours;
    else pending += e.hours;
    byLevel[e.level] += e.hours;
    if (COUNTY_OR_ABOVE.has(e.level)) countyOrAbove += e.hours;
  }
  const total = round(accredited + pending);
  for (const l of LEVELS) byLevel[l] = round(byLevel[l]);
  return {
    cycle,
    total,
    accredited: round(accredited),
    pending: round(pending),
    countyOrAbove: round(countyOrAbove),
    byLevel,
    missingTotal: round(Math.max(0, policy.totalHours - total)),
    missingCountyOrAbove: round(Math.max(0, policy.minCountyLevelHours - countyOrAbove)),
  };
}

/** A text progress bar for chat, e.g. "▓▓▓░░░░░░░ 30%". */
export function progressBar(done: number, target: number, width = 10): string {
  const ratio = target > 0 ? Math.min(1, done / target) : 1;
  const filled = Math.round(ratio * width);
  return `${'▓'.repeat(filled)}${'░'.repeat(width - filled)} ${Math.floor(ratio * 100)}%`;
}
