import type { App } from '../../app/app.ts';
import { outsideClassDays, sessionLine } from './timetable.ts';
import { type ClassDays, type PlannedSession } from '../../core/timetable/timetable-phrase.ts';
import { chinaWeekday, formatChinaClock, formatChinaDate, formatChinaIsoDate, toLocal } from '../../core/time/parse-time-phrase.ts';

// What a tutor checks before 确认: every day on one line, and what looks wrong — a session worth
// 0 学时 (trainees attending it would earn nothing), one outside the class's dates, one on a weekend.

/** More days than this are cut short with 「……」 (the count line above still says how many). */
const LISTED_DAYS = 31;

/** 「12月7日（周一）08:30–11:30 新课标解读 · 3学时；14:30–17:30 课例研讨 · 3学时」, one line a day. */
export function previewDays(planned: PlannedSession[]): string {
  const byDay = new Map<string, PlannedSession[]>();
  for (const p of planned) byDay.set(formatChinaIsoDate(p.startsAt), [...(byDay.get(formatChinaIsoDate(p.startsAt)) ?? []), p]);
  const lines = [...byDay.values()].map((day) => {
    const [first, ...others] = day.map((p) => sessionLine(p));
    // The later sessions of a day drop their date: 「12月7日（周一）」 is said once.
    return [first, ...others.map((l) => l.slice(l.indexOf('）') + 1))].join('；');
  });
  return (lines.length > LISTED_DAYS ? [...lines.slice(0, LISTED_DAYS), '……'] : lines).join('\n');
}

/** The warnings of a timetable, each on its own line starting with ⚠️, or ''. */
export function previewWarnings(app: App, planned: PlannedSession[], days: ClassDays): string {
  const list = (ps: PlannedSession[]) => ps.slice(0, 4).map((p) => `${formatChinaDate(p.startsAt)} ${formatChinaClock(p.startsAt)}`).join('、') + (ps.length > 4 ? '…' : '');
  const warnings: string[] = [];
  const noHours = planned.filter((p) => !(p.hours > 0));
  if (noHours.length) warnings.push(app.t('timetable.warnNoHours', { count: noHours.length, list: list(noHours) }));
  const outside = planned.filter((p) => outsideClassDays(days, toLocal(p.startsAt)));
  if (outside.length) warnings.push(app.t('timetable.warnOutside', { count: outside.length, list: list(outside) }));
  const weekend = planned.filter((p) => chinaWeekday(p.startsAt) >= 6);
  if (weekend.length) warnings.push(app.t('timetable.warnWeekend', { count: weekend.length, list: list(weekend) }));
  return warnings.map((w) => `\n⚠️ ${w}`).join('');
}
