import { describe, expect, it } from 'vitest';
import { en, createTranslator, zhCN } from '../../src/bot/messages.ts';
import type { MessageKey } from '../../src/i18n/index.ts';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('message catalogues', () => {
  it('when a message is translated the English text uses exactly the placeholders of the Chinese one', () => {
    const drift = (Object.keys(zhCN) as MessageKey[]).filter((key) => placeholders(zhCN[key]).join() !== placeholders(en[key]).join());
    expect(drift).toEqual([]);
  });

  it('when the locale is English replies come in English with the values filled in', () => {
    expect(createTranslator('en')('checkin.already', { time: '08:20' })).toBe('You already checked in at 08:20.');
    expect(createTranslator('zh-CN')('checkin.already', { time: '08:20' })).toBe('您已于 08:20 签到过了，无需重复签到。');
  });
});
