import { UserError } from '../errors.ts';

// The bounds every roster upload is held to before and while it is read. A county's roster is a few
// thousand teachers in under 20 columns; these leave room for the largest while refusing files whose
// only purpose is to exhaust the bot. Each refusal is a UserError with an `upload.*` message key.

/** Most rows with content in one roster (header and title rows included). */
export const MAX_ROSTER_ROWS = 20_000;
/** Rightmost column that may hold a value (AX); a roster has fewer than 20. */
export const MAX_ROSTER_COLUMNS = 50;
/** Most entries in an .xlsx zip (Excel writes about a dozen). */
export const MAX_ZIP_ENTRIES = 500;
/** Largest declared unpacked size of one zip entry, and of all entries together. */
export const MAX_ENTRY_BYTES = 64 * 1024 * 1024;
export const MAX_UNPACKED_BYTES = 128 * 1024 * 1024;
/** Highest unpacked/packed ratio for an entry over 1 MB unpacked (spreadsheet XML packs about 5–30×). */
export const MAX_COMPRESSION_RATIO = 200;
/** Longest XML of one worksheet row before it counts as too wide to be a roster row. */
export const MAX_ROW_XML_CHARS = 1024 * 1024;

/** A refusal of the whole file, shown instead of a preview. */
export const refuse = (key: 'upload.tooManyRows' | 'upload.tooManyColumns' | 'upload.unpackedTooLarge', params: Record<string, string | number> = {}) =>
  new UserError(key, params);

/** A file that is not a readable workbook (broken zip, wrong parts): the parser answers it with its own polite message. */
export class UnreadableFile extends Error {
  override readonly name = 'UnreadableFile';
}

/** Column number (1 = A) of a cell reference such as "XFD7"; 0 when there is none. */
export function columnOf(reference: string): number {
  let column = 0;
  for (let i = 0; i < reference.length; i++) {
    const code = reference.charCodeAt(i);
    if (code < 65 || code > 90) break;
    column = column * 26 + (code - 64);
    if (column > 1_000_000) break;
  }
  return column;
}

/** The spreadsheet name of a column number (1 → A, 51 → AY). */
export function columnName(column: number): string {
  let name = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}
