import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { rosterParser } from '../../src/core/roster/parse-off-thread.ts';
import { parseTimetableTable } from '../../src/core/timetable/parse-timetable-table.ts';
import { formatChinaDateTime } from '../../src/core/time/parse-time-phrase.ts';

// A timetable workbook as Excel writes it (real dates and times in cells) goes through the roster's
// bounded worker-thread reader and comes out as sessions; and a CSV.

const parser = rosterParser();
afterAll(() => parser.close());

describe('a timetable file read off the event loop', () => {
  it('when an .xlsx holds Excel dates and times each row becomes a session at its China time', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('课表');
    sheet.addRow(['日期', '开始', '结束', '课程', '学时', '主讲', '地点']);
    sheet.addRow([new Date(Date.UTC(2026, 11, 7)), '8:30', '11:30', '开班仪式', 3, '王教授', '报告厅']);
    sheet.addRow(['2026-12-07', 14.5 / 24, 17.5 / 24, '新课标解读', 3, '', '']);
    const table = await parser.table(new Uint8Array(await book.xlsx.writeBuffer()), 'xlsx');
    if ('refused' in table) throw new Error(table.refused.message);
    const result = parseTimetableTable(table.records, new Date('2026-12-03T09:00:00+08:00'), { startsOn: null, endsOn: null }, (i) => table.lines[i]!);
    expect(result.errors).toEqual([]);
    expect(result.rows.map((r) => [r.line, formatChinaDateTime(r.startsAt), formatChinaDateTime(r.endsAt), r.title])).toEqual([
      [2, '12月7日 08:30', '12月7日 11:30', '开班仪式'],
      [3, '12月7日 14:30', '12月7日 17:30', '新课标解读'],
    ]);
  });

  it('when a CSV with English headers comes its cells are read; an old .xls is refused with a line', async () => {
    const csv = new Uint8Array([...new TextEncoder().encode('date,start,end,title\n2026-12-08,9:00,10:00,')]);
    const table = await parser.table(csv, 'csv');
    expect('records' in table && table.records[1]).toEqual(['2026-12-08', '9:00', '10:00', '']);
    expect(await parser.table(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0, 0]), 'xlsx')).toEqual({ refused: { line: 1, message: expect.stringContaining('.xls') } });
  });
});
