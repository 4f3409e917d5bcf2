import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseTranscript, runTranscript } from '../../../src/adapters/playground/transcript.ts';
import { EXAMPLES, exampleSetup } from '../../support/chat.ts';
import { openTestDatabase, type TestDatabase } from '../../support/databases.ts';
import { useTestRedis } from '../../support/redis.ts';
import { BOT_QQ, QqHarness } from './qq-harness.ts';

const redis = useTestRedis();

// The foundation's six-trainee morning played in a QQ group through the OneBot v11 adapter — events
// over a real WebSocket from a OneBot peer, every reply through the delivery log, scheduled jobs on
// BullMQ in a real redis-server — must produce the same messages as the playground, with real `at`
// segments for the people the bot addresses. Messages alternate between the two OneBot formats
// (segment arrays and CQ-code strings); 张三's check-in is posted twice with the same message_id.

const GROUP = 70012345;
const qq: Record<string, number> = { 'tutor-li': 1001, 'contact-wang': 1009, 'u-zhang3': 2001, 'u-li4': 2002, 'u-wang5': 2003, 'u-zhao6': 2004, 'u-qian7': 2005, 'u-sun8': 2006 };
const chatOf = (chat: string) => (chat === 'g-math1' ? String(GROUP) : String(qq[chat]));

function qqSetup() {
  const setup = exampleSetup();
  for (const p of setup.people) for (const a of p.accounts ?? []) Object.assign(a, { platform: 'qq', userId: String(qq[a.userId]) });
  return setup;
}

describe('a check-in morning in a QQ group, jobs on BullMQ', () => {
  let db: TestDatabase;
  let harness: QqHarness;
  const lines = parseTranscript(readFileSync(path.join(EXAMPLES, 'checkin-morning.jsonl'), 'utf8'));
  let expected: Record<string, string[]>;
  let actual: Record<string, string[]>;

  beforeAll(async () => {
    expected = {};
    for (const r of await runTranscript(lines, { setup: exampleSetup() })) {
      (expected[chatOf(r.chat)] ??= []).push(`${r.mentions?.length ? `${r.mentions.map((m) => `@${m}`).join(' ')} ` : ''}${r.text}`);
    }
    db = await openTestDatabase('pglite');
    harness = await QqHarness.start(db, { at: lines[0]!.time, setup: qqSetup(), redisUrl: redis() });
    const names = new Map<number, string>();
    for (const line of lines) if (line.from) names.set(qq[line.from]!, line.name ?? line.from);
    // Group cards are how QQ members see each other's names.
    harness.peer.addGroup(GROUP, '小学数学1班群', [...names].map(([id, name]) => ({ user_id: id, nickname: `昵称${id}`, card: name })));
    const ids = new Map<string, number>();
    let delivered = 0;
    let n = 0;
    for (const line of lines) {
      await harness.advanceTo(new Date(line.time));
      if (!line.text || !line.from) continue;
      const addressed = line.text.startsWith('@研修助手');
      const rest = addressed ? line.text.slice('@研修助手'.length) : line.text;
      const asString = n++ % 2 === 1;
      const message = asString
        ? `${addressed ? `[CQ:at,qq=${BOT_QQ}]` : ''}${rest.replace(/&/g, '&amp;').replace(/\[/g, '&#91;').replace(/\]/g, '&#93;')}`
        : [...(addressed ? [{ type: 'at', data: { qq: String(BOT_QQ) } }] : []), { type: 'text', data: { text: rest } }];
      const messageId = line.id ? ids.get(line.id) : undefined;
      const id = harness.peer.groupMessage(GROUP, qq[line.from]!, message, messageId ? { messageId } : {});
      if (line.id) ids.set(line.id, id);
      await harness.waitHandled(++delivered);
    }
    await harness.advanceTo(new Date(harness.clock.now().getTime() + 7 * 24 * 3600_000));
    await harness.settle();
    actual = {};
    for (const s of harness.peer.sent) (actual[s.chat] ??= []).push(harness.peer.readable(s));
  }, 120_000);

  afterAll(async () => {
    await harness?.stop();
    await db?.close();
  });

  it('when the morning is played in a QQ group every group and private chat receives the same messages as in the playground', () => {
    expect(actual).toEqual(expected);
  });

  it('when the bot replies to a trainee in the group it @mentions exactly that trainee with a real at segment', () => {
    const replies = harness.peer.sent.filter((s) => s.chat === String(GROUP) && harness.peer.readable(s).startsWith('@赵六 '));
    expect(replies.map((s) => s.message)).toEqual([
      [{ type: 'at', data: { qq: '2004' } }, { type: 'text', data: { text: ' ' } }, { type: 'text', data: { text: '绑定成功：赵六（实验小学）。以后在群里发「签到」即可签到。' } }],
      [{ type: 'at', data: { qq: '2004' } }, { type: 'text', data: { text: ' ' } }, { type: 'text', data: { text: '您已于 08:20 签到过了，无需重复签到。' } }],
    ]);
  });

  it('when check-in is about to close the reminder @mentions exactly the missing trainees by their QQ numbers', () => {
    const reminder = harness.peer.sent.find((s) => harness.peer.readable(s).includes('还有 2 人未签到'))!;
    const ats = (reminder.message as { type: string; data: { qq?: string } }[]).filter((s) => s.type === 'at').map((s) => s.data.qq);
    expect(ats.sort()).toEqual(['2005', '2006']);
  });

  it('when everything is over the outcomes are those of the playground run, the duplicate recorded once', async () => {
    const rows = await db.prisma.checkIn.findMany({ include: { person: true } });
    expect(Object.fromEntries(rows.map((r) => [r.person.name, r.status]))).toEqual({ 张三: 'PRESENT', 李四: 'LATE', 王五: 'LEAVE', 赵六: 'PRESENT', 钱七: 'ABSENT', 孙八: 'ABSENT' });
    expect(await db.prisma.inboundMessage.count({ where: { platform: 'qq', chatId: String(GROUP) } })).toBe(lines.filter((l) => l.text && l.from).length - 1);
    expect(await db.prisma.delivery.count({ where: { platform: 'qq', status: { not: 'SENT' } } })).toBe(0);
  });
});
