import { describe, expect, it } from 'vitest';
import { encodeForTelegram, splitForTelegram, TELEGRAM_TEXT_LIMIT } from '../../../src/adapters/telegram/encode.ts';
import { decodeMessage } from '../../../src/adapters/telegram/decode.ts';

const group = { platform: 'telegram' as const, id: '-100123', kind: 'group' as const };

describe('encoding replies for Telegram', () => {
  it('when a reply mentions trainees and contains HTML characters the names become user links and the text is escaped', () => {
    const [send] = encodeForTelegram({ chat: group, text: '请于 <8:30> 前到 A&B 教室', mentions: [{ id: '2001', name: '张<三>' }] });
    expect(send).toEqual({ chatId: '-100123', parseMode: 'HTML', text: '<a href="tg://user?id=2001">张&lt;三&gt;</a> 请于 &lt;8:30&gt; 前到 A&amp;B 教室' });
  });

  it('when a message is longer than 4,096 characters it is split at line ends, nothing lost, and the button goes on the last part', () => {
    const lines = Array.from({ length: 400 }, (_, i) => `第${i}行：张三、李四、王五 & 赵六`);
    const parts = encodeForTelegram({ chat: group, text: lines.join('\n'), buttons: [{ label: '签到', data: 'checkin:1' }] });
    expect(parts.length).toBeGreaterThan(1);
    for (const p of parts) expect(p.text.length).toBeLessThanOrEqual(TELEGRAM_TEXT_LIMIT);
    expect(parts.map((p) => p.text).join('\n').replace(/&amp;/g, '&')).toBe(lines.join('\n'));
    expect(parts.slice(0, -1).every((p) => !p.replyMarkup)).toBe(true);
    expect(parts.at(-1)?.replyMarkup).toEqual({ inline_keyboard: [[{ text: '签到', callback_data: 'checkin:1' }]] });
  });

  it('when one line has no break it is cut without splitting an HTML entity', () => {
    const html = `${'字'.repeat(4094)}&amp;尾`;
    const parts = splitForTelegram(html);
    expect(parts[0]).toBe('字'.repeat(4094));
    expect(parts.join('')).toBe(html);
  });
});

describe('decoding Telegram messages', () => {
  const base = { message_id: 9, date: 1_795_000_000, chat: { id: -100123, type: 'supergroup' as const, title: '数学1班' }, from: { id: 2001, is_bot: false, first_name: '三', last_name: '张' } };

  it('when a trainee @mentions the bot and taps another user the bot is addressed and the user becomes a mention', () => {
    const text = '@yanxiu_test_bot 绑定 王五 王五 3333';
    const m = decodeMessage({ ...base, text, entities: [{ type: 'mention', offset: 0, length: 16 }, { type: 'text_mention', offset: 20, length: 2, user: { id: 2003, is_bot: false, first_name: '王五' } }] } as never, 'yanxiu_test_bot', 777000);
    expect(m).toMatchObject({ addressedToBot: true, mentions: [{ id: '2003', name: '王五' }], sender: { id: '2001', name: '三 张' }, messageId: '9' });
    expect(m?.text.replace(/\s+/g, ' ')).toBe('绑定 王五 3333');
  });

  it('when a photo arrives with a caption the caption is the text and the photo an attachment', () => {
    const m = decodeMessage({ ...base, caption: '交作业', photo: [{ file_id: 'small', file_unique_id: 's', width: 90, height: 90 }, { file_id: 'large', file_unique_id: 'l', width: 900, height: 900, file_size: 12345 }] } as never, 'yanxiu_test_bot', 777000);
    expect(m).toMatchObject({ text: '交作业', attachments: [{ kind: 'image', platformFileId: 'large', size: 12345 }] });
  });

  it('when a message comes from a bot or a channel it is ignored', () => {
    expect(decodeMessage({ ...base, from: { id: 5, is_bot: true, first_name: 'x' }, text: '签到' } as never, 'yanxiu_test_bot', 777000)).toBeNull();
    expect(decodeMessage({ ...base, chat: { id: -1009, type: 'channel', title: 'c' }, text: '签到' } as never, 'yanxiu_test_bot', 777000)).toBeNull();
  });
});
