import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { groupBy } from '../../core/group-by.ts';
import { maskPhone } from '../../core/privacy.ts';
import { COUNTY_OR_ABOVE } from '../../core/hours/summarize-hours.ts';
import { formatChinaDate } from '../../core/time/parse-time-phrase.ts';
import type { App } from '../../app/app.ts';
import { markFor, peopleOfRecord } from '../../app/roster-of-record.ts';

// Exports for registering hours in a provincial training management system and for the centre's own
// records: one workbook (or one CSV per sheet) per class, school or county. Phones are masked: the file
// travels through chats; people are identified by name, school and phone tail.

export type Cell = string | number | null;
export interface Sheet {
  name: string;
  columns: string[];
  rows: Cell[][];
}

/** Whose records: the trainees enrolled in these classes (of one school, when given). */
export interface ExportScope {
  classIds: number[];
  schoolId?: number;
  /** For the file name, e.g. the class or school name. */
  title: string;
}

export const LEVEL_NAMES: Record<string, string> = { NATIONAL: '国家级', PROVINCIAL: '省级', CITY: '市级', COUNTY: '县级', SCHOOL: '校级' };
const SOURCE_NAMES: Record<string, string> = { SESSION: '集中培训', ASSIGNMENT: '作业', LOG: '研修日志', CERTIFICATE: '网络研修证书', MANUAL: '人工登记' };
const STATUS_NAMES: Record<string, string> = { PENDING: '待认定', ACCREDITED: '已认定', REJECTED: '未通过' };
const ATTENDANCE_NAMES: Record<string, string> = { PRESENT: '出勤', LATE: '迟到', LEAVE: '请假', ABSENT: '缺勤' };
const round = (n: number) => Math.round(n * 100) / 100;
/** 2026-11-23 in China time, as registration systems want dates. */
const day = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10);

/** Builds the sheets; `onProgress(done, total)` is called per person (the CLI draws a bar with it). */
export async function buildExportSheets(app: App, scope: ExportScope, onProgress: (done: number, total: number) => void = () => {}): Promise<Sheet[]> {
  const classes = await app.db.trainingClass.findMany({ where: { id: { in: scope.classIds } }, include: { project: true } });
  const enrolments = await peopleOfRecord(app.db, scope.classIds, scope.schoolId ? { schoolId: scope.schoolId } : {});
  const people = await app.db.person.findMany({
    where: { id: { in: [...new Set(enrolments.map((e) => e.personId))] } },
    include: { school: true },
    orderBy: [{ schoolId: 'asc' }, { name: 'asc' }],
  });
  const sessions = await app.db.trainingSession.findMany({ where: { classId: { in: scope.classIds }, status: 'CLOSED' }, orderBy: { startsAt: 'asc' } });
  const checkIns = await app.db.checkIn.findMany({ where: { sessionId: { in: sessions.map((s) => s.id) } } });
  const assignments = await app.db.assignment.findMany({ where: { classId: { in: scope.classIds } }, orderBy: { dueAt: 'asc' } });
  const submissions = await app.db.submission.findMany({ where: { assignmentId: { in: assignments.map((a) => a.id) } } });
  const records = await app.db.hourRecord.findMany({
    where: { personId: { in: people.map((p) => p.id) }, projectId: { in: classes.map((c) => c.projectId) } },
    include: { project: true },
    orderBy: [{ personId: 'asc' }, { earnedOn: 'asc' }],
  });
  // Looked up per person and cell: indexed once, so a county of thousands stays linear.
  const enrolled = new Set(enrolments.filter((e) => e.enrolledNow).map((e) => `${e.personId}:${e.classId}`));
  const enrolledIn = (personId: number, classId: number) => enrolled.has(`${personId}:${classId}`);
  const recordsOf = groupBy(records, (r) => r.personId);
  const statusOf = new Map(checkIns.map((c) => [`${c.sessionId}:${c.personId}`, c.status]));
  // A corrected mark shows its remark: 「出勤（补签：手机没电）」.
  const remarkOf = new Map(checkIns.filter((c) => c.remark).map((c) => [`${c.sessionId}:${c.personId}`, c.remark!]));
  const submissionOf = new Map(submissions.map((x) => [`${x.assignmentId}:${x.personId}`, x]));
  const who = (p: (typeof people)[number]): Cell[] => [p.name, p.school?.name ?? '', p.subject ?? '', p.stage ?? '', p.phone ? maskPhone(p.phone) : ''];

  const registration: Sheet = { name: '学时登记', columns: ['序号', '姓名', '学校', '学科', '学段', '手机', '培训项目', '培训级别', '学时类别', '来源', '学时', '认定状态', '获得日期'], rows: [] };
  const attendance: Sheet = { name: '出勤', columns: ['姓名', '学校', ...sessions.map((s) => `${formatChinaDate(s.startsAt)} ${s.title}`), '到课次数', '应到次数', '到课率'], rows: [] };
  const work: Sheet = { name: '作业', columns: ['姓名', '学校', ...assignments.map((a) => a.title), '已交', '应交'], rows: [] };
  const totals: Sheet = { name: '学时汇总', columns: ['姓名', '学校', '学科', '手机', '合计学时', '已认定', '待认定', '县级以上'], rows: [] };

  people.forEach((p, index) => {
    const ownRecords = recordsOf.get(p.id) ?? [];
    for (const r of ownRecords) {
      registration.rows.push([registration.rows.length + 1, ...who(p), r.project?.name ?? '', LEVEL_NAMES[r.level] ?? r.level, r.category, SOURCE_NAMES[r.source] ?? r.source, Number(r.hours), STATUS_NAMES[r.status] ?? r.status, day(r.earnedOn)]);
    }
    const statuses = sessions.map((s) => markFor(s, statusOf.get(`${s.id}:${p.id}`), enrolledIn(p.id, s.classId)));
    const attended = statuses.filter((s) => s === 'PRESENT' || s === 'LATE').length;
    const expected = statuses.filter((s) => s !== null && s !== 'LEAVE').length;
    attendance.rows.push([p.name, p.school?.name ?? '', ...statuses.map((s, i) => {
      const remark = remarkOf.get(`${sessions[i]!.id}:${p.id}`);
      return s ? `${ATTENDANCE_NAMES[s]!}${remark ? `（${remark}）` : ''}` : '';
    }), attended, statuses.filter((s) => s !== null).length, expected ? `${Math.round((attended / expected) * 100)}%` : '']);
    const mine = assignments.map((a) => {
      if (!enrolledIn(p.id, a.classId)) return '';
      const s = submissionOf.get(`${a.id}:${p.id}`);
      if (!s) return a.dueAt < app.clock.now() ? '未交' : '';
      return s.status === 'ACCEPTED' ? '已通过' : s.status === 'RETURNED' ? '退回' : s.late ? '迟交' : '按时';
    });
    work.rows.push([p.name, p.school?.name ?? '', ...mine, mine.filter((m) => m && m !== '未交' && m !== '退回').length, assignments.filter((a) => enrolledIn(p.id, a.classId)).length]);
    const counted = ownRecords.filter((r) => r.status !== 'REJECTED');
    const sumOf = (list: typeof counted) => round(list.reduce((s, r) => s + Number(r.hours), 0));
    totals.rows.push([
      p.name,
      p.school?.name ?? '',
      p.subject ?? '',
      p.phone ? maskPhone(p.phone) : '',
      sumOf(counted),
      sumOf(counted.filter((r) => r.status === 'ACCREDITED')),
      sumOf(counted.filter((r) => r.status === 'PENDING')),
      sumOf(counted.filter((r) => (COUNTY_OR_ABOVE as string[]).includes(r.level))),
    ]);
    onProgress(index + 1, people.length);
  });
  return [registration, attendance, work, totals];
}

/** A workbook with one sheet each, header row bold and frozen, columns sized to their contents. */
export async function writeXlsx(sheets: Sheet[], file: string): Promise<void> {
  const { default: ExcelJS } = await import('exceljs'); // loaded on the first export, not at start-up
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '研修助手';
  for (const sheet of sheets) {
    const ws = workbook.addWorksheet(sheet.name, { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.addRow(sheet.columns).font = { bold: true };
    for (const row of sheet.rows) ws.addRow(row);
    ws.columns.forEach((column, i) => {
      const widest = Math.max(...[sheet.columns[i] ?? '', ...sheet.rows.map((r) => String(r[i] ?? ''))].map((v) => [...v].reduce((w, ch) => w + (ch.charCodeAt(0) > 255 ? 2 : 1), 0)));
      column.width = Math.min(40, Math.max(6, widest + 2));
    });
  }
  await workbook.xlsx.writeFile(file);
}

function csvField(value: Cell): string {
  // A text cell Excel or WPS would read as a formula (=, +, -, @, or a tab or CR before one) gets a
  // leading apostrophe: names and titles come from users. Our own numbers stay numbers.
  const text = value === null ? '' : typeof value === 'string' && /^[=+\-@\t\r]/.test(value) ? `'${value}` : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** CSV with a byte-order mark, so that Excel opens the Chinese text as UTF-8; no text cell can start a formula. */
export function toCsv(sheet: Sheet): string {
  return `\uFEFF${[sheet.columns, ...sheet.rows].map((row) => row.map(csvField).join(',')).join('\r\n')}\r\n`;
}

/** Writes the export under DATA_DIR/exports and returns the files (one workbook, or one CSV per sheet). */
export async function writeExport(app: App, scope: ExportScope, format: 'xlsx' | 'csv', onProgress?: (done: number, total: number) => void, dir = path.join(app.config.dataDir, 'exports')): Promise<string[]> {
  return writeSheets(app, await buildExportSheets(app, scope, onProgress), scope.title, format, dir);
}

/** Writes sheets under `dir` as one workbook, or one CSV per sheet, named by `title` and today. */
export async function writeSheets(app: App, sheets: Sheet[], title: string, format: 'xlsx' | 'csv', dir = path.join(app.config.dataDir, 'exports')): Promise<string[]> {
  const scope = { title };
  await mkdir(dir, { recursive: true });
  const base = `${scope.title}-${day(app.clock.now())}-${app.clock.now().getTime().toString(36)}`.replace(/[\\/:*?"<>|\s]/g, '_');
  if (format === 'xlsx') {
    const file = path.join(dir, `${base}.xlsx`);
    await writeXlsx(sheets, file);
    return [file];
  }
  const files = [];
  for (const sheet of sheets) {
    const file = path.join(dir, `${base}-${sheet.name}.csv`);
    await writeFile(file, toCsv(sheet), 'utf8');
    files.push(file);
  }
  return files;
}
