// A trainee's hours against every requirement of their policy profile (see policies.ts): totals by
// level and category, progress per requirement in its period (cycle, year, semester), what is still
// missing, and a warning when the cycle is ending with something missing. Pure.

export type TrainingLevel = 'NATIONAL' | 'PROVINCIAL' | 'CITY' | 'COUNTY' | 'SCHOOL';
export type Accreditation = 'PENDING' | 'ACCREDITED' | 'REJECTED';
export type HourSourceName = 'SESSION' | 'ASSIGNMENT' | 'LOG' | 'CERTIFICATE' | 'MANUAL';
export type Period = 'cycle' | 'year' | 'semester';

export const LEVELS: readonly TrainingLevel[] = ['NATIONAL', 'PROVINCIAL', 'CITY', 'COUNTY', 'SCHOOL'];
export const COUNTY_OR_ABOVE: readonly TrainingLevel[] = ['NATIONAL', 'PROVINCIAL', 'CITY', 'COUNTY'];

export interface HourEntry {
  hours: number;
  level: TrainingLevel;
  category: string;
  source: HourSourceName;
  status: Accreditation;
  earnedOn: Date;
}

/** Which records count: every given field must match (levels, categories, sources). */
export interface HourMatcher {
  levels?: TrainingLevel[];
  categories?: string[];
  sources?: HourSourceName[];
}

export interface Requirement {
  /** What the trainee reads, e.g. 「县级以上」, 「学校研修」. */
  label: string;
  period: Period;
  hours: number;
  /** A record counts when it matches any of these; absent = every record counts. */
  match?: HourMatcher[];
}

export interface PolicyTerms {
  code?: string;
  name: string;
  cycleStartYear: number;
  cycleYears: number;
  requirements: Requirement[];
  /** With this many months or fewer left in the cycle and hours missing, the reply warns. */
  warnMonthsBeforeEnd: number;
}

export interface Window {
  from: Date;
  /** Exclusive. */
  to: Date;
  /** 「2026–2030 周期」, 「2026年」, 「2026年秋季学期」 */
  label: string;
}

export interface RequirementProgress {
  requirement: Requirement;
  window: Window;
  done: number;
  accredited: number;
  pending: number;
  missing: number;
}

export interface HoursSummary {
  cycle: Window & { firstYear: number; lastYear: number };
  /** Accredited plus pending in the cycle; rejected records never count. */
  total: number;
  accredited: number;
  pending: number;
  byLevel: Record<TrainingLevel, number>;
  byCategory: Record<string, number>;
  requirements: RequirementProgress[];
  /** The requirements not yet met, with the hours still missing. */
  missing: { label: string; hours: number }[];
  /** Months left in the cycle when it ends soon and something is missing. */
  warning: { monthsLeft: number } | null;
}

const CHINA_OFFSET = 8 * 3600_000;
const round = (n: number) => Math.round(n * 100) / 100;

/** Midnight China time of a calendar date, as an instant. */
function chinaDate(year: number, month: number, day = 1): Date {
  return new Date(Date.UTC(year, month - 1, day) - CHINA_OFFSET);
}

function chinaYearMonth(d: Date): { year: number; month: number } {
  const shifted = new Date(d.getTime() + CHINA_OFFSET);
  return { year: shifted.getUTCFullYear(), month: shifted.getUTCMonth() + 1 };
}

/** The cycle (e.g. 2026–2030) that contains `now`, given the policy's first cycle start. */
export function currentCycle(policy: Pick<PolicyTerms, 'cycleStartYear' | 'cycleYears'>, now: Date): HoursSummary['cycle'] {
  const { year } = chinaYearMonth(now);
  const offset = Math.max(0, Math.floor((year - policy.cycleStartYear) / policy.cycleYears));
  const firstYear = policy.cycleStartYear + offset * policy.cycleYears;
  const lastYear = firstYear + policy.cycleYears - 1;
  return { firstYear, lastYear, from: chinaDate(firstYear, 1), to: chinaDate(lastYear + 1, 1), label: `${firstYear}–${lastYear} 周期` };
}

/**
 * The school semester containing `now`: spring March–August, autumn September–February (each with
 * its holiday, where holiday training counts), named by the year it starts in.
 */
export function currentSemester(now: Date): Window {
  const { year, month } = chinaYearMonth(now);
  if (month >= 3 && month <= 8) return { from: chinaDate(year, 3), to: chinaDate(year, 9), label: `${year}年春季学期` };
  const start = month >= 9 ? year : year - 1;
  return { from: chinaDate(start, 9), to: chinaDate(start + 1, 3), label: `${start}年秋季学期` };
}

function windowOf(period: Period, cycle: HoursSummary['cycle'], now: Date): Window {
  if (period === 'cycle') return cycle;
  if (period === 'semester') return currentSemester(now);
  const { year } = chinaYearMonth(now);
  return { from: chinaDate(year, 1), to: chinaDate(year + 1, 1), label: `${year}年` };
}

function matches(entry: HourEntry, match: HourMatcher[] | undefined): boolean {
  if (!match || match.length === 0) return true;
  return match.some(
    (m) => (!m.levels || m.levels.includes(entry.level)) && (!m.categories || m.categories.includes(entry.category)) && (!m.sources || m.sources.includes(entry.source)),
  );
}

const within = (d: Date, w: Window) => d.getTime() >= w.from.getTime() && d.getTime() < w.to.getTime();

/** Whole months from `now` to the end of the cycle (0 in its last month). */
function monthsUntil(now: Date, end: Date): number {
  const a = chinaYearMonth(now);
  const b = chinaYearMonth(new Date(end.getTime() - 1));
  return (b.year - a.year) * 12 + (b.month - a.month);
}

export function summarizeHours(entries: HourEntry[], policy: PolicyTerms, now: Date): HoursSummary {
  const cycle = currentCycle(policy, now);
  const counted = entries.filter((e) => e.status !== 'REJECTED');
  const inCycle = counted.filter((e) => within(e.earnedOn, cycle));
  const byLevel = Object.fromEntries(LEVELS.map((l) => [l, 0])) as Record<TrainingLevel, number>;
  const byCategory: Record<string, number> = {};
  let accredited = 0;
  let pending = 0;
  for (const e of inCycle) {
    if (e.status === 'ACCREDITED') accredited += e.hours;
    else pending += e.hours;
    byLevel[e.level] = round(byLevel[e.level] + e.hours);
    byCategory[e.category] = round((byCategory[e.category] ?? 0) + e.hours);
  }
  const requirements = policy.requirements.map((requirement): RequirementProgress => {
    const window = windowOf(requirement.period, cycle, now);
    const relevant = counted.filter((e) => within(e.earnedOn, window) && matches(e, requirement.match));
    const acc = round(relevant.filter((e) => e.status === 'ACCREDITED').reduce((s, e) => s + e.hours, 0));
    const pend = round(relevant.filter((e) => e.status === 'PENDING').reduce((s, e) => s + e.hours, 0));
    const done = round(acc + pend);
    return { requirement, window, done, accredited: acc, pending: pend, missing: round(Math.max(0, requirement.hours - done)) };
  });
  const missing = requirements.filter((r) => r.missing > 0).map((r) => ({ label: r.requirement.label, hours: r.missing }));
  const monthsLeft = monthsUntil(now, cycle.to);
  const cycleMissing = requirements.some((r) => r.requirement.period === 'cycle' && r.missing > 0);
  return {
    cycle,
    total: round(accredited + pending),
    accredited: round(accredited),
    pending: round(pending),
    byLevel,
    byCategory,
    requirements,
    missing,
    warning: cycleMissing && monthsLeft < policy.warnMonthsBeforeEnd ? { monthsLeft } : null,
  };
}

/** A text progress bar for chat, e.g. "▓▓▓░░░░░░░ 30%". */
export function progressBar(done: number, target: number, width = 10): string {
  const ratio = target > 0 ? Math.min(1, done / target) : 1;
  const filled = Math.round(ratio * width);
  return `${'▓'.repeat(filled)}${'░'.repeat(width - filled)} ${Math.floor(ratio * 100)}%`;
}
