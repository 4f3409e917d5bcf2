// Date and time phrases as Chinese teachers type them: 明天 8:30-11:30, 11月23日 下午2点, 周三 14:00～17:00.
// China has one time zone (UTC+8) and no daylight saving, so arithmetic uses a fixed offset.

const OFFSET_MS = 8 * 3600_000;
const DAY_MS = 24 * 3600_000;

/** A calendar day in China time. */
export interface LocalDate {
  year: number;
  month: number;
  day: number;
}

const CN_DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10 };
const WEEKDAYS: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 日: 0, 天: 0, '1': 1, '2': 2, '3': 3, '4': 4, '5': 5, '6': 6, '7': 0 };

function normalize(text: string): string {
  return text
    .replace(/[\uFF10-\uFF19\uFF1A\uFF0D\uFF0F\uFF0E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, ' ')
    .trim();
}

/** Converts 一..十二 (and 两) to a number; null otherwise. */
function chineseNumber(text: string): number | null {
  if (/^\d+$/.test(text)) return Number(text);
  if (text === '十') return 10;
  const m = /^([一二两三四五六七八九])?十([一二三四五六七八九])?$/.exec(text);
  if (m) return (m[1] ? CN_DIGITS[m[1]]! : 1) * 10 + (m[2] ? CN_DIGITS[m[2]]! : 0);
  if (text.length === 1 && text in CN_DIGITS) return CN_DIGITS[text]!;
  return null;
}

function toLocal(d: Date): LocalDate {
  const s = new Date(d.getTime() + OFFSET_MS);
  return { year: s.getUTCFullYear(), month: s.getUTCMonth() + 1, day: s.getUTCDate() };
}

function isValidDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const probe = new Date(Date.UTC(year, month - 1, day));
  return probe.getUTCMonth() === month - 1 && probe.getUTCDate() === day;
}

function addDays(date: LocalDate, days: number): LocalDate {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day) + days * DAY_MS);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

const DAY_PATTERN = /^(今天|今日|明天|明日|后天|大后天|昨天|(?:下(?:个)?)?(?:周|星期|礼拜)[一二三四五六日天1-7]|\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*[日号]?|\d{1,2}\s*月\s*\d{1,2}\s*[日号]?|\d{1,2}[-/.]\d{1,2}(?![\d:]))/;

/** Parses a day phrase at the start of `text`; returns the day and how many characters it used. */
function parseDayPrefix(text: string, now: Date): { date: LocalDate; length: number } | null {
  const m = DAY_PATTERN.exec(text);
  if (!m) return null;
  const phrase = m[0];
  const today = toLocal(now);
  const relative: Record<string, number> = { 今天: 0, 今日: 0, 明天: 1, 明日: 1, 后天: 2, 大后天: 3, 昨天: -1 };
  if (phrase in relative) return { date: addDays(today, relative[phrase]!), length: phrase.length };
  const week = /^(下(?:个)?)?(?:周|星期|礼拜)(.)$/.exec(phrase);
  if (week) {
    const target = WEEKDAYS[week[2]!]!;
    const current = new Date(Date.UTC(today.year, today.month - 1, today.day)).getUTCDay();
    let delta = (target - current + 7) % 7;
    if (week[1]) delta = ((target + 6) % 7) - ((current + 6) % 7) + 7; // next week's, weeks starting Monday
    return { date: addDays(today, delta), length: phrase.length };
  }
  const full = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})/.exec(phrase);
  if (full) {
    const [y, mo, d] = [Number(full[1]), Number(full[2]), Number(full[3])];
    return isValidDate(y, mo, d) ? { date: { year: y, month: mo, day: d }, length: phrase.length } : null;
  }
  const short = /^(\d{1,2})\s*(?:月|[-/.])\s*(\d{1,2})/.exec(phrase);
  if (short) {
    const [mo, d] = [Number(short[1]), Number(short[2])];
    let year = today.year;
    if (!isValidDate(year, mo, d) && !isValidDate(year + 1, mo, d)) return null;
    const candidate = Date.UTC(year, mo - 1, d);
    if (candidate < Date.UTC(today.year, today.month - 1, today.day) - 183 * DAY_MS) year += 1;
    return isValidDate(year, mo, d) ? { date: { year, month: mo, day: d }, length: phrase.length } : null;
  }
  return null;
}

/** Parses a day phrase (今天, 明天, 周三, 下周一, 11月23日, 2026-11-23 …) relative to `now`; null if it is not one or the date does not exist. */
export function parseLocalDate(text: string, now: Date): LocalDate | null {
  const t = normalize(text);
  const day = parseDayPrefix(t, now);
  return day && day.length === t.length ? day.date : null;
}

const CLOCK_PATTERN =
  /^(凌晨|早上|早晨|上午|中午|下午|傍晚|晚上)?\s*(\d{1,2}|[一二两三四五六七八九十]{1,3})\s*(?::\s*(\d{2})|(?:点|时)\s*(半|一刻|三刻|\d{1,2}\s*分?)?)/;

/** Parses a clock phrase at the start of `text`; returns minutes since midnight and the length used. */
function parseClockPrefix(text: string, inheritedPm = false): { minutes: number; length: number; pm: boolean } | null {
  const m = CLOCK_PATTERN.exec(text);
  if (!m) return null;
  const [whole, period, hourText, colonMinutes, suffix] = m;
  let hour = chineseNumber(hourText!);
  if (hour === null) return null;
  let minute = 0;
  if (colonMinutes) minute = Number(colonMinutes);
  else if (suffix === '半') minute = 30;
  else if (suffix === '一刻') minute = 15;
  else if (suffix === '三刻') minute = 45;
  else if (suffix) minute = Number(suffix.replace(/\D/g, ''));
  const pm = period ? ['下午', '傍晚', '晚上'].includes(period) : inheritedPm;
  if (pm && hour < 12) hour += 12;
  if (period === '中午' && hour < 6) hour += 12;
  if (hour > 23 || minute > 59) return null;
  return { minutes: hour * 60 + minute, length: whole.length, pm: Boolean(period ? pm : inheritedPm) };
}

/** Parses a clock phrase (8:30, 8点半, 下午2点, 14时 …) into minutes since midnight, or null. */
export function parseClock(text: string): number | null {
  const t = normalize(text);
  const c = parseClockPrefix(t);
  return c && c.length === t.length ? c.minutes : null;
}

/** Combines a China-time day and minutes since midnight into a Date. */
export function chinaTime(date: LocalDate, minutes: number): Date {
  return new Date(Date.UTC(date.year, date.month - 1, date.day) + minutes * 60_000 - OFFSET_MS);
}

const pad = (n: number) => String(n).padStart(2, '0');

/** "11月23日" in China time. */
export function formatChinaDate(d: Date): string {
  const l = toLocal(d);
  return `${l.month}月${l.day}日`;
}

/** "08:55" in China time. */
export function formatChinaClock(d: Date): string {
  const s = new Date(d.getTime() + OFFSET_MS);
  return `${pad(s.getUTCHours())}:${pad(s.getUTCMinutes())}`;
}

/** "11月23日 08:55" in China time. */
export function formatChinaDateTime(d: Date): string {
  return `${formatChinaDate(d)} ${formatChinaClock(d)}`;
}

/** Parses "DAY START-END" at the start of the text (day optional → today); END must be after START. */
export function parseTimeRange(text: string, now: Date): { start: Date; end: Date; rest: string } | null {
  let t = normalize(text);
  const day = parseDayPrefix(t, now);
  const date = day?.date ?? toLocal(now);
  if (day) t = t.slice(day.length).trimStart();
  const start = parseClockPrefix(t);
  if (!start) return null;
  t = t.slice(start.length);
  const sep = /^\s*(?:-|–|—|~|～|至|到)\s*/.exec(t);
  if (!sep) return null;
  t = t.slice(sep[0].length);
  const end = parseClockPrefix(t, start.pm);
  if (!end || end.minutes <= start.minutes) return null;
  t = t.slice(end.length);
  if (/^[\d:]/.test(t)) return null;
  return { start: chinaTime(date, start.minutes), end: chinaTime(date, end.minutes), rest: t.trim() };
}

/** Parses "DAY CLOCK" at the start of the text (day optional → today). */
export function parseDateTime(text: string, now: Date): { at: Date; rest: string } | null {
  let t = normalize(text);
  const day = parseDayPrefix(t, now);
  const date = day?.date ?? toLocal(now);
  if (day) t = t.slice(day.length).trimStart();
  const clock = parseClockPrefix(t);
  if (!clock) return null;
  t = t.slice(clock.length);
  if (/^[\d:]/.test(t)) return null;
  return { at: chinaTime(date, clock.minutes), rest: t.trim() };
}
