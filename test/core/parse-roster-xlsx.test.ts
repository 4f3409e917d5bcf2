import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { parseRosterCsv } from '../../src/core/roster/parse-roster-csv.ts';
import { cellText, parseRosterXlsx } from '../../src/core/roster/parse-roster-xlsx.ts';

const POLITE = '无法读取这个 Excel 文件，请另存为 .xlsx 或 CSV 后重试。';
const HEADER = ['姓名', '手机号', '学校', '班级'];

/** Builds an .xlsx in memory; `rows` maps an Excel row number to its cell values (gaps are empty rows). */
async function workbook(rows: Record<number, ExcelJS.CellValue[]>, edit?: (sheet: ExcelJS.Worksheet) => void): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('名单');
  for (const [number, values] of Object.entries(rows)) {
    values.forEach((value, column) => {
      sheet.getCell(Number(number), column + 1).value = value;
    });
  }
  edit?.(sheet);
  book.addWorksheet('说明').addRow(['这一页不是名单']);
  return new Uint8Array(await book.xlsx.writeBuffer());
}
const sequential = (...rows: ExcelJS.CellValue[][]) => Object.fromEntries(rows.map((row, index) => [index + 1, row]));
const utf8 = (text: string) => new TextEncoder().encode(text);

describe('parseRosterXlsx', () => {
  it('when the workbook holds the same rows as a CSV it returns exactly what parseRosterCsv returns', async () => {
    const lines = [
      ['2026年小学数学骨干教师培训名单', '', '', '', '', ''],
      ['教师姓名', '联系电话', '工作单位', '班级名称', '县区', '学科'],
      ['张三', '13800001111', '城关小学', '小学数学1班', '谯城区', '数学'],
      ['王  芳', '+86 138 0000 2222', '实验小学，本部', '小学数学1班', '', ''],
      ['李四', '1380000', '城关小学', '小学数学1班', '', ''],
    ];
    const csv = parseRosterCsv(utf8(lines.map((l) => l.join(',')).join('\n')));
    const xlsx = await parseRosterXlsx(await workbook(sequential(...lines)));
    expect(xlsx).toEqual(csv);
    expect(xlsx.rows.map((r) => [r.line, r.name])).toEqual([
      [3, '张三'],
      [4, '王芳'],
    ]);
    expect(xlsx.errors).toEqual([{ line: 5, message: '第 5 行：手机号“138****”不是 11 位手机号' }]);
  });

  it('when the phone is stored as a number it reads all 11 digits, never scientific notation', async () => {
    const result = await parseRosterXlsx(await workbook(sequential(HEADER, ['张三', 13800001111, '城关小学', 1])));
    expect(result.errors).toEqual([]);
    expect(result.rows).toEqual([{ line: 2, name: '张三', phone: '13800001111', school: '城关小学', className: '1' }]);
  });

  it('when cells hold rich text, a hyperlink or a formula it reads the text the user sees', async () => {
    const bytes = await workbook(
      sequential(
        [...HEADER, '学科'],
        [
          { richText: [{ text: '王', font: { bold: true } }, { text: '芳' }] },
          { text: '13800002222', hyperlink: 'tel:13800002222' },
          { text: '实验小学', hyperlink: 'https://example.edu.cn' },
          { formula: '"数学"&"1班"', result: '数学1班' },
          { richText: [{ text: '语' }, { text: '文' }] },
        ],
      ),
    );
    const result = await parseRosterXlsx(bytes);
    expect(result.errors).toEqual([]);
    expect(result.rows).toEqual([{ line: 2, name: '王芳', phone: '13800002222', school: '实验小学', className: '数学1班', subject: '语文' }]);
  });

  it('when a class cell is merged down several rows every row gets the class', async () => {
    const bytes = await workbook(sequential(HEADER, ['张三', '13800001111', '城关小学', '1班'], ['李四', '13800002222', '城关小学', null]), (sheet) => sheet.mergeCells('D2:D3'));
    const result = await parseRosterXlsx(bytes);
    expect(result.errors).toEqual([]);
    expect(result.rows.map((r) => r.className)).toEqual(['1班', '1班']);
  });

  it('when empty rows sit in the middle they are skipped and later errors name the Excel row', async () => {
    const bytes = await workbook({
      1: HEADER,
      2: ['张三', '13800001111', '城关小学', '1班'],
      // row 3 missing entirely; row 4 has only blanks
      4: ['  ', '', null, '\u3000'],
      5: ['李四', '13800002222', '城关小学', '1班'],
      7: ['王五', '123', '城关小学', '1班'],
    });
    const result = await parseRosterXlsx(bytes);
    expect(result.rows.map((r) => [r.line, r.name])).toEqual([
      [2, '张三'],
      [5, '李四'],
    ]);
    expect(result.errors).toEqual([{ line: 7, message: '第 7 行：手机号“123”不是 11 位手机号' }]);
  });

  it('when one row has a bad phone it gives exactly one error naming that row and keeps the good rows', async () => {
    const bytes = await workbook(sequential(HEADER, ['张三', '13800001111', '城关小学', '1班'], ['王五', '138000011112', '城关小学', '1班'], ['赵六', 13800003333, '实验小学', '1班']));
    const result = await parseRosterXlsx(bytes);
    expect(result.errors).toEqual([{ line: 3, message: '第 3 行：手机号“138*****1112”不是 11 位手机号' }]);
    expect(JSON.stringify(result.errors)).not.toMatch(/1\d{10}/);
    expect(result.rows.map((r) => r.line)).toEqual([2, 4]);
  });

  it('when the header is missing columns it names them on the header row', async () => {
    const result = await parseRosterXlsx(await workbook({ 2: ['姓名', '学校'], 3: ['张三', '城关小学'] }));
    expect(result).toEqual({ rows: [], errors: [{ line: 2, message: '第 2 行（表头）缺少列：手机号、班级' }], encoding: 'utf-8' });
  });

  it('when the bytes are not an .xlsx workbook it returns one polite error instead of throwing', async () => {
    const garbage = new Uint8Array(256).map((_, i) => (i * 37 + 11) % 256);
    const truncated = (await workbook(sequential(HEADER))).slice(0, 200);
    for (const bytes of [garbage, new Uint8Array(), utf8('姓名,手机号,学校,班级\n张三,13800001111,城关小学,1班\n'), truncated]) {
      await expect(parseRosterXlsx(bytes)).resolves.toEqual({ rows: [], errors: [{ line: 1, message: POLITE }], encoding: 'utf-8' });
    }
    const xls = await parseRosterXlsx(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]));
    expect(xls.errors).toEqual([{ line: 1, message: expect.stringContaining('另存为 .xlsx 或 CSV') }]);
  });

  it('when the worksheet is empty it asks for a header row', async () => {
    const result = await parseRosterXlsx(await workbook({}));
    expect(result.errors).toEqual([{ line: 1, message: '文件是空的：第 1 行应为表头，例如“姓名,手机号,学校,班级”' }]);
  });
});

describe('cellText', () => {
  it('turns every kind of exceljs value into the text shown in the cell', () => {
    expect(cellText(null)).toBe('');
    expect(cellText(undefined)).toBe('');
    expect(cellText(13800001111)).toBe('13800001111');
    expect(cellText(2.5)).toBe('2.5');
    expect(cellText(new Date(Date.UTC(2026, 2, 5)))).toBe('2026-03-05');
    expect(cellText({ formula: 'A1', result: 13800001111 })).toBe('13800001111');
    expect(cellText({ formula: 'TODAY()', result: new Date(Date.UTC(2026, 11, 31)) })).toBe('2026-12-31');
    expect(cellText({ sharedFormula: 'A1', result: undefined } as ExcelJS.CellValue)).toBe('');
    expect(cellText({ error: '#N/A' } as ExcelJS.CellValue)).toBe('#N/A');
    expect(cellText(true)).toBe('TRUE');
  });
});
