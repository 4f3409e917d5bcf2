import { parse } from 'csv-parse/sync';
import { maskPhone, maskPhonesIn, normalizePhone } from '../privacy.ts';
import { decodeSpreadsheetText } from '../roster/parse-roster-csv.ts';
import type { TrainingLevel } from './summarize-hours.ts';

// Online-course certificates (网络研修证书) exported by a platform as CSV: one row per certificate.
// Only reads and checks; the import is all-or-nothing elsewhere. Lines are spreadsheet rows.

export interface CertificateRow {
  line: number;
  name: string;
  phone: string;
  hours: number;
  certificateNo: string;
  earnedOn: Date;
  category: string;
  level: TrainingLevel | undefined;
  project: string;
}

type Field = 'name' | 'phone' | 'hours' | 'certificateNo' | 'earnedOn' | 'category' | 'level' | 'project';
const ALIASES: Record<Field, readonly string[]> = {
  name: ['姓名', 'name'],
  phone: ['手机', '手机号', '手机号码', '联系电话', 'phone'],
  hours: ['学时', '学时数', '获得学时', 'hours'],
  certificateNo: ['证书编号', '证书号', '编号', 'certificate'],
  earnedOn: ['日期', '发证日期', '获得日期', '完成日期', 'date'],
  category: ['类别', '学时类别', 'category'],
  level: ['级别', '培训级别', 'level'],
  project: ['项目', '课程', '项目名称', '课程名称', 'project'],
};
const REQUIRED: readonly Field[] = ['name', 'phone', 'hours', 'certificateNo', 'earnedOn'];
const LEVELS: Record<string, TrainingLevel> = { 国家级: 'NATIONAL', 省级: 'PROVINCIAL', 市级: 'CITY', 县级: 'COUNTY', 校级: 'SCHOOL' };

/** 2026-03-15, 2026/3/15, 2026年3月15日 → midday China time of that date. */
function parseDay(text: string): Date | null {
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(text.trim());
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d, 4));
  return date.getUTCMonth() === mo - 1 && date.getUTCDate() === d ? date : null;
}

export function parseCertificateCsv(bytes: Uint8Array): { rows: CertificateRow[]; errors: { line: number; message: string }[] } {
  const { text } = decodeSpreadsheetText(bytes);
  let records: string[][];
  try {
    records = parse(text.replace(/\r\n?/g, '\n'), { bom: true, relax_column_count: true, trim: true, skip_empty_lines: false });
  } catch {
    return { rows: [], errors: [{ line: 1, message: 'CSV 格式有误，请在 Excel 中打开后重新另存为 CSV' }] };
  }
  const header = records[0] ?? [];
  const columns = new Map<Field, number>();
  header.forEach((cell, i) => {
    for (const field of Object.keys(ALIASES) as Field[]) if (ALIASES[field].includes(cell.replace(/\s+/g, '').toLowerCase()) && !columns.has(field)) columns.set(field, i);
  });
  const missing = REQUIRED.filter((f) => !columns.has(f));
  if (missing.length) return { rows: [], errors: [{ line: 1, message: `第 1 行（表头）缺少列：${missing.map((f) => ALIASES[f][0]).join('、')}` }] };
  const rows: CertificateRow[] = [];
  const errors: { line: number; message: string }[] = [];
  const seen = new Set<string>();
  records.slice(1).forEach((record, index) => {
    const line = index + 2;
    if (record.every((c) => c === '')) return;
    const cell = (f: Field) => (columns.has(f) ? (record[columns.get(f)!] ?? '') : '');
    const problems: string[] = [];
    const phone = normalizePhone(cell('phone'));
    if (!phone) problems.push(`手机号“${maskPhone(cell('phone'))}”不是 11 位手机号`);
    const hours = Number(cell('hours'));
    if (!(hours > 0 && hours <= 500)) problems.push(`学时“${cell('hours').slice(0, 10)}”应为 0–500 之间的数`);
    const earnedOn = parseDay(cell('earnedOn'));
    if (!earnedOn) problems.push(`日期“${cell('earnedOn').slice(0, 20)}”应写成 2026-03-15`);
    const certificateNo = cell('certificateNo');
    if (!certificateNo) problems.push('证书编号为空');
    else if (seen.has(certificateNo)) problems.push(`证书编号 ${certificateNo} 在文件中重复`);
    const levelText = cell('level');
    if (levelText && !LEVELS[levelText]) problems.push(`级别“${levelText.slice(0, 10)}”应为 国家级/省级/市级/县级/校级`);
    if (!cell('name')) problems.push('姓名为空');
    seen.add(certificateNo);
    if (problems.length) return void errors.push({ line, message: `第 ${line} 行：${problems.join('；')}` });
    rows.push({ line, name: cell('name'), phone: phone!, hours, certificateNo, earnedOn: earnedOn!, category: cell('category') || '网络研修', level: LEVELS[levelText], project: cell('project') });
  });
  return { rows, errors: errors.map((e) => ({ ...e, message: maskPhonesIn(e.message) })) };
}
