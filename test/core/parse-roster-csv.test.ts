import { describe, expect, it } from 'vitest';
import { parseRosterCsv } from '../../src/core/roster/parse-roster-csv.ts';
import { maskPhone, normalizePhone } from '../../src/core/privacy.ts';

/** Encodes text as GBK, as Excel saves a CSV on a Chinese Windows machine. */
function gbk(text: string): Uint8Array {
  const table = new Map<string, number[]>();
  const decoder = new TextDecoder('gbk');
  for (let hi = 0x81; hi <= 0xfe; hi++) {
    for (let lo = 0x40; lo <= 0xfe; lo++) {
      const ch = decoder.decode(new Uint8Array([hi, lo]));
      if (ch.length === 1 && !table.has(ch)) table.set(ch, [hi, lo]);
    }
  }
  return new Uint8Array([...text].flatMap((c) => (c.charCodeAt(0) < 0x80 ? [c.charCodeAt(0)] : table.get(c) ?? [0x3f])));
}
const utf8 = (text: string, bom = false) => new Uint8Array([...(bom ? [0xef, 0xbb, 0xbf] : []), ...new TextEncoder().encode(text)]);

describe('parseRosterCsv', () => {
  it('when Excel saved the roster as GBK it reads the Chinese names and schools', () => {
    const result = parseRosterCsv(gbk('姓名,手机号,学校,班级\r\n张三,13800001111,城关小学,小学数学1班\r\n'));
    expect(result.encoding).toBe('gbk');
    expect(result.errors).toEqual([]);
    expect(result.rows).toEqual([{ line: 2, name: '张三', phone: '13800001111', school: '城关小学', className: '小学数学1班' }]);
  });
  it('when the file is UTF-8 with a BOM and English headers it reads them, optional columns included', () => {
    const result = parseRosterCsv(utf8('Name,Phone,School,Class,County,Subject\n李四,+86 138-0000-2222,"实验小学,本部",数学1班,谯城区,数学\n', true));
    expect(result.encoding).toBe('utf-8');
    expect(result.rows[0]).toEqual({ line: 2, name: '李四', phone: '13800002222', school: '实验小学,本部', className: '数学1班', county: '谯城区', subject: '数学' });
  });
  it('when a row is broken the error names its line and masks the phone, and good rows are still returned', () => {
    const result = parseRosterCsv(utf8('姓名,手机,学校,班级\n张三,13800001111,城关小学,1班\n\n王五,1380013999,城关小学,1班\n赵六,13800001111,实验小学,1班\n,13800004444,实验小学,1班\n'));
    expect(result.errors).toEqual([
      { line: 4, message: '第 4 行：手机号“138***3999”不是 11 位手机号' },
      { line: 5, message: '第 5 行：手机号 138****1111 与第 2 行重复' },
      { line: 6, message: '第 6 行：姓名为空' },
    ]);
    expect(result.rows.map((r) => r.name)).toEqual(['张三']);
    expect(JSON.stringify(result.errors)).not.toMatch(/\d{11}/);
  });
  it('when required columns are missing it says which, in Chinese', () => {
    expect(parseRosterCsv(utf8('姓名,学校\n张三,城关小学\n')).errors).toEqual([{ line: 1, message: '第 1 行（表头）缺少列：手机号、班级' }]);
  });
  it('when the file is empty it says what the first line should be', () => {
    expect(parseRosterCsv(utf8('')).errors[0]?.message).toContain('文件是空的');
  });
  it('when the file is tab-separated with full-width digits it still reads it', () => {
    const result = parseRosterCsv(utf8('姓名\t手机号\t学校\t班级\n孙八\t１３８００００６６６６\t古井镇中心小学\t1班\n'));
    expect(result.rows[0]?.phone).toBe('13800006666');
  });
});

describe('phone privacy', () => {
  it('when a phone is shown it is masked to the first three and last four digits', () => {
    expect(maskPhone('13800001234')).toBe('138****1234');
  });
  it('when a phone is typed with +86, spaces or full-width digits it normalises to 11 digits, and rejects non-mobiles', () => {
    expect(normalizePhone('+86 138 0000 1234')).toBe('13800001234');
    expect(normalizePhone('１３８００００１２３４')).toBe('13800001234');
    expect(normalizePhone('010-12345678')).toBeNull();
    expect(normalizePhone('12800001234')).toBeNull();
  });
});
