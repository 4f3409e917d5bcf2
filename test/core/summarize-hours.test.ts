import { describe, expect, it } from 'vitest';
import { formatHoursReport } from '../../src/features/hours/hours.ts';
import { BUILT_IN_POLICIES, DEFAULT_POLICY, rowFromTerms, termsFromRow } from '../../src/core/hours/policies.ts';
import { currentSemester, progressBar, summarizeHours, type HourEntry } from '../../src/core/hours/summarize-hours.ts';
import { createTranslator } from '../../src/bot/messages.ts';

const now = new Date('2026-11-23T04:00:00Z');
const on = (iso: string) => new Date(iso);
const t = createTranslator('zh-CN');

/** One trainee's mixed year: national and county sessions, school-based work by category, an online certificate, a rejected record, last cycle's hours. */
const MIXED: HourEntry[] = [
  { hours: 60, level: 'NATIONAL', category: '集中培训', source: 'SESSION', status: 'ACCREDITED', earnedOn: on('2026-07-01T02:00:00Z') },
  { hours: 3, level: 'COUNTY', category: '集中培训', source: 'SESSION', status: 'PENDING', earnedOn: on('2026-11-23T01:00:00Z') },
  { hours: 12, level: 'SCHOOL', category: '学校研修', source: 'MANUAL', status: 'ACCREDITED', earnedOn: on('2026-10-10T02:00:00Z') },
  { hours: 8, level: 'SCHOOL', category: '工作坊', source: 'LOG', status: 'PENDING', earnedOn: on('2026-09-20T02:00:00Z') },
  { hours: 10, level: 'CITY', category: '集中培训', source: 'SESSION', status: 'REJECTED', earnedOn: on('2026-05-01T02:00:00Z') },
  { hours: 20, level: 'PROVINCIAL', category: '网络研修', source: 'CERTIFICATE', status: 'ACCREDITED', earnedOn: on('2026-03-15T02:00:00Z') },
  { hours: 100, level: 'PROVINCIAL', category: '集中培训', source: 'SESSION', status: 'ACCREDITED', earnedOn: on('2025-12-31T15:00:00Z') },
  { hours: 4, level: 'SCHOOL', category: '个人自修', source: 'LOG', status: 'ACCREDITED', earnedOn: on('2026-04-10T02:00:00Z') },
];

describe('the 学时 reply', () => {
  it('when the region follows the national 360/180 policy it shows both requirements and what is still missing', () => {
    const report = formatHoursReport(t, '张三', DEFAULT_POLICY, summarizeHours(MIXED, DEFAULT_POLICY, now));
    expect(report.split('\n')).toEqual([
      '📊 张三 的培训学时（2026–2030 周期，五年 360 学时（县级以上不少于 180））',
      '合计 107 学时（已认定 96，待认定 11）',
      '· 五年总学时 107/360 ▓▓▓░░░░░░░ 29%',
      '· 县级以上 83/180 ▓▓▓▓▓░░░░░ 46%',
      '还差：五年总学时 253、县级以上 97',
      '按级别：国家级 60 · 省级 20 · 县级 3 · 校级 24',
    ]);
  });

  it("when the region follows Dali's profile it shows the cycle, the year, the semester and each category, and warns a month before the cycle ends", () => {
    const dali = BUILT_IN_POLICIES['dali-2017']!;
    const report = formatHoursReport(t, '张三', dali, summarizeHours(MIXED, dali, now));
    expect(report.split('\n')).toEqual([
      '📊 张三 的培训学时（2022–2026 周期，大理：校本+网络研修五年 300 学时，每年 60，每学期线下 30（12/8/4/6））',
      '合计 207 学时（已认定 196，待认定 11）',
      '· 校本+网络研修 44/300 ▓░░░░░░░░░ 14%',
      '· 本年度（2026年） 44/60 ▓▓▓▓▓▓▓░░░ 73%',
      '· 本学期线下（2026年秋季学期） 20/30 ▓▓▓▓▓▓▓░░░ 66%',
      '· 学校研修（2026年秋季学期） 12/12 ▓▓▓▓▓▓▓▓▓▓ 100%',
      '· 工作坊/质量提升小组（2026年秋季学期） 8/8 ▓▓▓▓▓▓▓▓▓▓ 100%',
      '· 个人自修（2026年秋季学期） 0/4 ░░░░░░░░░░ 0%',
      '· 寒暑假培训（2026年秋季学期） 0/6 ░░░░░░░░░░ 0%',
      '还差：校本+网络研修 256、本年度 16、本学期线下 10、个人自修 4、寒暑假培训 6',
      '⚠️ 本周期只剩 1 个月，缺的学时请尽快补上。',
      '按级别：国家级 60 · 省级 120 · 县级 3 · 校级 24',
    ]);
  });

  it('when every requirement is met nothing is missing, there is no warning, and the bar is full', () => {
    const s = summarizeHours([{ hours: 400, level: 'NATIONAL', category: '集中培训', source: 'SESSION', status: 'ACCREDITED', earnedOn: on('2030-01-01') }], DEFAULT_POLICY, on('2030-10-01'));
    expect([s.missing, s.warning]).toEqual([[], null]);
    expect(formatHoursReport(t, '李四', DEFAULT_POLICY, s)).toContain('本周期各项学时要求都已完成 🎉');
    expect(progressBar(90, 360)).toBe('▓▓▓░░░░░░░ 25%');
  });

  it('when a record was earned just after midnight China time on January 1st it counts in the new year and cycle', () => {
    const s = summarizeHours([{ hours: 5, level: 'COUNTY', category: '集中培训', source: 'SESSION', status: 'ACCREDITED', earnedOn: on('2025-12-31T16:30:00Z') }], DEFAULT_POLICY, now);
    expect(s.total).toBe(5);
  });

  it('when it is February the autumn semester of the year before is current; from March the spring one', () => {
    expect(currentSemester(on('2027-02-20T04:00:00Z')).label).toBe('2026年秋季学期');
    expect(currentSemester(on('2027-02-28T16:00:00Z')).label).toBe('2027年春季学期');
  });

  it('when a built-in profile is stored as a policy row it reads back with the same requirements', () => {
    const dali = BUILT_IN_POLICIES['dali-2017']!;
    expect(termsFromRow(rowFromTerms(dali))).toEqual(dali);
    expect(termsFromRow({ code: 'x', name: '自定', cycleStartYear: 2021, cycleYears: 5, totalHours: 240, minCountyLevelHours: 0, rules: {} }).requirements).toEqual([{ label: '5年总学时', period: 'cycle', hours: 240 }]);
  });
});
