import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/core/errors.ts';
import { parseRosterCsv } from '../../src/core/roster/parse-roster-csv.ts';
import { cellText, parseRosterXlsx } from '../../src/core/roster/parse-roster-xlsx.ts';
import { MAX_ROSTER_ROWS } from '../../src/core/roster/roster-limits.ts';
import { readFirstSheet } from '../../src/core/roster/xlsx-rows.ts';
import { farColumnWorkbook, lyingZipBomb, workbookOf, zipBomb } from '../support/xlsx-zip.ts';

// The parsers refuse files beyond the upload limits before building them, and read ordinary
// workbooks exactly as exceljs's full reader did.

const refusal = async (work: () => unknown) => {
  try {
    await work();
  } catch (error) {
    if (error instanceof UserError) return { key: error.key, params: error.params };
    throw error;
  }
  return null;
};
const utf8 = (text: string) => new TextEncoder().encode(text);
const csvRows = (count: number) => `姓名,手机号,学校,班级\n${Array.from({ length: count }, (_, i) => `教师${i},138${String(i).padStart(8, '0')},城关小学,1班`).join('\n')}\n`;

/** The rows exceljs's full reader gives (the way parse-roster-xlsx read workbooks before), trailing blanks trimmed. */
async function exceljsRows(bytes: Uint8Array) {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes.slice().buffer);
  const rows: { row: number; cells: string[] }[] = [];
  book.worksheets[0]!.eachRow((row, number) => {
    const cells: string[] = [];
    for (let column = 1; column <= row.cellCount; column++) cells.push(cellText(row.getCell(column).value));
    while (cells.length && cells.at(-1) === '') cells.pop();
    if (cells.length) rows.push({ row: number, cells });
  });
  return rows;
}

describe('roster upload limits in the parsers', () => {
  it('when a 9 KB workbook has a cell in column XFD on each of 1,500 rows it is refused at the first such cell', async () => {
    const bytes = farColumnWorkbook();
    expect(bytes.length).toBeGreaterThan(8_000);
    expect(bytes.length).toBeLessThan(10_240);
    expect(await refusal(() => parseRosterXlsx(bytes))).toEqual({ key: 'upload.tooManyColumns', params: { max: 50, cell: 'XFD2' } });
  });

  it('when cells far to the right hold no value they are ignored and the roster reads', async () => {
    const bytes = workbookOf(
      '<row r="1"><c r="A1" t="inlineStr"><is><t>姓名</t></is></c><c r="B1" t="inlineStr"><is><t>手机号</t></is></c><c r="C1" t="inlineStr"><is><t>学校</t></is></c><c r="D1" t="inlineStr"><is><t>班级</t></is></c><c r="XFD1" s="1"/></row>' +
        '<row r="2"><c r="A2" t="inlineStr"><is><t>张三</t></is></c><c r="B2"><v>13800001111</v></c><c r="C2" t="inlineStr"><is><t>城关小学</t></is></c><c r="D2" t="inlineStr"><is><t>1班</t></is></c><c r="XFD2" s="1"/></row>',
    );
    expect(await parseRosterXlsx(bytes)).toEqual({ rows: [{ line: 2, name: '张三', phone: '13800001111', school: '城关小学', className: '1班' }], errors: [], encoding: 'utf-8' });
  });

  it('when a workbook is a zip bomb it is refused from its directory, or as it inflates past what it declared', async () => {
    expect(await refusal(() => parseRosterXlsx(zipBomb(100)))).toEqual({ key: 'upload.unpackedTooLarge', params: { mb: 128 } });
    // Ratio alone: 20 MB of spaces packed into a few kilobytes is no spreadsheet.
    expect(await refusal(() => parseRosterXlsx(zipBomb(20)))).toEqual({ key: 'upload.unpackedTooLarge', params: { mb: 128 } });
    expect(await refusal(() => parseRosterXlsx(lyingZipBomb(20)))).toEqual({ key: 'upload.unpackedTooLarge', params: { mb: 128 } });
  });

  it(`when a CSV has more than ${MAX_ROSTER_ROWS} rows it is refused, and one with exactly that many reads`, async () => {
    expect(await refusal(() => parseRosterCsv(utf8(csvRows(MAX_ROSTER_ROWS))))).toEqual({ key: 'upload.tooManyRows', params: { max: MAX_ROSTER_ROWS } });
    const full = parseRosterCsv(utf8(csvRows(MAX_ROSTER_ROWS - 1)));
    expect(full.errors).toEqual([]);
    expect(full.rows).toHaveLength(MAX_ROSTER_ROWS - 1);
  });

  it('when a CSV row has a value beyond column 50 it is refused naming the cell; empty cells there are ignored', async () => {
    const wide = `姓名,手机号,学校,班级\n张三,13800001111,城关小学,1班${','.repeat(60)}备注\n`;
    expect(await refusal(() => parseRosterCsv(utf8(wide)))).toEqual({ key: 'upload.tooManyColumns', params: { max: 50, cell: 'BL2' } });
    const padded = parseRosterCsv(utf8(`姓名,手机号,学校,班级${','.repeat(200)}\n张三,13800001111,城关小学,1班${','.repeat(200)}\n`));
    expect(padded.rows).toEqual([{ line: 2, name: '张三', phone: '13800001111', school: '城关小学', className: '1班' }]);
  });

  it(`when a workbook has more than ${MAX_ROSTER_ROWS} rows it is refused`, async () => {
    let xml = '';
    for (let r = 1; r <= MAX_ROSTER_ROWS + 1; r++) xml += `<row r="${r}"><c r="A${r}"><v>${r}</v></c></row>`;
    expect(await refusal(() => parseRosterXlsx(workbookOf(xml)))).toEqual({ key: 'upload.tooManyRows', params: { max: MAX_ROSTER_ROWS } });
  });
});

describe('reading a workbook without exceljs', () => {
  it('when a workbook holds every kind of cell Excel writes each cell reads as exceljs read it', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('名单');
    sheet.addRow(['2026 年骨干教师培训名单 & 报到表 <一>']);
    sheet.addRow(['姓名', '手机号', '学校', '班级', '报到日期', '已缴费', '备注', '学时']);
    sheet.addRow([{ richText: [{ text: '王', font: { bold: true } }, { text: '芳' }] }, 13800001111, { text: '实验小学', hyperlink: 'https://example.edu.cn' }, '1班', new Date(Date.UTC(2026, 10, 23)), true, { formula: '"a"&"b"', result: 'ab' }, 2.5]);
    sheet.addRow(['李四', '13800002222', '城关小学', null, new Date(Date.UTC(2026, 0, 1)), false, { formula: '1/0', result: { error: '#DIV/0!' } }, { formula: '1+2', result: 3 }]);
    sheet.addRow([]);
    sheet.addRow(['  赵  六 ', '+86 138 0000 3333', '古井镇中心小学"本部"', '2班', 45000, null, "it's", -0.125]);
    sheet.getCell('E3').numFmt = 'yyyy-mm-dd';
    sheet.getCell('E6').numFmt = 'yyyy"年"m"月"d"日"';
    sheet.mergeCells('D3:D4');
    sheet.mergeCells('A1:H1');
    sheet.getCell('J9').value = '右下角';
    book.addWorksheet('说明').addRow(['这一页不是名单']);
    const bytes = new Uint8Array(await book.xlsx.writeBuffer());

    const ours = await readFirstSheet(bytes);
    const trimmed = ours.table.map((cells, i) => {
      const copy = [...cells];
      while (copy.length && copy.at(-1) === '') copy.pop();
      return { row: ours.rowNumbers[i]!, cells: copy };
    });
    expect(trimmed).toEqual(await exceljsRows(bytes));
    expect(trimmed[2]).toEqual({ row: 3, cells: ['王芳', '13800001111', '实验小学', '1班', '2026-11-23', 'TRUE', 'ab', '2.5'] });
  });
});
