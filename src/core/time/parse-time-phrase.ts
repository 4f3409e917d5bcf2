// Date and time phrases as Chinese teachers type them: 明天 8:30-11:30, 11月23日 下午2点, 周三 14:00～17:00.
// China has one time zone (UTC+8) and no daylight saving, so arithmetic uses a fixed offset on UTC Dates.

const OFFSET_MS = 8 * 3600_000;
const DAY_MS = 24 * 3600_000;

/** A calendar day in China time. */
export interface LocalDate {
  year: number;
  month: number;
  day: number;
}

const CN_DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const WEEKDAYS: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 日: 0, 天: 0, '1': 1, '2': 2, '3': 3, '4': 4, '5': 5, '6': 6, '7': 0 };
const RELATIVE_DAYS: Record<string, number> = { 今天: 0, 今日: 0, 明天: 1, 明日: 1, 后天: 2, 大后天: 3, 昨天: -1 };

/** Folds full-width digits and date/clock punctuation (：－／．) to ASCII, the ideographic space to a space, and trims. */
function normalize(text: string): string {
  return text
    .replace(/[\uFF10-\uFF19\uFF1A\uFF0D\uFF0F\uFF0E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, ' ')
    .trim();
}

/** Converts ASCII digits or a Chinese numeral up to 九十九 (一, 两, 十二, 二十三, 四十五) to a number; null otherwise. */
function chineseNumber(text: string): number | null {
  if (/^\d+$/.test(text)) return Number(text);
  const m = /^([一二两三四五六七八九])?十([一二三四五六七八九])?$/.exec(text);
  if (m) return (m[1] ? CN_DIGITS[m[1]]! : 1) * 10 + (m[2] ? CN_DIGITS[m[2]]! : 0);
  if (text.length === 1 && text in CN_DIGITS) return CN_DIGITS[text]!;
  return null;
}

/** The China-time calendar day of an instant. */
export function toLocal(d: Date): LocalDate {
  const s = new Date(d.getTime() + OFFSET_MS);
  return { year: s.getUTCFullYear(), month: s.getUTCMonth() + 1, day: s.getUTCDate() };
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function isValidDate(year: number, month: number, day: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** The day `days` days after `date`. */
export function addDays(date: LocalDate, days: number): LocalDate {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day) + days * DAY_MS);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** The same day `months` months away, clamped to the end of a shorter month (8月31日 − 6 → 2月28日). */
function addMonths(date: LocalDate, months: number): LocalDate {
  const index = date.year * 12 + (date.month - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return { year, month, day: Math.min(date.day, daysInMonth(year, month)) };
}

const dateKey = (year: number, month: number, day: number) => year * 10_000 + month * 100 + day;

const DAY_PATTERN = new RegExp(
  '^(?:' +
    [
      '大后天|后天|今天|今日|明天|明日|昨天',
      '(?:下个?)?(?:周|星期|礼拜)[一二三四五六日天1-7]',
      '\\d{4}\\s*[-/.年]\\s*\\d{1,2}\\s*[-/.月]\\s*\\d{1,2}(?:\\s*[日号]|(?![\\d:点时]))',
      '\\d{1,2}\\s*月\\s*\\d{1,2}(?:\\s*[日号]|(?![\\d:点时]))',
      '\\d{1,2}[-/.]\\d{1,2}(?![\\d:点时.])',
      // 「14号」: a day of this month (not 3号楼, 5号教室).
      '\\d{1,2}\\s*[号日](?![楼室厅门线位床院馆])',
    ].join('|') +
    ')',
);

/** Parses a day phrase at the start of `text`; returns the day and how many characters it used. */
export function parseDayPrefix(text: string, now: Date): { date: LocalDate; length: number } | null {
  const m = DAY_PATTERN.exec(text);
  if (!m) return null;
  const phrase = m[0];
  const length = phrase.length;
  const today = toLocal(now);
  const relative = RELATIVE_DAYS[phrase];
  if (relative !== undefined) return { date: addDays(today, relative), length };

  const week = /^(下个?)?(?:周|星期|礼拜)(.)$/.exec(phrase);
  if (week) {
    // Monday-based indices (Mon 0 … Sun 6): 周X is the next such day including today, 下周X is that day in next week.
    const target = (WEEKDAYS[week[2]!]! + 6) % 7;
    const current = (new Date(Date.UTC(today.year, today.month - 1, today.day)).getUTCDay() + 6) % 7;
    const delta = week[1] ? target - current + 7 : (target - current + 7) % 7;
    return { date: addDays(today, delta), length };
  }

  const full = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})/.exec(phrase);
  if (full) {
    const [year, month, day] = [Number(full[1]), Number(full[2]), Number(full[3])];
    return isValidDate(year, month, day) ? { date: { year, month, day }, length } : null;
  }

  const dayOnly = /^(\d{1,2})\s*[号日]$/.exec(phrase);
  if (dayOnly) return isValidDate(today.year, today.month, Number(dayOnly[1])) ? { date: { ...today, day: Number(dayOnly[1]) }, length } : null;
  const short = /^(\d{1,2})\s*(?:月|[-/.])\s*(\d{1,2})/.exec(phrase);
  if (!short) return null;
  const [month, day] = [Number(short[1]), Number(short[2])];
  const cutoff = addMonths(today, -6);
  // This year, unless that is more than 6 months ago (then the teacher means next year).
  const year = dateKey(today.year, month, day) < dateKey(cutoff.year, cutoff.month, cutoff.day) ? today.year + 1 : today.year;
  return isValidDate(year, month, day) ? { date: { year, month, day }, length } : null;
}

/** Parses a whole day phrase (今天, 明天, 周三, 下周一, 11月23日, 11.23, 2026-11-23 …) relative to `now` in China time; null if it is not one or the date does not exist. */
export function parseLocalDate(text: string, now: Date): LocalDate | null {
  const t = normalize(text);
  const day = parseDayPrefix(t, now);
  return day && day.length === t.length ? day.date : null;
}

export type Period = '凌晨' | '早上' | '早晨' | '上午' | '中午' | '下午' | '傍晚' | '晚上';

const CN_HOUR = '[一二两三四五六七八九十]{1,3}';
const CN_MINUTE = '[一二三四五]?十[一二三四五六七八九]?分?|[一二三四五六七八九]分';
const CLOCK_PATTERN = new RegExp(
  '^(凌晨|早上|早晨|上午|中午|下午|傍晚|晚上)?\\s*' +
    `(\\d{1,2}|${CN_HOUR})\\s*` +
    `(?::(\\d{2})|(?:点|时)(半|一刻|三刻|\\d{2}分?|\\d分|${CN_MINUTE})?)`,
);

/** Parses a clock phrase at the start of `text`; END of a range passes START's period (下午 …) as `inherited`. */
export function parseClockPrefix(text: string, inherited?: Period): { minutes: number; length: number; period: Period | undefined } | null {
  const m = CLOCK_PATTERN.exec(text);
  if (!m) return null;
  const [whole, ownPeriod, hourText, colonMinutes, suffix] = m;
  let hour = chineseNumber(hourText!);
  if (hour === null) return null;
  let minute = 0;
  if (colonMinutes) minute = Number(colonMinutes);
  else if (suffix === '半') minute = 30;
  else if (suffix === '一刻') minute = 15;
  else if (suffix === '三刻') minute = 45;
  else if (suffix) {
    const n = chineseNumber(suffix.replace(/分$/, ''));
    if (n === null) return null;
    minute = n;
  }
  const period = (ownPeriod as Period | undefined) ?? inherited;
  if ((period === '下午' || period === '傍晚' || period === '晚上') && hour < 12) hour += 12;
  if (period === '中午' && hour < 6) hour += 12;
  if (hour > 23 || minute > 59) return null;
  return { minutes: hour * 60 + minute, length: whole.length, period };
}

/** Parses a whole clock phrase (8:30, 8点半, 8点30分, 下午2点, 晚上7点, 14时, 八点半 …) into minutes since midnight, or null. */
export function parseClock(text: string): number | null {
  const t = normalize(text);
  const c = parseClockPrefix(t);
  return c && c.length === t.length ? c.minutes : null;
}

/** Converts a China-time day plus minutes since midnight into the UTC instant. */
export function chinaTime(date: LocalDate, minutes: number): Date {
  return new Date(Date.UTC(date.year, date.month - 1, date.day) + minutes * 60_000 - OFFSET_MS);
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The China-time day as YYYY-MM-DD (a date input's value, and a key for "today"). */
export function formatChinaIsoDate(d: Date): string {
  const l = toLocal(d);
  return `${l.year}-${pad(l.month)}-${pad(l.day)}`;
}

/** A date input's YYYY-MM-DD plus a time input's HH:MM (China time) as the instant, or null. */
export function chinaTimeFromInputs(date: string | undefined, time: string | undefined): Date | null {
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date ?? '');
  const minutes = /^\d{1,2}:\d{2}$/.test(time ?? '') ? parseClock(time!) : null;
  return day && minutes !== null ? chinaTime({ year: Number(day[1]), month: Number(day[2]), day: Number(day[3]) }, minutes) : null;
}

/** Formats the China-time day as "11月23日". */
export function formatChinaDate(d: Date): string {
  const l = toLocal(d);
  return `${l.month}月${l.day}日`;
}

/** Formats the China-time clock as "08:55". */
export function formatChinaClock(d: Date): string {
  const s = new Date(d.getTime() + OFFSET_MS);
  return `${pad(s.getUTCHours())}:${pad(s.getUTCMinutes())}`;
}

/** Formats the China-time day and clock as "11月23日 08:55". */
export function formatChinaDateTime(d: Date): string {
  return `${formatChinaDate(d)} ${formatChinaClock(d)}`;
}

const RANGE_SEPARATOR = /^\s*(?:-{1,2}|–|—{1,2}|~|～|〜|至|到)\s*/;

/** Reads an optional day phrase at the start; without one the day is today in China time. */
function splitDay(text: string, now: Date): { date: LocalDate; remaining: string } {
  const day = parseDayPrefix(text, now);
  if (!day) return { date: toLocal(now), remaining: text };
  return { date: day.date, remaining: text.slice(day.length).trimStart() };
}

/** "现在起2小时", "现在 90分钟", "现在-11:30": a range that starts now, so it reads the same at any hour. */
const FROM_NOW = /^(?:从)?现在(?:起|开始)?\s*(?:(\d+(?:\.\d+)?)\s*个?(小时|分钟)|(?:-{1,2}|–|—{1,2}|~|～|〜|至|到)\s*)/;

function parseFromNow(text: string, now: Date): { start: Date; end: Date; rest: string } | null {
  const m = FROM_NOW.exec(text);
  if (!m) return null;
  const start = new Date(Math.floor(now.getTime() / 60_000) * 60_000);
  let rest = text.slice(m[0].length);
  let end: Date;
  if (m[1]) {
    end = new Date(start.getTime() + Math.round(Number(m[1]) * (m[2] === '小时' ? 60 : 1)) * 60_000);
  } else {
    const clock = parseClockPrefix(rest);
    if (!clock) return null;
    end = chinaTime(toLocal(now), clock.minutes);
    rest = rest.slice(clock.length);
  }
  if (end.getTime() <= start.getTime() || end.getTime() - start.getTime() > DAY_MS || /^[\d:]/.test(rest)) return null;
  return { start, end, rest: rest.trim() };
}

/**
 * Parses "DAY START-END" at the start of the text (day optional → today; END inherits START's 下午; END
 * must be after START), or a range from now ("现在起2小时", "现在-11:30"), returning the rest of the
 * (normalised) text trimmed; null otherwise.
 */
export function parseTimeRange(text: string, now: Date): { start: Date; end: Date; rest: string } | null {
  const fromNow = parseFromNow(normalize(text), now);
  if (fromNow) return fromNow;
  const { date, remaining } = splitDay(normalize(text), now);
  let t = remaining;
  const start = parseClockPrefix(t);
  if (!start) return null;
  t = t.slice(start.length);
  const sep = RANGE_SEPARATOR.exec(t);
  if (!sep) return null;
  t = t.slice(sep[0].length);
  const end = parseClockPrefix(t, start.period);
  if (!end || end.minutes <= start.minutes) return null;
  t = t.slice(end.length);
  if (/^[\d:]/.test(t)) return null;
  return { start: chinaTime(date, start.minutes), end: chinaTime(date, end.minutes), rest: t.trim() };
}

/** Parses "DAY CLOCK" at the start of the text (day optional → today, even if that time has passed), returning the rest of the (normalised) text trimmed; null otherwise. */
export function parseDateTime(text: string, now: Date): { at: Date; rest: string } | null {
  const { date, remaining } = splitDay(normalize(text), now);
  const clock = parseClockPrefix(remaining);
  if (!clock) return null;
  const t = remaining.slice(clock.length);
  if (/^[\d:]/.test(t)) return null;
  return { at: chinaTime(date, clock.minutes), rest: t.trim() };
}

/** Monday 00:00 China time of the week containing `d`. */
export function chinaWeekStart(d: Date): Date {
  const shifted = new Date(d.getTime() + 8 * 3600_000);
  const daysSinceMonday = (shifted.getUTCDay() + 6) % 7;
  return new Date(Date.UTC(shifted.getUTCFullYear(), shifted.getUTCMonth(), shifted.getUTCDate() - daysSinceMonday) - 8 * 3600_000);
}

/** The China-time weekday of `d`: 1 Monday … 7 Sunday. */
export function chinaWeekday(d: Date): number {
  return ((new Date(d.getTime() + 8 * 3600_000).getUTCDay() + 6) % 7) + 1;
}
