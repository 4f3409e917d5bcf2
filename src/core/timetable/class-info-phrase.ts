// 「设置班级 3月2日-3月11日 地点 县教师发展中心三楼报告厅 坐标 33.85,115.78 半径300米」: a class's
// dates, venue and the circle a location check-in must fall in. Every part is optional; labels may
// carry a colon, the coordinates a Chinese comma, the radius 米 or 公里.
import { toHalfWidth } from '../text/normalize.ts';
import type { LocalDate } from '../time/parse-time-phrase.ts';
import { dayRangePrefix, type ClassDays } from './timetable-phrase.ts';

export interface ClassInfoChange {
  startsOn?: LocalDate;
  endsOn?: LocalDate;
  venue?: string;
  latitude?: number;
  longitude?: number;
  radiusMeters?: number;
}

export type ClassInfoProblem = 'classInfo.badDates' | 'classInfo.badCoordinates' | 'classInfo.badRadius' | 'classInfo.nothing' | 'classInfo.badVenue';

// 「3月2日-3月11日，地点：…」: the comma between two parts belongs to neither.
const trimSeparators = (value: string) => value.replace(/^[\s,;、。]+|[\s,;、。]+$/g, '');
/** The labels of a class-info message (「地点」「坐标」…), as a regular-expression alternation. */
export const CLASS_INFO_LABELS = '日期|时间|培训时间|地点|地址|场地|培训地点|坐标|经纬度|位置|半径|范围';
const LABEL = new RegExp(`(${CLASS_INFO_LABELS})\\s*[:：]?\\s*`, 'g');
/** Most metres a check-in circle may have (a campus, not a county). */
export const MAX_RADIUS_METERS = 5000;

/** Checks a latitude/longitude pair and a radius, the same rules for chat and console. */
export function venueProblem(latitude: number | undefined, longitude: number | undefined, radius: number | undefined): ClassInfoProblem | null {
  if ((latitude === undefined) !== (longitude === undefined)) return 'classInfo.badCoordinates';
  if (latitude !== undefined && !(Math.abs(latitude) <= 90 && Math.abs(longitude!) <= 180 && Number.isFinite(latitude) && Number.isFinite(longitude))) return 'classInfo.badCoordinates';
  if (radius !== undefined && !(Number.isInteger(radius) && radius >= 10 && radius <= MAX_RADIUS_METERS)) return 'classInfo.badRadius';
  return null;
}

/** Reads what 设置班级 changes; a problem is a message key. */
export function parseClassInfo(input: string, now: Date): ClassInfoChange | { problem: ClassInfoProblem } {
  const text = toHalfWidth(input).replace(/，/g, ',').replace(/\s+/g, ' ').trim();
  // The text split at its labels: [unlabelled head, label, value, label, value …].
  const parts = text.split(LABEL);
  const change: ClassInfoChange = {};
  const setDates = (value: string): boolean => {
    const range = dayRangePrefix(value, now, { startsOn: null, endsOn: null } satisfies ClassDays);
    if (!range || value.slice(range.length).trim()) return false;
    Object.assign(change, { startsOn: range.from, endsOn: range.to });
    return true;
  };
  const head = trimSeparators(parts[0]!);
  if (head && !setDates(head)) return { problem: 'classInfo.badDates' };
  for (let i = 1; i < parts.length; i += 2) {
    const label = parts[i]!;
    const value = trimSeparators(parts[i + 1] ?? '');
    if (/日期|时间/.test(label)) {
      if (!setDates(value)) return { problem: 'classInfo.badDates' };
    } else if (/地点|地址|场地/.test(label)) {
      if (!value || [...value].length > 80) return { problem: 'classInfo.badVenue' };
      change.venue = value;
    } else if (/坐标|经纬度|位置/.test(label)) {
      const m = /^(-?\d{1,3}(?:\.\d+)?)\s*[,/ ]\s*(-?\d{1,3}(?:\.\d+)?)$/.exec(value);
      if (!m) return { problem: 'classInfo.badCoordinates' };
      change.latitude = Number(m[1]);
      change.longitude = Number(m[2]);
    } else {
      const m = /^(\d+(?:\.\d+)?)\s*(米|m|公里|千米|km)?$/i.exec(value);
      if (!m) return { problem: 'classInfo.badRadius' };
      change.radiusMeters = Math.round(Number(m[1]) * (/公里|千米|km/i.test(m[2] ?? '') ? 1000 : 1));
    }
  }
  if (Object.keys(change).length === 0) return { problem: 'classInfo.nothing' };
  const problem = venueProblem(change.latitude, change.longitude, change.radiusMeters);
  return problem ? { problem } : change;
}
