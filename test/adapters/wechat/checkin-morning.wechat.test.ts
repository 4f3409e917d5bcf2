import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as PuppetMock from 'wechaty-puppet-mock';
import { parseTranscript, runTranscript } from '../../../src/adapters/playground/transcript.ts';
import { EXAMPLES, exampleSetup } from '../../support/chat.ts';
import { openTestDatabase, type TestDatabase } from '../../support/databases.ts';
import { WechatHarness } from './wechat-harness.ts';

// The foundation's six-trainee morning played in a WeChat room through real wechaty (mock puppet)
// must produce the same messages as the playground, with real @mentions of the trainees.

const ROOM = 'math1@chatroom';
const wx = (from: string) => `wx-${from}`;
const chatOf = (chat: string) => (chat === 'g-math1' ? ROOM : wx(chat));

function wechatSetup() {
  const setup = exampleSetup();
  for (const p of setup.people) for (const a of p.accounts ?? []) Object.assign(a, { platform: 'wechat', userId: wx(a.userId) });
  return setup;
}

describe('a check-in morning in a WeChat room', () => {
  let db: TestDatabase;
  let harness: WechatHarness;
  const lines = parseTranscript(readFileSync(path.join(EXAMPLES, 'checkin-morning.jsonl'), 'utf8'));
  let expected: Record<string, string[]>;
  let actual: Record<string, string[]>;

  beforeAll(async () => {
    expected = {};
    for (const r of await runTranscript(lines, { setup: exampleSetup() })) {
      const key = chatOf(r.chat);
      (expected[key] ??= []).push(`${r.mentions?.length ? `${r.mentions.map((m) => `@${m}`).join(' ')} ` : ''}${r.text}`);
    }
    db = await openTestDatabase('pglite');
    harness = await WechatHarness.start(db, { at: lines[0]!.time, setup: wechatSetup() });
    const contacts = new Map<string, PuppetMock.mock.ContactMock>();
    const contact = (from: string, name: string) => {
      if (!contacts.has(from)) contacts.set(from, harness.mocker.createContact({ id: wx(from), name }));
      return contacts.get(from)!;
    };
    for (const line of lines) if (line.from) contact(line.from, line.name ?? line.from);
    const room = harness.mocker.createRoom({ id: ROOM, topic: '小学数学1班群', memberIdList: [harness.botContact.id, ...[...contacts.values()].map((c) => c.id)] });
    let delivered = 0;
    const seen = new Set<string>();
    for (const line of lines) {
      await harness.advanceTo(new Date(line.time));
      if (!line.text || !line.from) continue;
      if (line.id && seen.has(line.id)) continue; // a re-delivery: covered by its own test
      if (line.id) seen.add(line.id);
      const talker = contact(line.from, line.name ?? line.from);
      if (line.text.startsWith('@研修助手')) talker.say(line.text, [harness.botContact]).to(room);
      else talker.say(line.text).to(room);
      await harness.waitHandled(++delivered);
    }
    await harness.advanceTo(new Date(harness.clock.now().getTime() + 7 * 24 * 3600_000));
    await harness.adapter.outbox.drain();
    // The mock puppet echoes the bot's own sends asynchronously: wait until the last one is seen.
    const total = Object.values(expected).reduce((n, list) => n + list.length, 0);
    await harness.until(() => harness.sent.length >= total).catch(() => undefined);
    actual = {};
    for (const s of harness.sent) (actual[s.chat] ??= []).push(s.text);
  }, 120_000);

  afterAll(async () => {
    await harness?.stop();
    await db?.close();
  });

  it('when the morning is played in WeChat every room and private chat receives the same messages as in the playground', () => {
    expect(actual).toEqual(expected);
  });

  it('when the bot replies to a trainee in the room it @mentions exactly that trainee', () => {
    expect(actual[ROOM]).toContain('@钱七 「新课标解读」（11月23日 08:30–11:30）的签到 08:00 开始，请到时再签到。');
    expect(actual[ROOM]!.filter((t) => t.startsWith('@赵六 '))).toEqual(['@赵六 绑定成功：赵六（实验小学）。以后在群里发「签到」即可签到。', '@赵六 您已于 08:20 签到过了，无需重复签到。']);
  });

  it('when everything is over the outcomes are those of the playground run', async () => {
    const rows = await db.prisma.checkIn.findMany({ include: { person: true } });
    expect(Object.fromEntries(rows.map((r) => [r.person.name, r.status]))).toEqual({ 张三: 'PRESENT', 李四: 'LATE', 王五: 'LEAVE', 赵六: 'PRESENT', 钱七: 'ABSENT', 孙八: 'ABSENT' });
  });
});
