import { describe, expect, it } from 'vitest';
import { commands } from '../../src/bot/registry.ts';
import { matchCommand } from '../../src/bot/router.ts';
import { normalizeCommandText } from '../../src/core/text/normalize.ts';

const route = (raw: string) => {
  const m = matchCommand(commands, normalizeCommandText(raw, ['研修助手']), 'yanxiu_bot');
  return m && { id: m.command.id, rest: m.rest };
};

describe('command routing', () => {
  it('when a trainee types 签到 with full-width digits, spaces and punctuation it finds check-in with the code', () => {
    expect(route('　签到　８８６６。')).toEqual({ id: 'checkin', rest: '8866' });
    expect(route('签到8866')).toEqual({ id: 'checkin', rest: '8866' });
  });
  it('when the message @mentions the bot first it still finds the command', () => {
    expect(route('@研修助手 请假 发烧')).toEqual({ id: 'leave', rest: '发烧' });
  });
  it('when 到 is the whole message it is a check-in, but not when it starts a sentence', () => {
    expect(route('到')).toEqual({ id: 'checkin', rest: '' });
    expect(route('到底几点上课')).toBeNull();
  });
  it('when a longer command word shares a prefix the longer one wins', () => {
    expect(route('签到情况')?.id).toBe('attendance');
    expect(route('绑定班级 数学1班')).toEqual({ id: 'bindGroup', rest: '数学1班' });
    expect(route('驳回请假 张三 材料不全')).toEqual({ id: 'rejectLeave', rest: '张三 材料不全' });
  });
  it('when a slash command carries the bot username it matches, and another bot\'s does not', () => {
    expect(route('/checkin@yanxiu_bot AB12')).toEqual({ id: 'checkin', rest: 'AB12' });
    expect(route('/hours')).toEqual({ id: 'hours', rest: '' });
    expect(route('/checkin@other_bot')).toBeNull();
  });
  it('when the text is ordinary chat it matches nothing', () => {
    expect(route('大家早上好')).toBeNull();
    expect(route('')).toBeNull();
  });
  it('when text has control characters and broken surrogates normalising keeps it usable', () => {
    expect(normalizeCommandText('签\u0000到\uD800', [])).toBe('签 到\uFFFD');
  });
});
