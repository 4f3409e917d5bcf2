import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BareForms } from '../../src/bot/bare-forms.ts';
import { commands } from '../../src/bot/registry.ts';
import { understand, type Names } from '../../src/bot/router.ts';

// The check-in path's shortcut must read every message exactly as the full understanding step does:
// played here over the phrase corpus's check-in and 收到 lines (and the chatter that starts with their
// words), from senders whose names do and do not appear in the text, with and without @mentions.

const corpus = (file: string) =>
  readFileSync(path.join(import.meta.dirname, '../corpus', file), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as { text: string; intent: string });
const CHECKIN_WORDS = /签到|打卡|到|收到|知悉|确认|明白/;
const lines = [...corpus('commands.jsonl').filter((l) => l.intent === 'checkin' || l.intent === 'ackNotice'), ...corpus('chatter.jsonl').filter((l) => CHECKIN_WORDS.test(l.text))].map((l) => l.text);
const SENDERS = ['张三', '李老师', '到', 'Tom', 'ab', ''];
const MENTIONS = [[], ['张三']];
const namesFor = (sender: string, mentioned: string[]): Names => ({ botNames: ['研修助手', ...mentioned], ownNames: ['研修助手'], senderName: sender });

describe('the bare-form shortcut of the check-in path', () => {
  it('when the corpus check-in and 收到 lines arrive from any sender it reads each exactly as the full understanding step does', () => {
    expect(lines.length).toBeGreaterThan(100);
    const bare = new BareForms(commands);
    for (let round = 0; round < 2; round++) {
      for (const text of [...lines, '签到 4821', '签到ab12', '到！', '收到。', '签到～']) {
        for (const sender of SENDERS) {
          for (const mentioned of MENTIONS) {
            const names = namesFor(sender, mentioned);
            expect({ text, sender, mentioned, reading: bare.understand(text, names) }).toEqual({ text, sender, mentioned, reading: understand(commands, text, names) });
          }
        }
      }
    }
  });

  it('when hundreds send the same bare word it reads it once and hands every later sender that reading', () => {
    const bare = new BareForms(commands);
    for (const text of ['签到', '到', '收到', '签到 8866', '打卡。']) {
      const first = bare.understand(text, namesFor('张伟', []));
      expect(first.kind).toBe('command');
      expect(bare.understand(text, namesFor('李芳', []))).toBe(first);
    }
  });

  it('when the sender writes their own name or @mentions someone it reads the message the full way', () => {
    const bare = new BareForms(commands);
    const first = bare.understand('到', namesFor('王五', []));
    expect(bare.understand('到', namesFor('到', []))).not.toBe(first);
    expect(bare.understand('到', namesFor('王五', ['张三']))).not.toBe(first);
    expect(bare.understand('签到 张三', namesFor('王五', []))).toEqual(understand(commands, '签到 张三', namesFor('王五', [])));
  });
});
