import type { CellValue } from 'exceljs';
import { UserError } from '../errors.ts';
import { parseRosterTable, type RosterParseResult } from './parse-roster-csv.ts';
import { readFirstSheet } from './xlsx-rows.ts';

// Rosters exported from 国培/省培 platforms often arrive as .xlsx. Only the first worksheet is read, by
// our own bounded reader (xlsx-rows.ts) rather than exceljs's, which builds every cell up to a row's last
// column; the rules and messages are the CSV parser's (parseRosterTable), line numbers Excel's rows.

const UNREADABLE = '无法读取这个 Excel 文件，请另存为 .xlsx 或 CSV 后重试。';
const OLD_XLS = '这是旧版 Excel 文件（.xls），请在 Excel 中另存为 .xlsx 或 CSV 后重试。';

const pad = (n: number) => String(n).padStart(2, '0');

/** Turns an exceljs cell value into the text a user sees in the cell (xlsx-rows.ts gives the same text from the XML). */
export function cellText(value: CellValue | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  // Integers up to 1e21 print in full, so a phone stored as a number stays 11 digits.
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  // exceljs reads Excel dates as UTC instants.
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : `${value.getUTCFullYear()}-${pad(value.getUTCMonth() + 1)}-${pad(value.getUTCDate())}`;
  if (typeof value === 'object') {
    if ('richText' in value && Array.isArray(value.richText)) return value.richText.map((run) => run.text ?? '').join('');
    if ('hyperlink' in value) return cellText((value as { text?: CellValue }).text);
    if ('formula' in value || 'sharedFormula' in value || 'result' in value) return cellText((value as { result?: CellValue }).result);
    if ('error' in value) return String(value.error);
  }
  return '';
}

/** The first worksheet's cells with each row's Excel row number, or the polite refusal of a file that is no workbook. */
export async function readXlsxTable(bytes: Uint8Array): Promise<{ records: string[][]; lines: number[] } | { refused: { line: number; message: string } }> {
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0) return { refused: { line: 1, message: OLD_XLS } };
  try {
    const sheet = await readFirstSheet(bytes);
    return { records: sheet.table.map((r) => [...r]), lines: sheet.rowNumbers };
  } catch (error) {
    if (error instanceof UserError) throw error;
    return { refused: { line: 1, message: UNREADABLE } };
  }
}

/**
 * Parses and checks the first worksheet of a roster workbook. A file that is no workbook gets one
 * polite error; only a file beyond the upload limits (roster-limits.ts) throws, as a UserError.
 */
export async function parseRosterXlsx(bytes: Uint8Array): Promise<RosterParseResult> {
  const read = await readXlsxTable(bytes);
  if ('refused' in read) return { rows: [], errors: [read.refused], encoding: 'utf-8' };
  return parseRosterTable(read.records, (index) => read.lines[index] ?? index + 1);
}
