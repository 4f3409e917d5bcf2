// A class's timetable as tutors type it in one message: 「3月2日-3月11日 每天 8:30-11:30 学时3、
// 14:30-17:30 学时3 周末除外」; and a session addressed by its day and half-day (3月5日上午). Dates
// without a year belong to the class's own dates when they fall within them, else the usual rule
// (this year, or next year when that is more than half a year ago).
import { toHalfWidth } from '../text/normalize.ts';
import { dayNotes, hoursForAll, pastedParts, type DayNote } from './pasted-timetable.ts';
import { addDays, chinaTime, chinaWeekday, isValidDate, parseClockPrefix, parseDayPrefix, toLocal, type LocalDate, type Period } from '../time/parse-time-phrase.ts';

/** A class's first and last day, when set. */
export interface ClassDays {
  startsOn: LocalDate | null;
  endsOn: LocalDate | null;
}

/** One session a timetable would create. */
export interface PlannedSession {
  startsAt: Date;
  endsAt: Date;
  hours: number;
  title?: string;
  lecturer?: string;
  place?: string;
}

/** A daily slot of a timetable: minutes since midnight and what the slot carries. */
export interface Slot {
  start: number;
  end: number;
  hours?: number;
  title?: string;
  lecturer?: string;
  place?: string;
}

export interface TimetableSpec {
  from: LocalDate;
  to: LocalDate;
  slots: Slot[];
  skipWeekends: boolean;
  /** Only these weekdays (1 = Monday … 7 = Sunday), when the timetable says 「每周二」. */
  weekdays?: number[];
  /** Lecturers or titles for some days of the month only (a pasted 「主讲：14日覃海燕 15日蒙志强」). */
  dayNotes?: DayNote[];
}

export type TimetableProblem = 'timetable.badDays' | 'timetable.noSlots' | 'timetable.badSlot' | 'timetable.tooLong' | 'timetable.badHours' | 'timetable.slotsOverlap';

/** Longest timetable one message may set (a long 国培 block is a few weeks). */
export const MAX_TIMETABLE_DAYS = 62;
export const MAX_TIMETABLE_SESSIONS = 200;

const key = (d: LocalDate) => d.year * 10_000 + d.month * 100 + d.day;
/** The calendar day a @db.Date column holds (midnight UTC of that day). */
export const localDateOf = (d: Date): LocalDate => ({ year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() });
/** The @db.Date value of a calendar day. */
export const dateColumn = (d: LocalDate): Date => new Date(Date.UTC(d.year, d.month - 1, d.day));
export const sameDay = (a: LocalDate, b: LocalDate) => key(a) === key(b);
export const dayBefore = (a: LocalDate, b: LocalDate) => key(a) < key(b);

/** Full-width and Chinese separators folded, so 「，」「、」「；」 and 「～」 read as the ASCII ones. */
function fold(text: string): string {
  return toHalfWidth(text).replace(/[、；;]/g, ',').replace(/[～〜]/g, '~').replace(/\s+/g, ' ').trim();
}

/** A day phrase at the start of `text`, its year taken from the class's dates when it falls within them. */
export function dayPrefix(text: string, now: Date, days: ClassDays): { date: LocalDate; length: number } | null {
  const found = parseDayPrefix(text, now);
  if (!found) return null;
  const phrase = text.slice(0, found.length);
  if (/^\d{4}/.test(phrase) || !/\d/.test(phrase) || !days.startsOn || !days.endsOn) return found;
  for (let year = days.startsOn.year; year <= days.endsOn.year; year++) {
    const candidate = { ...found.date, year };
    if (isValidDate(year, candidate.month, candidate.day) && !dayBefore(candidate, days.startsOn) && !dayBefore(days.endsOn, candidate)) return { date: candidate, length: found.length };
  }
  return found;
}

const weekdayOf = (d: LocalDate) => chinaWeekday(chinaTime(d, 12 * 60));
const RANGE = /^\s*(?:-{1,2}|–|—{1,2}|~|至|到)\s*/;

/** 「3月2日-3月11日」「3月2日至11日」: two days at the start of `text` (an end before the start is in the next year). */
export function dayRangePrefix(text: string, now: Date, days: ClassDays): { from: LocalDate; to: LocalDate; length: number } | null {
  const first = dayPrefix(text, now, days);
  if (!first) return null;
  const sep = RANGE.exec(text.slice(first.length));
  if (!sep) return { from: first.date, to: first.date, length: first.length };
  const after = text.slice(first.length + sep[0].length);
  // 「3月2日至11日」: the end day in the start's month.
  const bare = /^(\d{1,2})\s*[日号]/.exec(after);
  // 「下周一到周五」: a bare weekday ends the week the range starts in.
  const weekday = /^(?:周|星期|礼拜)([一二三四五六日天])/.exec(after);
  const second = bare
    ? isValidDate(first.date.year, first.date.month, Number(bare[1])) ? { date: { ...first.date, day: Number(bare[1]) }, length: bare[0].length } : null
    : weekday && /(?:周|星期|礼拜)[一二三四五六日天1-7]$/.test(text.slice(0, first.length))
      ? { date: addDays(first.date, (WEEKDAY_NUMBER[weekday[1]!]! - weekdayOf(first.date) + 7) % 7), length: weekday[0].length }
      : dayPrefix(after, now, days);
  if (!second) return null;
  let to = second.date;
  if (dayBefore(to, first.date)) to = { ...to, year: to.year + 1 };
  if (!isValidDate(to.year, to.month, to.day)) return null;
  return { from: first.date, to, length: first.length + sep[0].length + second.length };
}

// 「周末除外」「周六日休息」「双休日不上课」「周六周日不上」「仅工作日」: weekends off, however it is said.
const WEEKEND = '(?:周末|双休日?|周六日|(?:周|星期|礼拜)六\\s*[,和及与]?\\s*(?:周|星期|礼拜)?[日天])';
const SKIP_WEEKENDS = new RegExp(
  `${WEEKEND}\\s*(?:除外|休息|不上课?|不排课|放假|停课)|(?:除|不含|不包括|跳过)\\s*${WEEKEND}外?|仅?工作日|(?<![下这本])(?:周|星期)一\\s*(?:至|到|-)\\s*(?:周|星期)五`,
  'g',
);
// 「每周二晚上7点-9点」「每周一、三」: only these weekdays (1 = Monday … 7 = Sunday).
const EVERY_WEEK = /每(?:个)?(?:周|星期|礼拜)([一二三四五六日天](?:\s*[,和及与]?\s*(?:周|星期|礼拜)?[一二三四五六日天])*)/;
const WEEKDAY_NUMBER: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 日: 7, 天: 7 };
const EVERY_DAY = /每天|每日|天天/g;
const CLOCK_START = /(?:凌晨|早上|早晨|上午|中午|下午|傍晚|晚上)?\s*(?:\d{1,2}|[一二两三四五六七八九十]{1,3})\s*(?::|点|时)/g;

/** A slot 「下午2:30-5:30」 at the start of `text`: its minutes and how much text it used. */
export function slotRange(text: string, inherited?: Period): { start: number; end: number; length: number } | null {
  const start = parseClockPrefix(text, inherited);
  if (!start) return null;
  // 「9点开始到12点」
  const sep = /^\s*(?:开始)?\s*(?:-{1,2}|–|—{1,2}|~|至|到)\s*/.exec(text.slice(start.length));
  if (!sep) return null;
  const endText = text.slice(start.length + sep[0].length);
  const end = parseClockPrefix(endText, start.period as Period | undefined);
  if (!end || end.minutes <= start.minutes) return null;
  return { start: start.minutes, end: end.minutes, length: start.length + sep[0].length + end.length };
}

/** 「学时3」「3学时」「主讲 张教授」「地点 报告厅」 taken out of a slot's text; what is left is its title. */
export function slotOptions(text: string): { hours?: number; lecturer?: string; place?: string; title?: string; badHours: boolean } {
  // 「李卫东（市教科院）学时2.5」: a field glued to the one before it still starts a field.
  let t = ` ${text.replace(/[,，;；]/g, ' ').replace(/([^\s\d.])(学时\s*[:=]?\s*\d)/g, '$1 $2')} `;
  const take = (re: RegExp) => {
    const m = re.exec(t);
    if (!m) return undefined;
    t = t.replace(m[0], ' ');
    return m[1];
  };
  const hoursText = take(/\s学时\s*[:=]?\s*(\d+(?:\.\d+)?)\s*(?:学时)?(?=\s)/) ?? take(/(?<![\d.])(\d+(?:\.\d+)?)\s*个?学时(?=\s)/);
  // 「专家讲座」 is a title: a bare 专家 labels a lecturer only before a colon or a space.
  const lecturer = take(/\s(?:主讲(?:人|专家|教师)?|授课(?:教师|专家)?|专家(?=\s|[:：]))\s*[:：]?\s*(\S+)(?=\s)/);
  const place = take(/\s(?:地点|教室|场地)\s*[:：]?\s*(\S+)(?=\s)/);
  const hours = hoursText === undefined ? undefined : Number(hoursText);
  const title = t.replace(/[,\s]+/g, ' ').trim() || undefined;
  return { hours, lecturer, place, title: title?.slice(0, 60), badHours: hours !== undefined && !(hours >= 0 && hours <= 24) };
}

/**
 * Reads a timetable phrase: days (or the class's own when left out), the daily slots with their
 * hours and titles, and whether weekends are skipped. A problem is a message key.
 */
export function parseTimetablePhrase(input: string, now: Date, days: ClassDays): TimetableSpec | { problem: TimetableProblem; params?: Record<string, string> } {
  const pasted = pastedParts(input);
  const skipWeekends = new RegExp(SKIP_WEEKENDS.source).test(fold(input));
  const forAll = hoursForAll(fold(input)).hours;
  let text = hoursForAll(fold(pasted ? pasted.slots : input)).text;
  const weekly = EVERY_WEEK.exec(text);
  const weekdays = weekly ? [...new Set([...weekly[1]!].map((c) => WEEKDAY_NUMBER[c]).filter((n): n is number => n !== undefined))] : undefined;
  text = text.replace(SKIP_WEEKENDS, ' ').replace(EVERY_DAY, ' ').replace(EVERY_WEEK, ' ').replace(/\s+/g, ' ').trim();
  if (!pasted) text = fromFirstDay(text, now, days);
  const range = pasted ? (pasted.dates ? dayRangePrefix(fold(pasted.dates), now, days) : null) : dayRangePrefix(text, now, days);
  let from = range?.from ?? days.startsOn;
  let to = range?.to ?? days.endsOn;
  if (range && !pasted) text = text.slice(range.length);
  text = text.replace(/^[\s,]+/, '');
  if (!from || !to) return { problem: 'timetable.badDays' };
  if (dayBefore(to, from)) [from, to] = [to, from];
  if (key(addDays(from, MAX_TIMETABLE_DAYS - 1)) < key(to)) return { problem: 'timetable.tooLong' };

  const starts = [...text.matchAll(CLOCK_START)].map((m) => m.index);
  const slots: Slot[] = [];
  let at = 0;
  for (const index of starts) {
    if (index < at) continue;
    const range = slotRange(text.slice(index));
    if (!range) {
      if (slots.length === 0) return { problem: 'timetable.badSlot' };
      continue;
    }
    if (slots.length) Object.assign(slots.at(-1)!, { text: text.slice(at, index) });
    else if (text.slice(0, index).replace(/[\s,]/g, '')) return { problem: 'timetable.badSlot' };
    slots.push({ start: range.start, end: range.end, text: '' } as Slot & { text: string });
    at = index + range.length;
  }
  if (slots.length === 0) return { problem: 'timetable.noSlots' };
  Object.assign(slots.at(-1)!, { text: text.slice(at) });
  const read: Slot[] = [];
  for (const slot of slots as (Slot & { text: string })[]) {
    const o = slotOptions(slot.text.replace(/^[\s,]+|[\s,]+$/g, ''));
    if (o.badHours) return { problem: 'timetable.badHours' };
    read.push({ start: slot.start, end: slot.end, hours: o.hours ?? forAll, title: o.title, lecturer: o.lecturer, place: o.place ?? pasted?.venue });
  }
  const notes = pasted?.lecturers ? dayNotes(pasted.lecturers) : [];
  if (pasted?.lecturers && notes.length === 0) for (const slot of read) slot.lecturer ??= pasted.lecturers;
  read.sort((a, b) => a.start - b.start);
  for (let i = 1; i < read.length; i++) {
    if (read[i]!.start < read[i - 1]!.end) return { problem: 'timetable.slotsOverlap', params: { first: clockSpan(read[i - 1]!), second: clockSpan(read[i]!) } };
  }
  return { from, to, slots: read, skipWeekends, ...(weekdays ? { weekdays } : {}), ...(notes.length ? { dayNotes: notes } : {}) };
}

/** 「帮我排一下课表12月8号到17号…」: words before the dates (and before any clock) are a header, not a slot. */
function fromFirstDay(text: string, now: Date, days: ClassDays): string {
  if (dayRangePrefix(text, now, days)) return text;
  const clock = text.search(CLOCK_START);
  for (const m of text.matchAll(/\d{1,2}\s*[月./-]\s*\d{1,2}|(?:下|这)?(?:周|星期|礼拜)[一二三四五六日天]|明天|后天|今天/g)) {
    if (clock >= 0 && m.index > clock) break;
    if (dayRangePrefix(text.slice(m.index), now, days)) return text.slice(m.index);
  }
  return text;
}

const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
const clockSpan = (s: Slot) => `${hhmm(s.start)}–${hhmm(s.end)}`;

/** The sessions a timetable makes, day by day (weekends left out when asked), in time order. */
export function expandTimetable(spec: TimetableSpec): PlannedSession[] {
  const out: PlannedSession[] = [];
  for (let d = spec.from; !dayBefore(spec.to, d); d = addDays(d, 1)) {
    const weekday = chinaWeekday(chinaTime(d, 12 * 60));
    if ((spec.skipWeekends && weekday >= 6) || (spec.weekdays && !spec.weekdays.includes(weekday))) continue;
    const note = spec.dayNotes?.find((n) => n.first <= d.day && d.day <= n.last);
    for (const s of spec.slots) {
      out.push({ startsAt: chinaTime(d, s.start), endsAt: chinaTime(d, s.end), hours: s.hours ?? 0, title: s.title ?? note?.title, lecturer: s.lecturer ?? note?.lecturer, place: s.place });
    }
  }
  return out;
}

export type HalfDay = '上午' | '下午' | '晚上';

/** A day as people name it in a sentence (regex source): 今天, 周六, 12月11日. */
export const DAY_WORDS = '(?:今天|今日|明天|明日|后天|大后天|(?:下|这)?(?:周|星期|礼拜)[一二三四五六日天]|\\d{1,2}月\\d{1,2}[日号])';
/** A half-day (regex source). */
export const HALF_WORDS = '(?:上午|早上|下午|晚上)';
/** The verbs that move a session to a new time (regex source), as in 「改到9:00-12:00」. */
export const MOVE_WORDS = '(?:改到|改为|改成|改在|调到|调整到|调整为|调成|挪到|换到|提前到|推迟到|延后到|延到)';
/** The words that call a session off (regex source): 「不上课了」「停课」「取消」. */
export const CALL_OFF_WORDS = '(?:不上课了?|不上了|停课了?|暂停上课|取消课次|取消掉|取消了?)';

/** What remains of a cancellation sentence as its reason: 「专家临时有事，不上课了」 → 「专家临时有事」. */
export function callOffRemark(text: string): string {
  return text.replace(new RegExp(CALL_OFF_WORDS, 'g'), ' ').replace(/^[\s,，.。!！;；的课]+|[\s,，.。!！;；]+$/g, '').replace(/\s+/g, ' ').trim();
}

/** The half-day a session starts in: before noon 上午, before 18:00 下午, else 晚上. */
export function halfDayOf(at: Date): HalfDay {
  const hour = new Date(at.getTime() + 8 * 3600_000).getUTCHours();
  return hour < 12 ? '上午' : hour < 18 ? '下午' : '晚上';
}

const HALF = /^\s*(上午|早上|下午|晚上|全天|整天)(?:的)?(?:课|课次|研讨|讲座|那节课?|那次课?)?/;
/** What names a whole day's sessions without a half-day: 「12月16日不上课」「12月16日的课取消」. */
const WHOLE_DAY = /^\s*(?:的课|的课程)?(?=\s*(?:也|就)?\s*(?:不上|停课|暂停|取消|[,，]))/;

/**
 * 「3月5日上午」「明天下午」「3月6日全天」 at the start of `text`: the day and half-day of the sessions
 * meant (`half` undefined for the whole day), and the rest; null when the text does not start so.
 */
export function sessionSelector(text: string, now: Date, days: ClassDays, o: { wholeDay?: boolean } = {}): { date: LocalDate; half?: HalfDay; rest: string; glued: boolean } | null {
  // 「今晚的研讨」「明晚」: a day and its evening in one word.
  const t = fold(text).replace(/^(今|明)晚/, '$1天晚上');
  const day = dayPrefix(t, now, days) ?? dayOfMonth(t, now, days);
  if (!day) return null;
  const m = HALF.exec(t.slice(day.length)) ?? (o.wholeDay ? WHOLE_DAY.exec(t.slice(day.length)) : null);
  if (!m) return null;
  const half = m[1] === undefined || m[1] === '全天' || m[1] === '整天' ? undefined : m[1] === '早上' ? '上午' : (m[1] as HalfDay);
  const after = t.slice(day.length + m[0].length);
  // 「明天 下午2点-5点」 is a new time (its 下午 belongs to the clock), not a session named by its half-day.
  return { date: day.date, half, rest: after.replace(/^[\s,:]+/, '').trim(), glued: /^[\d一二两三四五六七八九十]/.test(after) };
}

/** 「16号」: that day of this month (or of the class's month holding it), at the start of `text`. */
function dayOfMonth(text: string, now: Date, days: ClassDays): { date: LocalDate; length: number } | null {
  const m = /^(\d{1,2})\s*[日号]/.exec(text);
  if (!m) return null;
  const today = toLocal(now);
  const found = dayPrefix(`${today.month}月${m[1]}日`, now, days);
  return found ? { date: found.date, length: m[0].length } : null;
}

/** 「今天」「明天下午」「3月5日」「下午」 as the days a trainee asks about; null when it is none of these. */
export function askedDay(text: string, now: Date, days: ClassDays): { date: LocalDate; half?: HalfDay } | null {
  const t = fold(text).replace(/的课|的课程|课程|的安排|安排|的/g, '').replace(/^(\S+?)[\u4e00-\u9fa5]{1,4}那天/, '$1').trim();
  if (!t) return null;
  const day = dayPrefix(t, now, days) ?? dayOfMonth(t, now, days);
  const restText = day ? t.slice(day.length).trim() : t;
  const m = /^(上午|早上|下午|晚上)?$/.exec(restText);
  if (!m) return null;
  const half = m[1] === '早上' ? '上午' : (m[1] as HalfDay | undefined);
  if (!day && !half) return null;
  return { date: day?.date ?? toLocal(now), half };
}
