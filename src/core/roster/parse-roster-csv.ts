import { parse } from 'csv-parse/sync';
import { UserError } from '../errors.ts';
import { maskPhone, maskPhonesIn, normalizePhone } from '../privacy.ts';
import { normalizeIdNumber } from './id-number.ts';
import { columnName, MAX_ROSTER_COLUMNS, MAX_ROSTER_ROWS, refuse } from './roster-limits.ts';

// Rosters come from Excel: UTF-8 (with or without BOM) or GBK, comma- or tab-separated, with Chinese
// or English headers. This module only reads and checks; importing is all-or-nothing elsewhere.
// Line numbers are spreadsheet rows (header = 1): blank rows count, a cell with a line break does not.

export interface RosterRow {
  line: number;
  name: string;
  phone: string;
  school: string;
  className: string;
  county?: string;
  subject?: string;
  stage?: string;
  /** 身份证号, checked (GB 11643); sealed at import, never shown. */
  idNumber?: string;
  /** 教师资格证号: digits (and letters), sealed like the ID number, never shown. */
  teacherCert?: string;
}
export interface RosterRowError {
  line: number;
  message: string;
}
export interface RosterParseResult {
  rows: RosterRow[];
  errors: RosterRowError[];
  encoding: 'utf-8' | 'gbk';
}

type Field = 'name' | 'phone' | 'school' | 'className' | 'county' | 'subject' | 'stage' | 'idNumber' | 'teacherCert';
const ALIASES: Record<Field, readonly string[]> = {
  name: ['姓名', 'name', '教师姓名'],
  phone: ['手机', '手机号', '手机号码', '电话', '联系电话', 'phone', 'mobile'],
  school: ['学校', '单位', '工作单位', 'school'],
  className: ['班级', '班级名称', 'class'],
  county: ['县区', '区县', '县', 'county'],
  subject: ['学科', '任教学科', 'subject'],
  stage: ['学段', 'stage'],
  idNumber: ['身份证号', '身份证', '身份证号码', '公民身份号码', '证件号码', 'idnumber'],
  teacherCert: ['教师资格证号', '教师资格证', '教师资格证书号', '教师资格证书编号', '教师资格证编号', '资格证号', '资格证书编号'],
};
const REQUIRED: readonly Field[] = ['name', 'phone', 'school', 'className'];
const OPTIONAL = ['county', 'subject', 'stage'] as const;
const LABEL: Record<Field, string> = { name: '姓名', phone: '手机号', school: '学校', className: '班级', county: '县区', subject: '学科', stage: '学段', idNumber: '身份证号', teacherCert: '教师资格证号' };
/** A title row such as “2026 年小学数学骨干教师培训名单” may sit above the header. */
const HEADER_SEARCH_ROWS = 5;
const MAX_NAME = 40;
const TEACHER_CERT = /^[0-9A-Z]{8,24}$/;
const MAX_TEXT = 80;

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001F\u007F-\u009F]/;
const ZERO_WIDTH = /[\u200B-\u200D\u2060\uFEFF]/g;

const halfWidth = (text: string) => text.replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ');

/** Decodes Excel's CSV bytes: UTF-8 when there is a BOM or the bytes are valid UTF-8, otherwise GBK. */
export function decodeSpreadsheetText(bytes: Uint8Array): { text: string; encoding: 'utf-8' | 'gbk' } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('gbk').decode(bytes), encoding: 'gbk' };
  }
}

const headerKey = (cell: string) =>
  halfWidth(cell)
    .toLowerCase()
    .replace(/\s+/g, '')
    .replace(/^\*+|\*+$/g, '');

/** Maps each known field to the first column whose header is one of its aliases. */
function mapHeader(record: readonly string[]): Map<Field, number> {
  const columns = new Map<Field, number>();
  record.forEach((cell, index) => {
    const key = headerKey(cell);
    for (const field of Object.keys(ALIASES) as Field[]) {
      if (ALIASES[field].includes(key) && !columns.has(field)) columns.set(field, index);
    }
  });
  return columns;
}

/** Excel pads two-character names for alignment (“王  芳”): spaces between Chinese characters go. */
const tidyName = (name: string) => name.replace(/(?<=\p{Script=Han})\s+(?=\p{Script=Han})/gu, '').replace(/\s+/g, ' ');
const tidyText = (text: string) => text.replace(/\s+/g, ' ');

/** Shows a rejected phone cell without ever revealing a whole number. */
const shownPhone = (raw: string) => (/[\d\uFF10-\uFF19]/.test(raw) ? maskPhone(raw) : raw.slice(0, 20));

/** A spreadsheet's cells as read from a CSV (its rows, blank ones kept, so an index is the row minus one), or why it cannot be read. */
export type CsvTable = { records: string[][]; encoding: 'utf-8' | 'gbk' } | { refused: RosterRowError; encoding: 'utf-8' | 'gbk' };

/**
 * Reads CSV bytes into cells (UTF-8 or GBK, comma- or tab-separated), held to the upload limits
 * (roster-limits.ts: beyond them it throws a UserError); a file that is no CSV is refused with a line.
 */
export function readCsvTable(bytes: Uint8Array, emptyHint = '姓名,手机号,学校,班级'): CsvTable {
  const { text, encoding } = decodeSpreadsheetText(bytes);
  const fail = (line: number, message: string): CsvTable => ({ refused: { line, message }, encoding });

  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return fail(1, '文件是 UTF-16 编码（Excel 的“Unicode 文本”），请在 Excel 中另存为“CSV UTF-8（逗号分隔）”后重试');
  }
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) {
    return fail(1, '这是 Excel 工作簿（.xlsx），不是 CSV：请在 Excel 中另存为“CSV UTF-8（逗号分隔）”后重试');
  }
  const source = text.replace(/\r\n?/g, '\n');
  if (source.replace(ZERO_WIDTH, '').trim() === '') return fail(1, `文件是空的：第 1 行应为表头，例如“${emptyHint}”`);

  const firstLine = source.split('\n').find((l) => l.trim() !== '') ?? '';
  const delimiter = firstLine.includes('\t') && !firstLine.includes(',') ? '\t' : ',';
  let filled = 0;
  // Held to the upload limits record by record, so a hostile file stops where it passes them.
  const bounded = (record: string[], info: { records: number }) => {
    if (record.some((cell) => cell !== '') && ++filled > MAX_ROSTER_ROWS) throw refuse('upload.tooManyRows', { max: MAX_ROSTER_ROWS });
    if (record.length <= MAX_ROSTER_COLUMNS) return record;
    const beyond = record.findIndex((cell, index) => index >= MAX_ROSTER_COLUMNS && cell.replace(ZERO_WIDTH, '') !== '');
    if (beyond >= 0) throw refuse('upload.tooManyColumns', { max: MAX_ROSTER_COLUMNS, cell: `${columnName(beyond + 1)}${info.records}` });
    return record.slice(0, MAX_ROSTER_COLUMNS);
  };
  try {
    // Blank lines are kept as records so that the record index is the spreadsheet row.
    return { records: parse(source, { delimiter, bom: true, relax_column_count: true, relax_quotes: true, trim: true, skip_empty_lines: false, on_record: bounded }), encoding };
  } catch (error) {
    if (error instanceof UserError) throw error;
    const line = ((error as { records?: number }).records ?? 0) + 1;
    const quote = (error as { code?: string }).code === 'CSV_QUOTE_NOT_CLOSED';
    return fail(line, `第 ${line} 行：${quote ? '有一格的引号没有配对' : 'CSV 格式有误'}，请在 Excel 中打开后重新另存为 CSV`);
  }
}

/**
 * Parses and checks a roster CSV; every bad row gets one error naming its spreadsheet line, good rows
 * are still returned. Only a file beyond the upload limits (roster-limits.ts) throws, as a UserError.
 */
export function parseRosterCsv(bytes: Uint8Array): RosterParseResult {
  const read = readCsvTable(bytes);
  if ('refused' in read) return { rows: [], errors: [read.refused], encoding: read.encoding };
  return { ...parseRosterTable(read.records), encoding: read.encoding };
}

/**
 * Checks a roster already split into cells (from a CSV or a worksheet). `lineOf` maps an index of
 * `table` to its spreadsheet row; by default the index is the row minus one. Blank rows are skipped.
 * The result says 'utf-8'; callers that decoded text themselves override `encoding`.
 */
export function parseRosterTable(table: readonly (readonly string[])[], lineOf: (rowIndex: number) => number = (index) => index + 1): RosterParseResult {
  const encoding = 'utf-8';
  const fail = (line: number, message: string): RosterParseResult => ({ rows: [], errors: [{ line, message }], encoding });
  const cells = table.map((record) => record.map((cell) => cell.replace(ZERO_WIDTH, '').trim()));
  const isBlank = (record: readonly string[]) => record.every((cell) => cell === '');

  const candidates = cells
    .map((record, index) => ({ record, index }))
    .filter(({ record }) => !isBlank(record))
    .slice(0, HEADER_SEARCH_ROWS);
  const first = candidates[0];
  if (!first) return fail(1, '文件是空的：第 1 行应为表头，例如“姓名,手机号,学校,班级”');
  const found = candidates.map((c) => ({ ...c, columns: mapHeader(c.record) })).find((c) => REQUIRED.every((f) => c.columns.has(f)));
  if (!found) {
    const columns = mapHeader(first.record);
    const missing = REQUIRED.filter((f) => !columns.has(f));
    const line = lineOf(first.index);
    return fail(line, `第 ${line} 行（表头）缺少列：${missing.map((f) => LABEL[f]).join('、')}`);
  }

  const rows: RosterRow[] = [];
  const errors: RosterRowError[] = [];
  const firstLineOfPhone = new Map<string, number>();
  for (let index = found.index + 1; index < cells.length; index++) {
    const record = cells[index] ?? [];
    if (isBlank(record)) continue;
    const line = lineOf(index);
    const cell = (field: Field) => {
      const column = found.columns.get(field);
      return column === undefined ? '' : (record[column] ?? '');
    };
    const problems: string[] = [];

    const rawName = cell('name');
    if (!rawName) problems.push('姓名为空');
    else if (CONTROL.test(rawName)) problems.push('姓名里有换行或不可见字符');
    else if (/^[\d\uFF10-\uFF19\s+-]+$/.test(rawName)) problems.push('姓名不能只有数字');
    const name = tidyName(rawName);
    if (rawName && problems.length === 0 && [...name].length > MAX_NAME) problems.push(`姓名超过 ${MAX_NAME} 个字`);

    const rawPhone = cell('phone');
    const phone = normalizePhone(rawPhone);
    if (!rawPhone) problems.push('手机号为空');
    else if (/^\d+(\.\d+)?e\+?\d+$/i.test(rawPhone)) problems.push('手机号被 Excel 变成了科学计数法，请把手机号列设为“文本”后重新导出');
    else if (!phone) problems.push(`手机号“${shownPhone(rawPhone)}”不是 11 位手机号`);
    else {
      const earlier = firstLineOfPhone.get(phone);
      if (earlier !== undefined) problems.push(`手机号 ${maskPhone(phone)} 与第 ${earlier} 行重复`);
      else firstLineOfPhone.set(phone, line);
    }

    const school = tidyText(cell('school'));
    if (!school) problems.push('学校为空');
    else if ([...school].length > MAX_TEXT) problems.push(`学校名称超过 ${MAX_TEXT} 个字`);
    const className = tidyText(cell('className'));
    if (!className) problems.push('班级为空');
    else if ([...className].length > MAX_TEXT) problems.push(`班级名称超过 ${MAX_TEXT} 个字`);

    const rawId = tidyText(cell('idNumber'));
    const idNumber = rawId ? normalizeIdNumber(rawId) : null;
    if (rawId && !idNumber) problems.push('身份证号不正确（位数、出生日期或校验位不对，请核对）');
    // Certificates differ by year and province (mostly 17 digits), so only the shape is checked.
    const rawCert = tidyText(cell('teacherCert')).replace(/\s/g, '').toUpperCase();
    if (/^\d+(\.\d+)?E\+?\d+$/.test(rawCert)) problems.push('教师资格证号被 Excel 变成了科学计数法，请把这一列设为“文本”后重新导出');
    else if (rawCert && !TEACHER_CERT.test(rawCert)) problems.push('教师资格证号格式不对（应为 8 到 24 位数字或字母，请核对）');

    if (problems.length > 0 || !phone) {
      errors.push({ line, message: `第 ${line} 行：${problems.join('；')}` });
      continue;
    }
    const row: RosterRow = { line, name, phone, school, className };
    for (const field of OPTIONAL) {
      const value = tidyText(cell(field));
      if (value) row[field] = value;
    }
    if (idNumber) row.idNumber = idNumber;
    if (rawCert) row.teacherCert = rawCert;
    rows.push(row);
  }
  return { rows, errors: errors.map((e) => ({ ...e, message: maskPhonesIn(e.message) })), encoding };
}
