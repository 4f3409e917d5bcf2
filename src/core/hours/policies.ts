import { z } from 'zod';
import { COUNTY_OR_ABOVE, LEVELS, type PolicyTerms, type Requirement, type TrainingLevel } from './summarize-hours.ts';

// Hours policies are data: a cycle and a list of requirements, each over the cycle, the year or the
// semester, counting the records that match it. The built-in profiles come from the source documents
// (shared/domain/BRIEF.md); a region picks one in its setup file, or defines its own.

const DALI_OFFLINE = ['学校研修', '工作坊', '个人自修', '寒暑假培训'];

/**
 * Categories of training a school organises itself (校本研修): recorded without a level they are
 * school-level, whatever the project of the class they were recorded in. Holiday training
 * (寒暑假培训) is organised by the county or above, so it keeps the project's level.
 */
export const SCHOOL_BASED_CATEGORIES: readonly string[] = ['学校研修', '校本研修', '工作坊', '质量提升小组', '个人自修'];

/** The level of a record entered without one: SCHOOL for school-based categories, else the project's. */
export function defaultLevelFor(category: string, projectLevel: TrainingLevel): TrainingLevel {
  return SCHOOL_BASED_CATEGORIES.includes(category) ? 'SCHOOL' : projectLevel;
}

export const BUILT_IN_POLICIES: Record<string, PolicyTerms> = {
  /** The national baseline: 360 hours per five-year cycle, 180 of them at county level or above. */
  'national-360': {
    code: 'national-360',
    name: '五年 360 学时（县级以上不少于 180）',
    cycleStartYear: 2021,
    cycleYears: 5,
    warnMonthsBeforeEnd: 6,
    requirements: [
      { label: '五年总学时', period: 'cycle', hours: 360 },
      { label: '县级以上', period: 'cycle', hours: 180, match: [{ levels: [...COUNTY_OR_ABOVE] }] },
    ],
  },
  /** Ganyu (Jiangsu, 2016): the national baseline plus school-based training of 36 hours a year. */
  'ganyu-2016': {
    code: 'ganyu-2016',
    name: '赣榆：五年 360 学时（县级以上 180），校本研修每年 36 学时',
    cycleStartYear: 2016,
    cycleYears: 5,
    warnMonthsBeforeEnd: 6,
    requirements: [
      { label: '五年总学时', period: 'cycle', hours: 360 },
      { label: '县级以上', period: 'cycle', hours: 180, match: [{ levels: [...COUNTY_OR_ABOVE] }] },
      { label: '校本研修（本年度）', period: 'year', hours: 36, match: [{ levels: ['SCHOOL'] }] },
    ],
  },
  /**
   * Dali (2017–2021 school-based plan): school-based plus online training ≥ 300 hours over the
   * cycle and ≥ 60 a year; offline ≥ 30 a semester, of which school research 12, workshop / quality
   * group 8, self-study 4, holiday training 6. Online hours are the online platform's certificates.
   */
  'dali-2017': {
    code: 'dali-2017',
    name: '大理：校本+网络研修五年 300 学时，每年 60，每学期线下 30（12/8/4/6）',
    cycleStartYear: 2017,
    cycleYears: 5,
    warnMonthsBeforeEnd: 6,
    requirements: [
      { label: '校本+网络研修', period: 'cycle', hours: 300, match: [{ levels: ['SCHOOL'] }, { sources: ['CERTIFICATE'] }] },
      { label: '本年度', period: 'year', hours: 60, match: [{ levels: ['SCHOOL'] }, { sources: ['CERTIFICATE'] }] },
      { label: '本学期线下', period: 'semester', hours: 30, match: [{ categories: DALI_OFFLINE }] },
      { label: '学校研修', period: 'semester', hours: 12, match: [{ categories: ['学校研修'] }] },
      { label: '工作坊/质量提升小组', period: 'semester', hours: 8, match: [{ categories: ['工作坊'] }] },
      { label: '个人自修', period: 'semester', hours: 4, match: [{ categories: ['个人自修'] }] },
      { label: '寒暑假培训', period: 'semester', hours: 6, match: [{ categories: ['寒暑假培训'] }] },
    ],
  },
};

export const DEFAULT_POLICY: PolicyTerms = BUILT_IN_POLICIES['national-360']!;

const level = z.enum(LEVELS as [string, ...string[]]);
export const requirementSchema = z.object({
  label: z.string().min(1),
  period: z.enum(['cycle', 'year', 'semester']),
  hours: z.number().min(0),
  match: z
    .array(z.object({ levels: z.array(level).optional(), categories: z.array(z.string().min(1)).optional(), sources: z.array(z.enum(['SESSION', 'ASSIGNMENT', 'LOG', 'CERTIFICATE', 'MANUAL'])).optional() }))
    .optional(),
});

/** The `rules` column of a policy row: its requirements (when absent, totals from the row's columns). */
export const policyRulesSchema = z.object({ requirements: z.array(requirementSchema).optional(), warnMonthsBeforeEnd: z.number().int().min(0).optional() });

/** A policy row from the database as terms: its rules, or the classic total / county-level pair. */
export function termsFromRow(row: { code: string; name: string; cycleStartYear: number; cycleYears: number; totalHours: number; minCountyLevelHours: number; rules: unknown }): PolicyTerms {
  const rules = policyRulesSchema.safeParse(row.rules ?? {});
  const fromColumns: Requirement[] = [
    { label: `${row.cycleYears}年总学时`, period: 'cycle', hours: row.totalHours },
    ...(row.minCountyLevelHours > 0 ? [{ label: '县级以上', period: 'cycle' as const, hours: row.minCountyLevelHours, match: [{ levels: [...COUNTY_OR_ABOVE] }] }] : []),
  ];
  const requirements = rules.success && rules.data.requirements?.length ? (rules.data.requirements as Requirement[]) : fromColumns;
  return { code: row.code, name: row.name, cycleStartYear: row.cycleStartYear, cycleYears: row.cycleYears, requirements, warnMonthsBeforeEnd: (rules.success && rules.data.warnMonthsBeforeEnd) || 6 };
}

/** A built-in profile as the columns of a policy row (for the setup file). */
export function rowFromTerms(terms: PolicyTerms) {
  const cycleTotal = terms.requirements.find((r) => r.period === 'cycle' && !r.match)?.hours ?? terms.requirements.find((r) => r.period === 'cycle')?.hours ?? 0;
  const county = terms.requirements.find((r) => r.period === 'cycle' && r.match?.length === 1 && r.match[0]!.levels?.join() === COUNTY_OR_ABOVE.join())?.hours ?? 0;
  return {
    code: terms.code!,
    name: terms.name,
    cycleStartYear: terms.cycleStartYear,
    cycleYears: terms.cycleYears,
    totalHours: cycleTotal,
    minCountyLevelHours: county,
    rules: { requirements: terms.requirements, warnMonthsBeforeEnd: terms.warnMonthsBeforeEnd } as object,
  };
}
