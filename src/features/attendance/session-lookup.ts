// Finding a class's session the way teachers name it: 第3次课, 3月5日下午, 下周一, 明天上午.
import { chinaTime, formatChinaIsoDate, parseLocalDate, toLocal, type LocalDate } from '../../core/time/parse-time-phrase.ts';
import type { Db } from '../../db/client.ts';
import type { TrainingSession } from '../../generated/prisma/client.ts';

/** A session named by its place in the class (第N次课), its day, and/or the half of the day. */
export interface SessionRef {
  ordinal?: number;
  day?: LocalDate;
  half?: 'am' | 'pm' | 'evening';
}

const CN_ORDINAL: Record<string, number> = { 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10 };
const ORDINAL = /第\s*(\d{1,3}|十?[一二两三四五六七八九]|[一二三四五六七八九]?十[一二三四五六七八九]?)\s*(?:次课|节课|次|节|课)/;
/** The day phrases a session is named by (see parseLocalDate for what each means). */
export const DAY_WORDS = '(?:大后天|后天|今天|今日|明天|明日|昨天|(?:下个?|本|这)?(?:周|星期|礼拜)[一二三四五六日天1-7]|\\d{4}\\s*[-/.年]\\s*\\d{1,2}\\s*[-/.月]\\s*\\d{1,2}\\s*[日号]?|\\d{1,2}\\s*月\\s*\\d{1,2}\\s*[日号]?|\\d{1,2}[/.]\\d{1,2}(?![\\d:点时.天学分%])|\\d{1,2}\\s*[号日](?![楼室厅门线位床院馆]))';
const DAY = new RegExp(DAY_WORDS);
const HALF = /上午|下午|晚上|早上|早晨/;
/** 「全天」「整天」: the whole day, both halves — said, so not left in a reason. */
const WHOLE_DAY = /全天|整天/;

function ordinalOf(text: string): number {
  if (/^\d+$/.test(text)) return Number(text);
  const m = /^([一二三四五六七八九])?十([一二三四五六七八九])?$/.exec(text);
  if (m) return (m[1] ? CN_ORDINAL[m[1]]! : 1) * 10 + (m[2] ? CN_ORDINAL[m[2]]! : 0);
  return CN_ORDINAL[text] ?? 0;
}

/**
 * Takes a session reference out of `text` (wherever it stands; with `leading`, only at its start, so
 * a reason that mentions 明天 keeps it); the rest keeps everything else.
 */
export function takeSessionRef(text: string, now: Date, options: { leading?: boolean; undated?: boolean } = {}): { ref: SessionRef | null; rest: string } {
  let rest = text;
  const ref: SessionRef = {};
  const find = (pattern: RegExp) => {
    const m = options.leading ? new RegExp(`^[\\s,，、]*(?:${pattern.source})`).exec(rest) : pattern.exec(rest);
    return m ? { whole: m[0], inner: (options.leading ? pattern.exec(m[0]) : m)! } : null;
  };
  for (let found = true; found; ) {
    found = false;
    const ordinal = ref.ordinal === undefined ? find(ORDINAL) : null;
    if (ordinal) {
      ref.ordinal = ordinalOf(ordinal.inner[1]!);
      rest = rest.replace(ordinal.whole, ' ');
      found = true;
    }
    const day = ref.day ? null : find(DAY);
    const date = day ? parseLocalDate(day.inner[0].replace(/^(?:本|这)(?=周|星期|礼拜)/, '').replace(/\s+/g, ''), now) : null;
    if (day && date) {
      ref.day = date;
      rest = rest.replace(day.whole, ' ');
      found = true;
    }
    const half = ref.half ? null : find(HALF);
    if (half) {
      ref.half = half.inner[0] === '下午' ? 'pm' : half.inner[0] === '晚上' ? 'evening' : 'am';
      rest = rest.replace(half.whole, ' ');
      found = true;
    }
  }
  const whole = ref.half || !ref.day ? null : find(WHOLE_DAY);
  if (whole) rest = rest.replace(whole.whole, ' ');
  rest = rest.replace(/\s+/g, ' ').trim();
  return { ref: Object.keys(ref).length ? (options.undated ? ref : dated(ref, now)) : null, rest };
}

/** 「上午忘了签」: a half-day alone is today's; 「下午请假」 looking `ahead`, tomorrow's once today's has passed. */
export function dated({ ordinal, day, half }: SessionRef, now: Date, ahead = false): SessionRef {
  if (half && !day && ordinal === undefined) day = toLocal(HALVES.indexOf(halfOf(now)) > HALVES.indexOf(half) && ahead ? new Date(now.getTime() + 86_400_000) : now);
  return { ...(ordinal !== undefined && { ordinal }), ...(day && { day }), ...(half && { half }) };
}

const HALVES: SessionRef['half'][] = ['am', 'pm', 'evening'];
const halfOf = (d: Date): SessionRef['half'] => {
  const hour = (d.getUTCHours() + 8) % 24;
  return hour < 12 ? 'am' : hour < 18 ? 'pm' : 'evening';
};

/** The sessions (not cancelled) of the classes that match the reference, earliest first. */
export async function sessionsByRef(db: Db, classIds: number[], ref: SessionRef): Promise<TrainingSession[]> {
  if (classIds.length === 0) return [];
  const dayRange = ref.day ? { gte: chinaTime(ref.day, 0), lt: chinaTime(ref.day, 24 * 60) } : undefined;
  const sessions = await db.trainingSession.findMany({
    where: { classId: { in: classIds }, status: { not: 'CANCELLED' }, ...(dayRange && ref.ordinal === undefined ? { startsAt: dayRange } : {}) },
    orderBy: [{ startsAt: 'asc' }, { id: 'asc' }],
  });
  let found = sessions;
  if (ref.ordinal !== undefined) {
    const byClass = new Map<number, TrainingSession[]>();
    for (const s of sessions) byClass.set(s.classId, [...(byClass.get(s.classId) ?? []), s]);
    found = [...byClass.values()].map((list) => list[ref.ordinal! - 1]).filter((s): s is TrainingSession => Boolean(s));
    if (ref.day) found = found.filter((s) => formatChinaIsoDate(s.startsAt) === formatChinaIsoDate(chinaTime(ref.day!, 12 * 60)));
  }
  return ref.half ? found.filter((s) => halfOf(s.startsAt) === ref.half) : found;
}

/** The next sessions (check-in not yet closed) of the classes, for "which one did you mean". */
export async function upcomingSessions(db: Db, classIds: number[], at: Date, take = 3): Promise<TrainingSession[]> {
  if (classIds.length === 0) return [];
  return db.trainingSession.findMany({ where: { classId: { in: classIds }, status: 'SCHEDULED', checkinClosesAt: { gt: at } }, orderBy: { startsAt: 'asc' }, take });
}
