import { parse } from 'csv-parse/sync';
import { maskPhone, normalizePhone } from '../privacy.ts';

// Rosters come from Excel: UTF-8 (with or without BOM) or GBK, comma- or tab-separated, with Chinese
// or English headers. This module only reads and checks; importing is all-or-nothing elsewhere.

export interface RosterRow {
  line: number;
  name: string;
  phone: string;
  school: string;
  className: string;
  county?: string;
  subject?: string;
  stage?: string;
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

type Field = 'name' | 'phone' | 'school' | 'className' | 'county' | 'subject' | 'stage';
const ALIASES: Record<Field, string[]> = {
  name: ['姓名', 'name', '教师姓名'],
  phone: ['手机', '手机号', '手机号码', '电话', '联系电话', 'phone', 'mobile'],
  school: ['学校', '单位', '工作单位', 'school'],
  className: ['班级', '班级名称', 'class'],
  county: ['县区', '区县', '县', 'county'],
  subject: ['学科', '任教学科', 'subject'],
  stage: ['学段', 'stage'],
};
const REQUIRED: Field[] = ['name', 'phone', 'school', 'className'];
const LABEL: Record<Field, string> = { name: '姓名', phone: '手机号', school: '学校', className: '班级', county: '县区', subject: '学科', stage: '学段' };

/** Decodes Excel's CSV bytes: UTF-8 when valid (BOM or not), otherwise GBK. */
export function decodeSpreadsheetText(bytes: Uint8Array): { text: string; encoding: 'utf-8' | 'gbk' } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('gbk').decode(bytes), encoding: 'gbk' };
  }
}

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001F\u007F]/;

/** Parses and checks a roster CSV; every bad row gets one error naming its spreadsheet line. */
export function parseRosterCsv(bytes: Uint8Array): RosterParseResult {
  const { text, encoding } = decodeSpreadsheetText(bytes);
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  const delimiter = firstLine.includes('\t') && !firstLine.includes(',') ? '\t' : ',';
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, { delimiter, relax_column_count: true, skip_empty_lines: true, info: true, bom: true }) as unknown as typeof records;
  } catch (error) {
    const line = (error as { lines?: number }).lines ?? 1;
    return { rows: [], errors: [{ line, message: `第 ${line} 行：CSV 格式有误（引号不配对？），请在 Excel 中另存为 CSV 后重试` }], encoding };
  }
  const header = records[0];
  if (!header) return { rows: [], errors: [{ line: 1, message: '文件是空的：第 1 行应为表头（姓名、手机号、学校、班级）' }], encoding };
  const columns = new Map<Field, number>();
  header.record.forEach((cell, index) => {
    const key = cell.trim().toLowerCase();
    for (const [field, aliases] of Object.entries(ALIASES) as [Field, string[]][]) {
      if (aliases.includes(key) && !columns.has(field)) columns.set(field, index);
    }
  });
  const missing = REQUIRED.filter((f) => !columns.has(f));
  if (missing.length) return { rows: [], errors: [{ line: 1, message: `第 1 行（表头）缺少列：${missing.map((f) => LABEL[f]).join('、')}` }], encoding };

  const rows: RosterRow[] = [];
  const errors: RosterRowError[] = [];
  const phoneLines = new Map<string, number>();
  for (const { record, info } of records.slice(1)) {
    const line = info.lines;
    const cell = (f: Field) => (columns.has(f) ? (record[columns.get(f)!] ?? '').trim() : '');
    if (record.every((c) => c.trim() === '')) continue;
    const problems: string[] = [];
    const name = cell('name');
    if (!name) problems.push('姓名为空');
    else if (name.length > 40 || /^\d+$/.test(name) || CONTROL.test(name)) problems.push(`姓名“${name.slice(0, 20)}”不像人名`);
    const rawPhone = cell('phone');
    const phone = normalizePhone(rawPhone);
    if (!rawPhone) problems.push('手机号为空');
    else if (!phone) problems.push(`手机号“${maskPhone(rawPhone)}”不是 11 位手机号`);
    else if (phoneLines.has(phone)) problems.push(`手机号 ${maskPhone(phone)} 与第 ${phoneLines.get(phone)} 行重复`);
    const school = cell('school');
    if (!school) problems.push('学校为空');
    else if (school.length > 80) problems.push('学校名称过长');
    const className = cell('className');
    if (!className) problems.push('班级为空');
    else if (className.length > 80) problems.push('班级名称过长');
    if (problems.length) {
      errors.push({ line, message: `第 ${line} 行：${problems.join('；')}` });
      continue;
    }
    phoneLines.set(phone!, line);
    const row: RosterRow = { line, name, phone: phone!, school, className };
    for (const f of ['county', 'subject', 'stage'] as const) if (cell(f)) row[f] = cell(f);
    rows.push(row);
  }
  return { rows, errors, encoding };
}
