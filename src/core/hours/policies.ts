import type { PolicyTerms } from './summarize-hours.ts';

/**
 * The national baseline used when a region has no policy of its own: every teacher completes at
 * least 360 hours per five-year cycle, 180 of them at county level or above (cycles 2021–2025,
 * 2026–2030, … as in the 14th five-year plans).
 */
export const DEFAULT_POLICY: PolicyTerms = {
  name: '五年一周期 360 学时（县级以上不少于 180 学时）',
  cycleStartYear: 2021,
  cycleYears: 5,
  totalHours: 360,
  minCountyLevelHours: 180,
};
