import { describe, expect, it } from 'vitest';
import { parseClassInfo } from '../../src/core/timetable/class-info-phrase.ts';
import { parseTimetableTable } from '../../src/core/timetable/parse-timetable-table.ts';
import { askedDay, expandTimetable, parseTimetablePhrase, sessionSelector, type ClassDays } from '../../src/core/timetable/timetable-phrase.ts';
import { formatChinaDateTime, formatChinaIsoDate } from '../../src/core/time/parse-time-phrase.ts';

const NONE: ClassDays = { startsOn: null, endsOn: null };
const at = (iso: string) => new Date(iso);
const days = (spec: ReturnType<typeof parseTimetablePhrase>) => {
  if ('problem' in spec) throw new Error(spec.problem);
  return expandTimetable(spec);
};

describe('a timetable typed in one message', () => {
  it('when ten weekdays over two weeks have two slots each it makes 20 sessions and skips the weekends', () => {
    const sessions = days(parseTimetablePhrase('12月7日-12月18日 每天 8:30-11:30 学时3、14:30-17:30 学时3 周末除外', at('2026-12-03T20:00:00+08:00'), NONE));
    expect(sessions).toHaveLength(20);
    expect(formatChinaDateTime(sessions[0]!.startsAt)).toBe('12月7日 08:30');
    expect(formatChinaDateTime(sessions.at(-1)!.endsAt)).toBe('12月18日 17:30');
    expect(sessions.map((s) => formatChinaIsoDate(s.startsAt))).not.toContain('2026-12-12');
    expect(sessions.every((s) => s.hours === 3)).toBe(true);
  });

  it('when written with Chinese commas, 至/到/~, 上午/下午/晚上, titles and 不含周末 it reads the same way', () => {
    const sessions = days(parseTimetablePhrase('12月7日至11日，上午8:30~11:30 学时3 开班仪式 主讲 王教授，下午2:30到5:30 3学时；晚上7点-9点 学时2 不含周末', at('2026-12-03T09:00:00+08:00'), NONE));
    expect(sessions).toHaveLength(15);
    expect(sessions[0]).toMatchObject({ title: '开班仪式', lecturer: '王教授', hours: 3 });
    expect(formatChinaDateTime(sessions[1]!.startsAt)).toBe('12月7日 14:30');
    expect(formatChinaDateTime(sessions[2]!.startsAt)).toBe('12月7日 19:00');
  });

  it('when the days are left out it uses the class dates, and without them it asks for dates', () => {
    const classDays: ClassDays = { startsOn: { year: 2026, month: 12, day: 7 }, endsOn: { year: 2026, month: 12, day: 8 } };
    expect(days(parseTimetablePhrase('每天 8:30-11:30', at('2026-12-03T09:00:00+08:00'), classDays))).toHaveLength(2);
    expect(parseTimetablePhrase('每天 8:30-11:30', at('2026-12-03T09:00:00+08:00'), NONE)).toEqual({ problem: 'timetable.badDays' });
    expect(parseTimetablePhrase('12月7日-12月8日 每天', at('2026-12-03T09:00:00+08:00'), NONE)).toEqual({ problem: 'timetable.noSlots' });
    expect(parseTimetablePhrase('12月7日-12月8日 8:30-11:30、10:00-12:00', at('2026-12-03T09:00:00+08:00'), NONE)).toEqual({ problem: 'timetable.slotsOverlap', params: { first: '08:30–11:30', second: '10:00–12:00' } });
  });

  it('when a date has no year it is in the class dates if they hold it, else this year (next when over half a year ago), at any hour', () => {
    // In January, a class that began in December: 12月30日 is last month, not next December.
    const winter: ClassDays = { startsOn: { year: 2026, month: 12, day: 28 }, endsOn: { year: 2027, month: 1, day: 8 } };
    const inJanuary = days(parseTimetablePhrase('12月30日-1月8日 8:30-11:30', at('2027-01-05T07:00:00+08:00'), winter));
    expect(formatChinaIsoDate(inJanuary[0]!.startsAt)).toBe('2026-12-30');
    expect(formatChinaIsoDate(inJanuary.at(-1)!.startsAt)).toBe('2027-01-08');
    // Without class dates, a range across the new year ends in the next year.
    expect(formatChinaIsoDate(days(parseTimetablePhrase('12月30日-1月2日 8:30-11:30', at('2026-12-03T09:00:00+08:00'), NONE)).at(-1)!.startsAt)).toBe('2027-01-02');
    // In December, 3月 is next spring.
    expect(formatChinaIsoDate(days(parseTimetablePhrase('3月2日 8:30-11:30', at('2026-12-03T09:00:00+08:00'), NONE))[0]!.startsAt)).toBe('2027-03-02');
    // 明天 is China's tomorrow a minute before and after midnight (UTC is still the day before).
    for (const [now, expected] of [['2026-12-06T23:59:00+08:00', '2026-12-07'], ['2026-12-07T00:01:00+08:00', '2026-12-08'], ['2026-12-07T07:59:00+08:00', '2026-12-08']] as const) {
      expect(formatChinaIsoDate(days(parseTimetablePhrase('明天 8:30-11:30', at(now), NONE))[0]!.startsAt)).toBe(expected);
    }
  });

  it('when a session is addressed by day and half-day the selector and the rest are read', () => {
    expect(sessionSelector('12月9日上午 9:00-12:00', at('2026-12-03T09:00:00+08:00'), NONE)).toEqual({ date: { year: 2026, month: 12, day: 9 }, half: '上午', rest: '9:00-12:00', glued: false });
    // 「明天 下午2点-5点」: the 下午 belongs to the new time.
    expect(sessionSelector('明天 下午2点-5点', at('2026-12-03T09:00:00+08:00'), NONE)).toMatchObject({ glued: true });
    expect(sessionSelector('12月10日 下午 专家有事', at('2026-12-03T09:00:00+08:00'), NONE)).toMatchObject({ half: '下午', rest: '专家有事' });
    expect(sessionSelector('12月10日全天', at('2026-12-03T09:00:00+08:00'), NONE)).toMatchObject({ half: undefined });
    // A move of the next session to another day is not a selector.
    expect(sessionSelector('明天 9:00-12:00', at('2026-12-03T09:00:00+08:00'), NONE)).toBeNull();
    expect(askedDay('明天下午', at('2026-12-07T23:30:00+08:00'), NONE)).toEqual({ date: { year: 2026, month: 12, day: 8 }, half: '下午' });
    expect(askedDay('下午', at('2026-12-07T00:30:00+08:00'), NONE)).toEqual({ date: { year: 2026, month: 12, day: 7 }, half: '下午' });
  });
});

describe('a class set in one message', () => {
  it('when dates, venue, coordinates and radius are given each is read; bad ones are refused by key', () => {
    expect(parseClassInfo('3月2日-3月11日 地点 县教师发展中心三楼报告厅 坐标 33.85，115.78 半径300米', at('2026-12-03T09:00:00+08:00'))).toEqual({
      startsOn: { year: 2027, month: 3, day: 2 },
      endsOn: { year: 2027, month: 3, day: 11 },
      venue: '县教师发展中心三楼报告厅',
      latitude: 33.85,
      longitude: 115.78,
      radiusMeters: 300,
    });
    expect(parseClassInfo('半径 0.5公里', at('2026-12-03T09:00:00+08:00'))).toEqual({ radiusMeters: 500 });
    expect(parseClassInfo('坐标 133.85,115.78', at('2026-12-03T09:00:00+08:00'))).toEqual({ problem: 'classInfo.badCoordinates' });
    expect(parseClassInfo('半径 9公里', at('2026-12-03T09:00:00+08:00'))).toEqual({ problem: 'classInfo.badRadius' });
    expect(parseClassInfo('下周', at('2026-12-03T09:00:00+08:00'))).toEqual({ problem: 'classInfo.badDates' });
  });
});

describe('a timetable file', () => {
  it('when rows have Chinese headers, Excel dates and times they are read; every bad row is named by line', () => {
    const table = [
      ['2026年12月培训课表'],
      ['日期', '开始', '结束', '课程', '学时', '主讲', '地点'],
      ['2026-12-07', '8:30', '11:30', '开班仪式', '3', '王教授', '报告厅'],
      ['46363', '0.604166667', '0.729166667', '', '', '', ''],
      ['12月8日', '14:30', '13:00', '', '3', '', ''],
      ['明年', '8:30', '11:30', '', 'x', '', ''],
    ];
    const result = parseTimetableTable(table, at('2026-12-03T09:00:00+08:00'), NONE);
    expect(result.rows).toHaveLength(2);
    expect(result.rows[0]).toMatchObject({ line: 3, title: '开班仪式', hours: 3, lecturer: '王教授', place: '报告厅' });
    expect(formatChinaDateTime(result.rows[1]!.startsAt)).toBe('12月7日 14:30');
    expect(result.errors.map((e) => e.message)).toEqual(['第 5 行：结束时间应晚于开始时间', '第 6 行：日期“明年”看不懂；学时“x”应为 0–24 的数字']);
    expect(parseTimetableTable([['课程', '学时']], at('2026-12-03T09:00:00+08:00'), NONE).errors[0]!.message).toBe('第 1 行（表头）缺少列：日期、开始、结束');
  });
});
