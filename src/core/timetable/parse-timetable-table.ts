// A timetable uploaded as a spreadsheet: one row per session with 日期, 开始, 结束 (and optionally 课程,
// 学时, 主讲, 地点), Chinese or English headers. Reading the file is the roster reader's (bounded, off
// the event loop); this only checks the cells. Line numbers are spreadsheet rows.
import { chinaTime, parseClock, type LocalDate } from '../time/parse-time-phrase.ts';
import { dayPrefix, type ClassDays, type PlannedSession } from './timetable-phrase.ts';

export interface TimetableRow extends PlannedSession {
  line: number;
}
export interface TimetableParseResult {
  rows: TimetableRow[];
  errors: { line: number; message: string }[];
}

type Field = 'date' | 'start' | 'end' | 'title' | 'hours' | 'lecturer' | 'place';
const ALIASES: Record<Field, readonly string[]> = {
  date: ['日期', 'date', '上课日期'],
  start: ['开始', '开始时间', 'start', '起'],
  end: ['结束', '结束时间', 'end', '止'],
  title: ['课程', '课程名称', '内容', '主题', 'title', '课次'],
  hours: ['学时', 'hours'],
  lecturer: ['主讲', '主讲人', '主讲专家', '授课教师', '专家', 'lecturer'],
  place: ['地点', '上课地点', '教室', 'place'],
};
const REQUIRED: readonly Field[] = ['date', 'start', 'end'];
const HEADER_SEARCH_ROWS = 5;
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);

const headerKey = (cell: string) => cell.toLowerCase().replace(/\s+/g, '').replace(/^\*+|\*+$/g, '');

function mapHeader(record: readonly string[]): Map<Field, number> {
  const columns = new Map<Field, number>();
  record.forEach((cell, index) => {
    for (const field of Object.keys(ALIASES) as Field[]) if (ALIASES[field].includes(headerKey(cell)) && !columns.has(field)) columns.set(field, index);
  });
  return columns;
}

/** A date cell: 2026-03-02, 2026/3/2, 3月2日, 3.2, or Excel's day number. */
function readDate(cell: string, now: Date, days: ClassDays): LocalDate | null {
  if (/^\d{5}(?:\.0+)?$/.test(cell)) {
    const d = new Date(EXCEL_EPOCH + Number.parseInt(cell, 10) * 86_400_000);
    return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
  }
  const text = cell.replace(/\s+00:00(?::00)?$/, '').replace(/\s*(?:星期|周)[一二三四五六日天]$/, '');
  const found = dayPrefix(text, now, days);
  return found && found.length === text.length ? found.date : null;
}

/** A time cell: 8:30, 08:30:00, 8点半, 下午2点, or Excel's fraction of a day. */
function readClock(cell: string): number | null {
  if (/^0?\.\d+$/.test(cell)) return Math.round(Number(cell) * 24 * 60) % (24 * 60);
  return parseClock(cell.replace(/^(\d{1,2}:\d{2}):\d{2}$/, '$1'));
}

/**
 * Checks a timetable already split into cells. Every bad row gets one error naming its line; the
 * good rows are returned as sessions. `lineOf` maps an index of `table` to its spreadsheet row.
 */
export function parseTimetableTable(table: readonly (readonly string[])[], now: Date, days: ClassDays, lineOf: (index: number) => number = (i) => i + 1): TimetableParseResult {
  const cells = table.map((r) => r.map((c) => c.replace(/[\u200B-\u200D\u2060\uFEFF]/g, '').trim()));
  const blank = (r: readonly string[]) => r.every((c) => c === '');
  const candidates = cells.map((record, index) => ({ record, index })).filter(({ record }) => !blank(record)).slice(0, HEADER_SEARCH_ROWS);
  if (!candidates[0]) return { rows: [], errors: [{ line: 1, message: '文件是空的：第 1 行应为表头，例如“日期,开始,结束,课程,学时,主讲,地点”' }] };
  const found = candidates.map((c) => ({ ...c, columns: mapHeader(c.record) })).find((c) => REQUIRED.every((f) => c.columns.has(f)));
  if (!found) {
    const line = lineOf(candidates[0].index);
    const missing = REQUIRED.filter((f) => !mapHeader(candidates[0]!.record).has(f)).map((f) => ALIASES[f][0]);
    return { rows: [], errors: [{ line, message: `第 ${line} 行（表头）缺少列：${missing.join('、')}` }] };
  }
  const rows: TimetableRow[] = [];
  const errors: TimetableParseResult['errors'] = [];
  for (let index = found.index + 1; index < cells.length; index++) {
    const record = cells[index] ?? [];
    if (blank(record)) continue;
    const line = lineOf(index);
    const cell = (f: Field) => (found.columns.has(f) ? (record[found.columns.get(f)!] ?? '') : '');
    const problems: string[] = [];
    const date = readDate(cell('date'), now, days);
    if (!date) problems.push(cell('date') ? `日期“${cell('date').slice(0, 20)}”看不懂` : '日期为空');
    const start = readClock(cell('start'));
    const end = readClock(cell('end'));
    if (start === null) problems.push(cell('start') ? `开始时间“${cell('start').slice(0, 20)}”看不懂` : '开始时间为空');
    if (end === null) problems.push(cell('end') ? `结束时间“${cell('end').slice(0, 20)}”看不懂` : '结束时间为空');
    if (start !== null && end !== null && end <= start) problems.push('结束时间应晚于开始时间');
    const hoursText = cell('hours');
    // 「3学时」「3个学时」 as a chat timetable says it.
    const hours = hoursText === '' ? 0 : Number(hoursText.replace(/\s*个?学时$/, ''));
    if (!(hours >= 0 && hours <= 24)) problems.push(`学时“${hoursText.slice(0, 10)}”应为 0–24 的数字`);
    const text = (f: Field, max: number) => {
      const value = cell(f).replace(/\s+/g, ' ');
      if ([...value].length > max) problems.push(`${ALIASES[f][0]}超过 ${max} 个字`);
      return value || undefined;
    };
    const title = text('title', 60);
    const lecturer = text('lecturer', 40);
    const place = text('place', 80);
    if (problems.length || !date || start === null || end === null) {
      errors.push({ line, message: `第 ${line} 行：${problems.join('；')}` });
      continue;
    }
    rows.push({ line, startsAt: chinaTime(date, start), endsAt: chinaTime(date, end), hours, title, lecturer, place });
  }
  if (rows.length === 0 && errors.length === 0) errors.push({ line: lineOf(found.index) + 1, message: '表头下面没有课次' });
  return { rows, errors };
}
