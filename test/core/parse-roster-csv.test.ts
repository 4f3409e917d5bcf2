import { describe, expect, it } from 'vitest';
import { parseRosterCsv } from '../../src/core/roster/parse-roster-csv.ts';

let gbkTable: Map<string, [number, number]> | undefined;
/** Encodes text as GBK, as Excel saves a CSV on a Chinese Windows machine (TextEncoder only does UTF-8). */
function gbk(text: string): Uint8Array {
  if (!gbkTable) {
    gbkTable = new Map();
    const decoder = new TextDecoder('gbk');
    for (let hi = 0x81; hi <= 0xfe; hi++) {
      for (let lo = 0x40; lo <= 0xfe; lo++) {
        const ch = decoder.decode(new Uint8Array([hi, lo]));
        if (ch.length === 1 && ch !== '\uFFFD' && !gbkTable.has(ch)) gbkTable.set(ch, [hi, lo]);
      }
    }
  }
  const table = gbkTable;
  return new Uint8Array(
    [...text].flatMap((c) => {
      if (c.charCodeAt(0) < 0x80) return [c.charCodeAt(0)];
      const pair = table.get(c);
      if (!pair) throw new Error(`no GBK code for ${c}`);
      return pair;
    }),
  );
}
const utf8 = (text: string, bom = false) => new Uint8Array([...(bom ? [0xef, 0xbb, 0xbf] : []), ...new TextEncoder().encode(text)]);
const noWholePhone = (errors: { message: string }[]) => expect(JSON.stringify(errors)).not.toMatch(/1\d{10}/);

describe('parseRosterCsv: encodings', () => {
  it('when Excel saved the roster as GBK it reads the Chinese names and schools', () => {
    const bytes = gbk('姓名,手机号,学校,班级\r\n张三,13800001111,城关小学,小学数学1班\r\n');
    expect([...bytes.slice(0, 4)]).toEqual([0xd0, 0xd5, 0xc3, 0xfb]); // 姓名 in GBK
    const result = parseRosterCsv(bytes);
    expect(result.encoding).toBe('gbk');
    expect(result.errors).toEqual([]);
    expect(result.rows).toEqual([{ line: 2, name: '张三', phone: '13800001111', school: '城关小学', className: '小学数学1班' }]);
  });

  it('when the file is UTF-8 with a BOM it reads the first header cell correctly', () => {
    const result = parseRosterCsv(utf8('姓名,手机号,学校,班级\n李四,13800002222,实验小学,数学1班\n', true));
    expect(result.encoding).toBe('utf-8');
    expect(result.errors).toEqual([]);
    expect(result.rows).toEqual([{ line: 2, name: '李四', phone: '13800002222', school: '实验小学', className: '数学1班' }]);
  });

  it('when the file is UTF-8 without a BOM it is still read as UTF-8', () => {
    const result = parseRosterCsv(utf8('教师姓名,联系电话,工作单位,班级名称\n李四,13800002222,实验小学,数学1班\n'));
    expect(result.encoding).toBe('utf-8');
    expect(result.rows[0]?.name).toBe('李四');
  });

  it('when the file is an .xlsx workbook or UTF-16 text it says how to save it as CSV', () => {
    const xlsx = parseRosterCsv(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00]));
    expect(xlsx.rows).toEqual([]);
    expect(xlsx.errors).toEqual([{ line: 1, message: expect.stringContaining('另存为') }]);
    const utf16 = parseRosterCsv(new Uint8Array([0xff, 0xfe, 0xd3, 0x59, 0x0d, 0x54]));
    expect(utf16.errors[0]?.message).toContain('UTF-16');
  });
});

describe('parseRosterCsv: headers', () => {
  it('when the headers are English in any case it maps them, optional columns included', () => {
    const result = parseRosterCsv(utf8(' NAME ,Mobile,School,CLASS,County,Subject,Stage\nLi Si,13800002222,Experimental School,Math 1,谯城区,数学,小学\n'));
    expect(result.errors).toEqual([]);
    expect(result.rows).toEqual([
      { line: 2, name: 'Li Si', phone: '13800002222', school: 'Experimental School', className: 'Math 1', county: '谯城区', subject: '数学', stage: '小学' },
    ]);
  });

  it('when required columns are missing it names them in Chinese on line 1 and returns no rows', () => {
    expect(parseRosterCsv(utf8('姓名,学校\n张三,城关小学\n'))).toEqual({
      rows: [],
      errors: [{ line: 1, message: '第 1 行（表头）缺少列：手机号、班级' }],
      encoding: 'utf-8',
    });
  });

  it('when a title row sits above the header it finds the header and keeps spreadsheet line numbers', () => {
    const result = parseRosterCsv(utf8('2026年小学数学骨干教师培训名单,,,\n姓名,手机号,学校,班级\n张三,1380000111,城关小学,1班\n'));
    expect(result.errors).toEqual([{ line: 3, message: '第 3 行：手机号“138***0111”不是 11 位手机号' }]);
  });

  it('when the file is empty or only blank lines it says what the first line should be', () => {
    for (const bytes of [utf8(''), utf8('', true), utf8('\r\n\r\n'), utf8(',,,\n')]) {
      const result = parseRosterCsv(bytes);
      expect(result.rows).toEqual([]);
      expect(result.errors).toEqual([{ line: 1, message: '文件是空的：第 1 行应为表头，例如“姓名,手机号,学校,班级”' }]);
    }
  });
});

describe('parseRosterCsv: rows', () => {
  it('when a row has a bad phone the error names its line, masks the phone, and good rows are still returned', () => {
    const result = parseRosterCsv(utf8('姓名,手机,学校,班级\n张三,13800001111,城关小学,1班\n王五,1380013,城关小学,1班\n赵六,13800003333,实验小学,1班\n'));
    expect(result.errors).toEqual([{ line: 3, message: '第 3 行：手机号“138****”不是 11 位手机号' }]);
    expect(result.rows.map((r) => [r.line, r.name])).toEqual([
      [2, '张三'],
      [4, '赵六'],
    ]);
  });

  it('when a bad phone is long it shows only the first three and last four digits', () => {
    const result = parseRosterCsv(utf8('姓名,手机,学校,班级\n王五,138000011112,城关小学,1班\n钱七,无,城关小学,1班\n'));
    expect(result.errors).toEqual([
      { line: 2, message: '第 2 行：手机号“138*****1112”不是 11 位手机号' },
      { line: 3, message: '第 3 行：手机号“无”不是 11 位手机号' },
    ]);
    noWholePhone(result.errors);
  });

  it('when a phone appears twice the later line is reported with the earlier line number', () => {
    const result = parseRosterCsv(utf8('姓名,手机号,学校,班级\n张三,13800001111,城关小学,1班\n李四,13800002222,城关小学,1班\n赵六,138-0000-1111,实验小学,1班\n'));
    expect(result.errors).toEqual([{ line: 4, message: '第 4 行：手机号 138****1111 与第 2 行重复' }]);
    expect(result.rows.map((r) => r.name)).toEqual(['张三', '李四']);
  });

  it('when phones have full-width digits, +86, 86, spaces or dashes they are normalised to 11 digits', () => {
    const result = parseRosterCsv(
      utf8(
        '姓名,手机号,学校,班级\n' +
          '甲,１３８００００１１１１,城关小学,1班\n' +
          '乙,+86 138 0000 2222,城关小学,1班\n' +
          '丙,8613800003333,城关小学,1班\n' +
          '丁,＋８６　１３８－００００－４４４４,城关小学,1班\n' +
          '戊,0086-138-0000-5555,城关小学,1班\n',
      ),
    );
    expect(result.errors).toEqual([]);
    expect(result.rows.map((r) => r.phone)).toEqual(['13800001111', '13800002222', '13800003333', '13800004444', '13800005555']);
  });

  it('when Excel turned the phone into scientific notation it says how to fix the column', () => {
    const result = parseRosterCsv(utf8('姓名,手机号,学校,班级\n张三,1.38E+10,城关小学,1班\n'));
    expect(result.errors[0]?.message).toContain('科学计数法');
  });

  it('when a quoted field contains a comma or a line break it stays one cell and later lines keep their spreadsheet numbers', () => {
    const result = parseRosterCsv(utf8('姓名,手机号,学校,班级\n李四,13800002222,"实验小学,本部",数学1班\n王五,13800003333,"城关小学\n（东校区）",数学1班\n赵六,1380000,城关小学,数学1班\n'));
    expect(result.rows.map((r) => r.school)).toEqual(['实验小学,本部', '城关小学 （东校区）']);
    expect(result.errors).toEqual([{ line: 4, message: '第 4 行：手机号“138****”不是 11 位手机号' }]);
  });

  it('when a full-width comma appears it is part of the cell, not a separator', () => {
    const result = parseRosterCsv(utf8('姓名,手机号,学校,班级\n李四,13800002222,实验小学，本部,数学1班\n'));
    expect(result.rows[0]?.school).toBe('实验小学，本部');
  });

  it('when lines end in CRLF with blank rows in between and at the end the numbering still follows the spreadsheet', () => {
    const result = parseRosterCsv(utf8('姓名,手机号,学校,班级\r\n张三,13800001111,城关小学,1班\r\n\r\n,,,\r\n李四,123,城关小学,1班\r\n\r\n\r\n'));
    expect(result.rows.map((r) => r.line)).toEqual([2]);
    expect(result.errors).toEqual([{ line: 5, message: '第 5 行：手机号“123”不是 11 位手机号' }]);
  });

  it('when the file is tab-separated it still reads it', () => {
    const result = parseRosterCsv(utf8('姓名\t手机号\t学校\t班级\t学科\n孙八\t13800006666\t古井镇中心小学,本部\t1班\t语文\n'));
    expect(result.errors).toEqual([]);
    expect(result.rows).toEqual([{ line: 2, name: '孙八', phone: '13800006666', school: '古井镇中心小学,本部', className: '1班', subject: '语文' }]);
  });

  it('when cells have padding it trims them and drops the alignment spaces inside a Chinese name', () => {
    const result = parseRosterCsv(utf8('姓名,手机号,学校,班级\n  王  芳 , 13800001111 ,\u3000城关小学\u3000, 1班 \n'));
    expect(result.rows).toEqual([{ line: 2, name: '王芳', phone: '13800001111', school: '城关小学', className: '1班' }]);
  });

  it('when a row has several problems they are joined in one error for that line', () => {
    const result = parseRosterCsv(utf8('姓名,手机号,学校,班级\n,12345,,\n'));
    expect(result.errors).toEqual([{ line: 2, message: '第 2 行：姓名为空；手机号“123**”不是 11 位手机号；学校为空；班级为空' }]);
  });

  it('when the name is only digits, too long or has control characters it is rejected without echoing a phone', () => {
    const long = '张'.repeat(41);
    const result = parseRosterCsv(utf8(`姓名,手机号,学校,班级\n13800009999,13800001111,城关小学,1班\n${long},13800002222,城关小学,1班\n"李\n四",13800003333,城关小学,1班\n张三,13800004444,${'校'.repeat(81)},1班\n`));
    expect(result.errors).toEqual([
      { line: 2, message: '第 2 行：姓名不能只有数字' },
      { line: 3, message: '第 3 行：姓名超过 40 个字' },
      { line: 4, message: '第 4 行：姓名里有换行或不可见字符' },
      { line: 5, message: '第 5 行：学校名称超过 80 个字' },
    ]);
    expect(result.rows).toEqual([]);
    noWholePhone(result.errors);
  });

  it('when a quote is never closed it reports the row where the broken cell starts', () => {
    const result = parseRosterCsv(utf8('姓名,手机号,学校,班级\n张三,13800001111,城关小学,1班\n李四,13800002222,"实验小学,1班\n王五,13800003333,城关小学,1班\n'));
    expect(result.rows).toEqual([]);
    expect(result.errors).toEqual([{ line: 3, message: '第 3 行：有一格的引号没有配对，请在 Excel 中打开后重新另存为 CSV' }]);
  });

  it('when a stray quote sits inside an unquoted cell it is kept as text', () => {
    const result = parseRosterCsv(utf8('姓名,手机号,学校,班级\n张三,13800001111,城关"一"小,1班\n'));
    expect(result.rows[0]?.school).toBe('城关"一"小');
  });
});
