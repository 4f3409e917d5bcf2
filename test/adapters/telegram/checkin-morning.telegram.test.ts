import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseTranscript, runTranscript } from '../../../src/adapters/playground/transcript.ts';
import { EXAMPLES, exampleSetup } from '../../support/chat.ts';
import { openTestDatabase, type TestDatabase } from '../../support/databases.ts';
import { BOT_USER, textUpdate } from '../../support/fake-telegram.ts';
import { readable, TelegramHarness } from './telegram-harness.ts';

// The foundation's six-trainee morning, played as Telegram updates through the real grammY client
// and a local Bot API server, must produce the same messages as the playground.

const GROUP = -100123;
const ids: Record<string, number> = { 'tutor-li': 1001, 'contact-wang': 1009, 'u-zhang3': 2001, 'u-li4': 2002, 'u-wang5': 2003, 'u-zhao6': 2004, 'u-qian7': 2005, 'u-sun8': 2006 };
const chatOf = (chat: string) => (chat === 'g-math1' ? String(GROUP) : String(ids[chat]));

function telegramSetup() {
  const setup = exampleSetup();
  for (const p of setup.people) for (const a of p.accounts ?? []) Object.assign(a, { platform: 'telegram', userId: String(ids[a.userId]) });
  return setup;
}

describe('a check-in morning through Telegram', () => {
  let db: TestDatabase;
  let harness: TelegramHarness;
  const lines = parseTranscript(readFileSync(path.join(EXAMPLES, 'checkin-morning.jsonl'), 'utf8'));
  let expected: Map<string, string[]>;
  let actual: Map<string, string[]>;

  beforeAll(async () => {
    const playground = await runTranscript(lines, { setup: exampleSetup() });
    expected = new Map();
    for (const r of playground) {
      // Where the playground posts check-in acknowledgements, Telegram edits them into the announcement (see below).
      if (r.chat === 'g-math1' && /^(✅ 签到成功|⏰ 迟到)/.test(r.text)) continue;
      // A repeated 签到 is answered by the live list, which already names them: no message of its own.
      if (r.chat === 'g-math1' && r.text.includes('签到过了')) continue;
      const key = chatOf(r.chat);
      // Telegram refuses private messages to someone who never wrote to the bot: only these two did.
      if (r.chat !== 'g-math1' && !['tutor-li', 'u-zhang3'].includes(r.chat)) continue;
      expected.set(key, [...(expected.get(key) ?? []), `${r.mentions?.length ? `${r.mentions.map((m) => `@${m}`).join(' ')} ` : ''}${r.text}`]);
    }

    db = await openTestDatabase('pglite');
    harness = await TelegramHarness.start(db, { at: lines[0]!.time, setup: telegramSetup() });
    harness.adapter.startPolling();
    // On Telegram a bot may write privately only to people who wrote to it: 张三, who asks for his
    // hours later, and the tutor, who gets the close summary, have opened the bot once (its help
    // replies are left out of the comparison).
    for (const [who, name] of [['u-zhang3', '张三'], ['tutor-li', '李老师']] as const) {
      harness.telegram.pushUpdate(textUpdate({ chatId: ids[who]!, userId: ids[who]!, name, text: '/start', messageId: 1, date: Math.floor(new Date(lines[0]!.time).getTime() / 1000), entities: [{ type: 'bot_command', offset: 0, length: 6 }] }));
    }
    await harness.waitHandled(2);
    let messageId = 1;
    const messageIds = new Map<string, number>();
    let delivered = 2;
    for (const line of lines) {
      await harness.advanceTo(new Date(line.time));
      if (!line.text || !line.from) continue;
      let text = line.text;
      const entities: unknown[] = [];
      if (text.startsWith('@研修助手')) {
        text = text.replace('@研修助手', `@${BOT_USER.username}`);
        entities.push({ type: 'mention', offset: 0, length: BOT_USER.username.length + 1 });
      }
      const id = line.id ? (messageIds.get(line.id) ?? messageId++) : messageId++;
      if (line.id) messageIds.set(line.id, id);
      harness.telegram.pushUpdate(textUpdate({ chatId: GROUP, chatTitle: '小学数学1班群', userId: ids[line.from]!, name: line.name ?? line.from, text, messageId: id, date: Math.floor(new Date(line.time).getTime() / 1000), entities }));
      await harness.waitHandled(++delivered);
    }
    await harness.advanceTo(new Date(harness.clock.now().getTime() + 7 * 24 * 3600_000));
    await harness.adapter.outbox.drain();
    actual = new Map();
    for (const m of harness.telegram.sentMessages()) {
      if (m.text.startsWith('【研修助手】')) continue;
      actual.set(m.chatId, [...(actual.get(m.chatId) ?? []), readable(m.text)]);
    }
  }, 120_000);

  afterAll(async () => {
    await harness?.stop();
    await db?.close();
  });

  it('when the morning is played through Telegram every chat receives the same messages as in the playground', () => {
    expect(Object.fromEntries(actual)).toEqual(Object.fromEntries(expected));
  });

  it('when the check-in needs a code the group message carries no 签到 button, which could not check anyone in', () => {
    const opening = harness.telegram.sentMessages().find((m) => m.text.includes('现在开始签到'));
    expect(opening?.replyMarkup).toBeUndefined();
  });

  it('when trainees check in the announcement is edited in place into a live list, never to the text it already shows, and at the close it says so first', () => {
    const opening = harness.telegram.sentMessages().find((m) => m.text.includes('现在开始签到'))!;
    const edits = harness.telegram.edits();
    expect(edits.length).toBeGreaterThanOrEqual(2);
    expect(new Set(edits.map((e) => e.chatId))).toEqual(new Set([String(GROUP)]));
    expect(new Set(edits.map((e) => e.messageId)).size).toBe(1);
    expect(readable(edits[0]!.text)).toContain('✅ 已签到 2/6 人：张三、赵六');
    expect(harness.telegram.refusedEdits).toBe(0);
    const final = harness.telegram.current(String(GROUP), edits[0]!.messageId)!;
    expect(readable(final.text)).toMatch(/^🔒 签到已结束。\n📢.*现在开始签到！.*\n\n✅ 已签到 3\/6 人：张三、赵六、李四（\d+分钟）$/s);
    expect(final.replyMarkup).toBeUndefined();
    expect(readable(final.text)).toContain(readable(opening.text));
  });

  it('when everything is over the database holds the same outcomes as the playground run', async () => {
    const rows = await db.prisma.checkIn.findMany({ include: { person: true } });
    expect(Object.fromEntries(rows.map((r) => [r.person.name, r.status]))).toEqual({ 张三: 'PRESENT', 李四: 'LATE', 王五: 'LEAVE', 赵六: 'PRESENT', 钱七: 'ABSENT', 孙八: 'ABSENT' });
    expect(await db.prisma.identity.count({ where: { platform: 'telegram' } })).toBe(8);
  });
});
