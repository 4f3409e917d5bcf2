import { columnName, columnOf, MAX_ROSTER_COLUMNS, MAX_ROSTER_ROWS, MAX_ROW_XML_CHARS, refuse, UnreadableFile } from './roster-limits.ts';
import { entryText, entryWholeText, readZipDirectory, type ZipEntry } from './zip-reader.ts';

// The first worksheet of an .xlsx as rows of cell text, read from the sheet XML as it inflates, one
// <row> at a time. Nothing is built for a cell without a value, and reading stops at the first value
// beyond the column cap or the first row beyond the row cap — so one cell in column XFD costs one cell,
// not 16,384. The text of each cell is what exceljs's full reader would give (see cellText).

export interface SheetRows {
  /** Rows with at least one non-empty cell, in row order; each cell's text by column (index 0 = A). */
  table: string[][];
  /** The Excel row number of each entry of `table`. */
  rowNumbers: number[];
}

const ENTITY = /&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi;
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const decode = (text: string) =>
  text.replace(ENTITY, (whole, name: string) => {
    if (name[0] !== '#') return NAMED[name.toLowerCase()] ?? whole;
    const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
    return code >= 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });

function attributes(tag: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const m of tag.matchAll(/([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) found.set(m[1]!, decode(m[2] ?? m[3] ?? ''));
  return found;
}

/** The visible text of a string item (<si> or <is>): every <t>, phonetic guides (<rPh>) left out. */
const stringText = (xml: string) =>
  [...xml.replace(/<rPh[\s>][\s\S]*?<\/rPh>/g, '').matchAll(/<t(?:\s[^>]*)?>([\s\S]*?)<\/t>/g)].map((m) => decode(m[1]!)).join('');

/** Yields each whole `<name …>…</name>` or `<name …/>` element of a streamed document, in order. */
async function* elements(chunks: AsyncIterable<string>, names: readonly string[]): AsyncGenerator<{ name: string; xml: string }> {
  const start = new RegExp(`<(${names.join('|')})(?=[\\s/>])`, 'g');
  let buffer = '';
  for await (const chunk of chunks) {
    buffer += chunk;
    let consumed = 0;
    for (;;) {
      start.lastIndex = consumed;
      const open = start.exec(buffer);
      if (!open) {
        // Keep only a tag that may still be cut off at the end of the chunk.
        const lastTag = buffer.lastIndexOf('<');
        consumed = lastTag >= consumed ? lastTag : buffer.length;
        break;
      }
      const name = open[1]!;
      const tagEnd = buffer.indexOf('>', open.index);
      if (tagEnd < 0) {
        consumed = open.index;
        break;
      }
      let end = buffer[tagEnd - 1] === '/' ? tagEnd + 1 : -1;
      if (end < 0) {
        const close = buffer.indexOf(`</${name}>`, tagEnd);
        if (close < 0) {
          consumed = open.index;
          break;
        }
        end = close + name.length + 3;
      }
      yield { name, xml: buffer.slice(open.index, end) };
      consumed = end;
    }
    buffer = buffer.slice(consumed);
    if (buffer.length > MAX_ROW_XML_CHARS) throw refuse('upload.tooManyColumns', { max: MAX_ROSTER_COLUMNS });
  }
}

/** Targets of a relationships part, by id and by type (the last segment of the type URI). */
async function relationships(bytes: Uint8Array, zip: Map<string, ZipEntry>, path: string, base: string) {
  const byId = new Map<string, string>();
  const byType = new Map<string, string>();
  const entry = zip.get(path);
  if (!entry) return { byId, byType };
  for (const m of (await entryWholeText(bytes, entry)).matchAll(/<Relationship\s[^>]*>/g)) {
    const a = attributes(m[0]);
    const raw = a.get('Target') ?? '';
    const target = raw.startsWith('/') ? raw.slice(1) : normalise(base + raw);
    if (a.has('Id')) byId.set(a.get('Id')!, target);
    byType.set((a.get('Type') ?? '').split('/').pop() ?? '', target);
  }
  return { byId, byType };
}

const normalise = (path: string) => {
  const parts: string[] = [];
  for (const part of path.split('/')) {
    if (part === '..') parts.pop();
    else if (part !== '.' && part !== '') parts.push(part);
  }
  return parts.join('/');
};

// Built-in number formats that show a date or time (Excel's ids, the Chinese ones included).
const DATE_FORMAT_IDS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58]);
const isDateFormat = (code: string) => /[ymdhMsb]+/.test(code.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, ''));

/** For each cell style index, whether it shows numbers as dates. */
async function dateStyles(bytes: Uint8Array, entry: ZipEntry | undefined): Promise<boolean[]> {
  if (!entry) return [];
  const xml = await entryWholeText(bytes, entry);
  const custom = new Map<number, string>();
  for (const m of xml.matchAll(/<numFmt\s[^>]*>/g)) {
    const a = attributes(m[0]);
    custom.set(Number(a.get('numFmtId')), a.get('formatCode') ?? '');
  }
  const cellXfs = /<cellXfs[\s>][\s\S]*?<\/cellXfs>/.exec(xml)?.[0] ?? '';
  return [...cellXfs.matchAll(/<xf\s[^>]*>/g)].map((m) => {
    const id = Number(attributes(m[0]).get('numFmtId') ?? 0);
    return custom.has(id) ? isDateFormat(custom.get(id)!) : DATE_FORMAT_IDS.has(id);
  });
}

const pad = (n: number) => String(n).padStart(2, '0');
const dateText = (date: Date) => (Number.isNaN(date.getTime()) ? '' : `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`);
const serialDate = (serial: number, date1904: boolean) => new Date(Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * 24 * 3600 * 1000));

/** Reads the rows of the first worksheet; throws a refusal past the caps, UnreadableFile when it is no workbook. */
export async function readFirstSheet(bytes: Uint8Array): Promise<SheetRows> {
  const zip = readZipDirectory(bytes);
  const root = await relationships(bytes, zip, '_rels/.rels', '');
  const workbookPath = root.byType.get('officeDocument') ?? 'xl/workbook.xml';
  const workbookEntry = zip.get(workbookPath);
  if (!workbookEntry) throw new UnreadableFile();
  const base = workbookPath.includes('/') ? workbookPath.slice(0, workbookPath.lastIndexOf('/') + 1) : '';
  const rels = await relationships(bytes, zip, `${base}_rels/${workbookPath.slice(base.length)}.rels`, base);
  const workbook = await entryWholeText(bytes, workbookEntry);
  const date1904 = /^(1|true)$/.test(attributes(/<workbookPr\s[^>]*>/.exec(workbook)?.[0] ?? '').get('date1904') ?? '');
  const firstSheet = /<sheet\s[^>]*>/.exec(workbook)?.[0];
  const sheetId = firstSheet ? [...attributes(firstSheet)].find(([name]) => name.endsWith(':id'))?.[1] : undefined;
  const sheetEntry = sheetId ? zip.get(rels.byId.get(sheetId) ?? '') : undefined;
  if (!sheetEntry) throw new UnreadableFile();

  const shared: string[] = [];
  const sharedEntry = zip.get(rels.byType.get('sharedStrings') ?? `${base}sharedStrings.xml`);
  if (sharedEntry) for await (const { xml } of elements(entryText(bytes, sharedEntry), ['si'])) shared.push(stringText(xml));
  const dates = await dateStyles(bytes, zip.get(rels.byType.get('styles') ?? `${base}styles.xml`));

  const cellValue = (attrs: Map<string, string>, inner: string): string => {
    const type = attrs.get('t') ?? 'n';
    if (type === 'inlineStr') return stringText(/<is[\s>][\s\S]*?<\/is>/.exec(inner)?.[0] ?? '');
    const raw = /<v(?:\s[^>]*)?>([\s\S]*?)<\/v>/.exec(inner)?.[1];
    if (raw === undefined) return '';
    const v = decode(raw);
    if (type === 's') return shared[parseInt(v, 10)] ?? '';
    if (type === 'str' || type === 'e') return v;
    if (type === 'b') return parseInt(v, 10) !== 0 ? 'TRUE' : 'FALSE';
    if (type === 'd') return dateText(new Date(v));
    const number = parseFloat(v);
    if (!Number.isFinite(number)) return '';
    return dates[Number(attrs.get('s') ?? 0)] ? dateText(serialDate(number, date1904)) : String(number);
  };

  const rows = new Map<number, string[]>();
  const merges: string[] = [];
  let rowNumber = 0;
  for await (const { name, xml } of elements(entryText(bytes, sheetEntry), ['row', 'mergeCell'])) {
    if (name === 'mergeCell') {
      merges.push(attributes(xml.slice(0, xml.indexOf('>') + 1)).get('ref') ?? '');
      continue;
    }
    const rowAttrs = attributes(xml.slice(0, xml.indexOf('>') + 1));
    rowNumber = Number(rowAttrs.get('r') ?? rowNumber + 1) || rowNumber + 1;
    const record: string[] = [];
    let column = 0;
    for (const m of xml.matchAll(/<c(?=[\s/>])([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
      const attrs = attributes(m[1]!);
      column = columnOf(attrs.get('r') ?? '') || column + 1;
      const text = cellValue(attrs, m[2] ?? '');
      if (text === '') continue;
      if (column > MAX_ROSTER_COLUMNS) throw refuse('upload.tooManyColumns', { max: MAX_ROSTER_COLUMNS, cell: `${columnName(column)}${rowNumber}` });
      while (record.length < column - 1) record.push('');
      record[column - 1] = text;
    }
    if (record.length === 0) continue;
    rows.set(rowNumber, Object.assign(rows.get(rowNumber) ?? [], record));
    if (rows.size > MAX_ROSTER_ROWS) throw refuse('upload.tooManyRows', { max: MAX_ROSTER_ROWS });
  }
  fillMerges(rows, merges);
  const numbers = [...rows.keys()].sort((a, b) => a - b);
  return { table: numbers.map((n) => Array.from(rows.get(n)!, (cell) => cell ?? '')), rowNumbers: numbers };
}

/** Gives every cell of a merged range its top-left cell's text, as Excel shows it (within the caps). */
function fillMerges(rows: Map<number, string[]>, merges: readonly string[]) {
  let budget = MAX_ROSTER_ROWS * MAX_ROSTER_COLUMNS;
  for (const ref of merges) {
    const m = /^([A-Z]+)(\d+):([A-Z]+)(\d+)$/.exec(ref);
    if (!m) continue;
    const [left, top, right, bottom] = [columnOf(m[1]!), Number(m[2]), Math.min(columnOf(m[3]!), MAX_ROSTER_COLUMNS), Number(m[4])];
    const text = rows.get(top)?.[left - 1];
    if (!text) continue;
    for (let r = top; r <= bottom; r++) {
      const record = rows.get(r) ?? [];
      for (let c = left; c <= right; c++) {
        if (--budget < 0) throw refuse('upload.tooManyRows', { max: MAX_ROSTER_ROWS });
        while (record.length < c - 1) record.push('');
        record[c - 1] = text;
      }
      rows.set(r, record);
      if (rows.size > MAX_ROSTER_ROWS) throw refuse('upload.tooManyRows', { max: MAX_ROSTER_ROWS });
    }
  }
}
