import { describe, expect, it } from 'vitest';
import {
  chinaTime,
  formatChinaClock,
  formatChinaDate,
  formatChinaDateTime,
  parseClock,
  parseDateTime,
  parseLocalDate,
  parseTimeRange,
} from '../../src/core/time/parse-time-phrase.ts';

// Sunday 2026-11-22 09:00 in China.
const now = new Date('2026-11-22T01:00:00Z');
// Still 2026-11-22 in UTC, but already Monday 2026-11-23 01:30 in China.
const lateNight = new Date('2026-11-22T17:30:00Z');
const cn = (s: string) => new Date(`${s}+08:00`);
const day = (year: number, month: number, d: number) => ({ year, month, day: d });

describe('parseLocalDate', () => {
  it('when given relative day words it counts from the China-time today', () => {
    expect(parseLocalDate('今天', now)).toEqual(day(2026, 11, 22));
    expect(parseLocalDate('今日', now)).toEqual(day(2026, 11, 22));
    expect(parseLocalDate('明天', now)).toEqual(day(2026, 11, 23));
    expect(parseLocalDate('明日', now)).toEqual(day(2026, 11, 23));
    expect(parseLocalDate('后天', now)).toEqual(day(2026, 11, 24));
    expect(parseLocalDate('大后天', now)).toEqual(day(2026, 11, 25));
    expect(parseLocalDate('昨天', now)).toEqual(day(2026, 11, 21));
  });

  it('when it is already the next day in China but not in UTC it uses the China day', () => {
    expect(parseLocalDate('今天', lateNight)).toEqual(day(2026, 11, 23));
    expect(parseLocalDate('明天', lateNight)).toEqual(day(2026, 11, 24));
    expect(parseLocalDate('周一', lateNight)).toEqual(day(2026, 11, 23));
  });

  it('when given 周X or 星期X it returns the next such day including today', () => {
    expect(parseLocalDate('周日', now)).toEqual(day(2026, 11, 22));
    expect(parseLocalDate('星期天', now)).toEqual(day(2026, 11, 22));
    expect(parseLocalDate('星期日', now)).toEqual(day(2026, 11, 22));
    expect(parseLocalDate('周一', now)).toEqual(day(2026, 11, 23));
    expect(parseLocalDate('星期三', now)).toEqual(day(2026, 11, 25));
    expect(parseLocalDate('周六', now)).toEqual(day(2026, 11, 28));
  });

  it('when given 下周X it returns that day of next week (weeks start on Monday)', () => {
    expect(parseLocalDate('下周一', now)).toEqual(day(2026, 11, 23));
    expect(parseLocalDate('下周日', now)).toEqual(day(2026, 11, 29));
    // From Monday 11-23, 下周一 is a week later and 下周三 is 11-02 of the following week.
    expect(parseLocalDate('下周一', lateNight)).toEqual(day(2026, 11, 30));
    expect(parseLocalDate('下星期三', lateNight)).toEqual(day(2026, 12, 2));
  });

  it('when given a month and day it uses this year in every accepted spelling', () => {
    for (const text of ['11月23日', '11月23号', '11月23', '11.23', '11-23', '11/23', '12月1日']) {
      expect(parseLocalDate(text, now)?.year, text).toBe(2026);
    }
    expect(parseLocalDate('11月23日', now)).toEqual(day(2026, 11, 23));
    expect(parseLocalDate('11/23', now)).toEqual(day(2026, 11, 23));
  });

  it('when a month and day is more than 6 months in the past it means next year', () => {
    expect(parseLocalDate('1月5日', now)).toEqual(day(2027, 1, 5));
    expect(parseLocalDate('5月21日', now)).toEqual(day(2027, 5, 21));
    expect(parseLocalDate('5月22日', now)).toEqual(day(2026, 5, 22));
    expect(parseLocalDate('10月1日', now)).toEqual(day(2026, 10, 1));
  });

  it('when given a full date it uses the stated year in every accepted spelling', () => {
    for (const text of ['2026-11-23', '2026/11/23', '2026年11月23日', '2026.11.23', '2027-1-5']) {
      expect(parseLocalDate(text, now), text).not.toBeNull();
    }
    expect(parseLocalDate('2027年1月5日', now)).toEqual(day(2027, 1, 5));
    expect(parseLocalDate('2025.11.23', now)).toEqual(day(2025, 11, 23));
  });

  it('when the date does not exist it returns null', () => {
    expect(parseLocalDate('2月30日', now)).toBeNull();
    expect(parseLocalDate('13月1日', now)).toBeNull();
    expect(parseLocalDate('2026-02-29', now)).toBeNull();
    expect(parseLocalDate('11月31日', now)).toBeNull();
    expect(parseLocalDate('2028-02-29', now)).toEqual(day(2028, 2, 29));
  });

  it('when the text is not (only) a day phrase it returns null', () => {
    expect(parseLocalDate('开会', now)).toBeNull();
    expect(parseLocalDate('', now)).toBeNull();
    expect(parseLocalDate('明天开会', now)).toBeNull();
    expect(parseLocalDate('8:30', now)).toBeNull();
  });

  it('when given full-width digits and spaces it normalises them', () => {
    expect(parseLocalDate('\u3000１１月２３日 ', now)).toEqual(day(2026, 11, 23));
    expect(parseLocalDate('２０２６－１１－２３', now)).toEqual(day(2026, 11, 23));
  });
});

describe('parseClock', () => {
  it('when given digits with a colon it returns minutes since midnight', () => {
    expect(parseClock('8:30')).toBe(8 * 60 + 30);
    expect(parseClock('08:30')).toBe(8 * 60 + 30);
    expect(parseClock('14:05')).toBe(14 * 60 + 5);
  });

  it('when given 点 and 时 forms it reads the hour and minutes', () => {
    expect(parseClock('8点')).toBe(480);
    expect(parseClock('8点半')).toBe(510);
    expect(parseClock('8点30')).toBe(510);
    expect(parseClock('8点30分')).toBe(510);
    expect(parseClock('8点5分')).toBe(485);
    expect(parseClock('8点一刻')).toBe(495);
    expect(parseClock('14时')).toBe(840);
  });

  it('when given a period marker it shifts afternoon and evening hours by 12', () => {
    expect(parseClock('上午8点')).toBe(480);
    expect(parseClock('下午2点')).toBe(840);
    expect(parseClock('下午2:30')).toBe(870);
    expect(parseClock('下午14:00')).toBe(840);
    expect(parseClock('晚上7点')).toBe(19 * 60);
    expect(parseClock('中午12点')).toBe(720);
    expect(parseClock('中午1点')).toBe(780);
  });

  it('when given Chinese numerals for the hour it reads them', () => {
    expect(parseClock('八点半')).toBe(510);
    expect(parseClock('下午两点')).toBe(840);
    expect(parseClock('十二点')).toBe(720);
    expect(parseClock('十点三十分')).toBe(630);
  });

  it('when given full-width digits or the full-width colon it normalises them', () => {
    expect(parseClock('８：３０')).toBe(510);
    expect(parseClock('下午２点')).toBe(840);
  });

  it('when the text is not a valid clock it returns null', () => {
    expect(parseClock('25:00')).toBeNull();
    expect(parseClock('8:75')).toBeNull();
    expect(parseClock('8')).toBeNull();
    expect(parseClock('8:3')).toBeNull();
    expect(parseClock('8点5')).toBeNull();
    expect(parseClock('8点开会')).toBeNull();
    expect(parseClock('')).toBeNull();
  });
});

describe('chinaTime and formatting', () => {
  it('when combining a China day and minutes it returns the UTC instant 8 hours earlier', () => {
    expect(chinaTime(day(2026, 11, 23), 8 * 60 + 30).toISOString()).toBe('2026-11-23T00:30:00.000Z');
    expect(chinaTime(day(2026, 11, 23), 5).toISOString()).toBe('2026-11-22T16:05:00.000Z');
  });

  it('when formatting it shows the China-time day and clock', () => {
    expect(formatChinaDate(lateNight)).toBe('11月23日');
    expect(formatChinaClock(lateNight)).toBe('01:30');
    expect(formatChinaDateTime(cn('2026-11-23T08:55:00'))).toBe('11月23日 08:55');
    expect(formatChinaDateTime(cn('2027-01-05T23:59:00'))).toBe('1月5日 23:59');
  });
});

describe('parseTimeRange', () => {
  it('when given a day and a start-end range it returns both instants and the remaining text', () => {
    expect(parseTimeRange('明天 8:30-11:30 学时3', now)).toEqual({
      start: cn('2026-11-23T08:30:00'),
      end: cn('2026-11-23T11:30:00'),
      rest: '学时3',
    });
  });

  it('when the day is missing it uses today in China time', () => {
    expect(parseTimeRange('8:30-11:30', now)).toEqual({ start: cn('2026-11-22T08:30:00'), end: cn('2026-11-22T11:30:00'), rest: '' });
    expect(parseTimeRange('8:30-11:30', lateNight)?.start).toEqual(cn('2026-11-23T08:30:00'));
  });

  it('when END has no period marker but START had 下午 it shifts END too', () => {
    const r = parseTimeRange('11月23日 下午2点-5点', now);
    expect(r?.start).toEqual(cn('2026-11-23T14:00:00'));
    expect(r?.end).toEqual(cn('2026-11-23T17:00:00'));
    expect(parseTimeRange('晚上7点到9点半', now)?.end).toEqual(cn('2026-11-22T21:30:00'));
    expect(parseTimeRange('中午11点半-1点', now)?.end).toEqual(cn('2026-11-22T13:00:00'));
  });

  it('when given any accepted separator, with or without spaces, it parses the range', () => {
    const expected = { start: cn('2026-11-23T14:00:00'), end: cn('2026-11-23T17:00:00'), rest: '' };
    for (const text of [
      '2026-11-23 14:00～17:00',
      '2026-11-23 14:00~17:00',
      '2026-11-23 14:00 – 17:00',
      '2026-11-23 14:00—17:00',
      '2026-11-23 14:00——17:00',
      '2026-11-23 14:00至17:00',
      '2026-11-23 14:00 到 17:00',
      '2026年11月23日14:00-17:00',
    ]) {
      expect(parseTimeRange(text, now), text).toEqual(expected);
    }
  });

  it('when given 周X or 今天 without spaces it parses the range', () => {
    expect(parseTimeRange('周三 8:30至11:30', now)?.start).toEqual(cn('2026-11-25T08:30:00'));
    expect(parseTimeRange('今天8:30到11:30', now)?.end).toEqual(cn('2026-11-22T11:30:00'));
  });

  it('when END is not after START it returns null', () => {
    expect(parseTimeRange('明天 11:30-8:30', now)).toBeNull();
    expect(parseTimeRange('明天 8:30-8:30', now)).toBeNull();
    expect(parseTimeRange('下午3点-上午11点', now)).toBeNull();
  });

  it('when the phrase is not at the start or is incomplete it returns null', () => {
    expect(parseTimeRange('课次 明天 8:30-11:30', now)).toBeNull();
    expect(parseTimeRange('明天 8:30', now)).toBeNull();
    expect(parseTimeRange('明天 8:30-', now)).toBeNull();
    expect(parseTimeRange('2月30日 8:30-11:30', now)).toBeNull();
    expect(parseTimeRange('明天 8:30-11:305', now)).toBeNull();
  });

  it('when given full-width digits, colon and ideographic space it normalises them', () => {
    expect(parseTimeRange('明天\u3000８：３０－１１：３０\u3000学时３', now)).toEqual({
      start: cn('2026-11-23T08:30:00'),
      end: cn('2026-11-23T11:30:00'),
      rest: '学时3', // rest is returned normalised
    });
  });
});

describe('parseDateTime', () => {
  it('when given a day and a clock it returns the instant and the remaining text', () => {
    expect(parseDateTime('明天 8:00 请准时签到', now)).toEqual({ at: cn('2026-11-23T08:00:00'), rest: '请准时签到' });
    expect(parseDateTime('周五下午3点', now)).toEqual({ at: cn('2026-11-27T15:00:00'), rest: '' });
    expect(parseDateTime('11月25日 9:00', now)).toEqual({ at: cn('2026-11-25T09:00:00'), rest: '' });
    expect(parseDateTime('11月25日9:00', now)?.at).toEqual(cn('2026-11-25T09:00:00'));
  });

  it('when the day is missing it uses today even if the time has passed', () => {
    expect(parseDateTime('8:00', now)).toEqual({ at: cn('2026-11-22T08:00:00'), rest: '' });
    expect(parseDateTime('8:00', lateNight)?.at).toEqual(cn('2026-11-23T08:00:00'));
  });

  it('when digits follow the clock without a unit it does not read them as minutes', () => {
    expect(parseDateTime('明天8点 3号楼开会', now)).toEqual({ at: cn('2026-11-23T08:00:00'), rest: '3号楼开会' });
    expect(parseDateTime('明天8点5', now)).toBeNull();
  });

  it('when there is no clock or the date does not exist it returns null', () => {
    expect(parseDateTime('明天开会', now)).toBeNull();
    expect(parseDateTime('2月30日 9:00', now)).toBeNull();
    expect(parseDateTime('开会 9:00', now)).toBeNull();
  });

  it('when given full-width input it normalises it', () => {
    expect(parseDateTime('１１月２５日　９：００', now)?.at).toEqual(cn('2026-11-25T09:00:00'));
  });
});
