import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { SenderTime } from '../../../src/adapters/shared/paced-sender.ts';
import { QQ_LIMITS } from '../../../src/adapters/qq/qq-outbox.ts';
import { exampleSetup } from '../../support/chat.ts';
import { openTestDatabase, type TestDatabase } from '../../support/databases.ts';
import { NAPCAT_SEND_TIMEOUT, napcatSendRefused } from '../../support/onebot-peer.ts';
import { QqHarness } from './qq-harness.ts';

// Sending on QQ: NapCat does not pace, so the bot does. NapCat answers every failed send with retcode
// 1200; when groups fail together QQ's risk control (风控) is refusing the account, which must then be
// held back without losing or doubling anything; a send confirmed too late may have arrived.

const GROUP = 70012345;
const OTHER = 70012346;
/** What NapCat says when QQ refuses a send outright (its wording carries QQ's own result). */
const REFUSED = napcatSendRefused(299, '发送失败');

function setup() {
  const s = exampleSetup();
  s.people.push({ name: '系统管理员', phone: '13900000099', roles: [{ role: 'ADMIN' }], accounts: [{ platform: 'playground', userId: 'admin-1' }] });
  s.groups = [{ platform: 'qq', chatId: String(GROUP), title: '小学数学1班群', class: '小学数学1班' }];
  return s;
}

/** Virtual time for the sender: sleeping moves the clock; the random numbers vary, as jitter does. */
class VirtualTime implements SenderTime {
  private n = 0;
  constructor(public current: number) {}
  now(): number {
    return this.current;
  }
  async sleep(ms: number): Promise<void> {
    this.current += Math.max(0, ms);
  }
  random(): number {
    return (++this.n * 0.618) % 1;
  }
}

describe('QQ delivery', () => {
  let db: TestDatabase;
  let harness: QqHarness | undefined;
  beforeAll(async () => {
    db = await openTestDatabase('pglite');
  });
  afterAll(() => db?.close());
  beforeEach(() => db.reset());
  afterEach(async () => {
    await harness?.stop();
    harness = undefined;
  });

  const group = { platform: 'qq' as const, id: String(GROUP), kind: 'group' as const };
  const other = { platform: 'qq' as const, id: String(OTHER), kind: 'group' as const };

  it('when 30 messages are queued for one group they leave at least 1.2 s apart with jitter and at most 20 a minute, none lost, none doubled', async () => {
    const time = new VirtualTime(Date.parse('2026-11-23T08:00:00+08:00'));
    harness = await QqHarness.start(db, { at: '2026-11-23T08:00:00+08:00', setup: setup(), limits: QQ_LIMITS, time });
    harness.peer.addGroup(GROUP, '小学数学1班群', []);
    const times: number[] = [];
    const call = harness.adapter.client.call.bind(harness.adapter.client);
    harness.adapter.client.call = ((action: string, ...rest: unknown[]) => {
      if (action === 'send_group_msg') times.push(time.now());
      return (call as (...a: unknown[]) => Promise<unknown>)(action, ...rest);
    }) as typeof call;
    for (let i = 1; i <= 30; i++) await harness.core.app.outbox.send({ chat: group, text: `第${i}条`, delivery: { key: `m-${i}` } });
    await harness.settle(60_000);
    expect(harness.sentTo(GROUP)).toEqual(Array.from({ length: 30 }, (_, i) => `第${i + 1}条`));
    const gaps = times.slice(1).map((t, i) => t - times[i]!);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(QQ_LIMITS.perChatGapMs);
    expect(new Set(gaps.map((g) => Math.round(g))).size).toBeGreaterThan(5);
    for (const t of times) expect(times.filter((u) => u >= t && u < t + 60_000).length).toBeLessThanOrEqual(20);
  }, 90_000);

  it('when sends to several groups are refused together (风控) the account is held back, the messages are tried again later from the delivery log and arrive exactly once, and the admins are told once', async () => {
    harness = await QqHarness.start(db, { at: '2026-11-23T08:00:00+08:00', setup: setup(), riskBackoff: { firstMs: 300, maxMs: 1000 } });
    const { peer } = harness;
    peer.addGroup(GROUP, '小学数学1班群', []);
    peer.addGroup(OTHER, '小学数学2班群', []);
    peer.failNext('send_group_msg', 1200, REFUSED, 3);
    await harness.core.app.outbox.send({ chat: group, text: '明天上午八点半开课', delivery: { key: 'notice-1' } });
    await harness.core.app.outbox.send({ chat: other, text: '请带好教材', delivery: { key: 'notice-2' } });
    await harness.until(() => peer.sent.length === 2, 15_000, 'both messages delivered');
    await harness.settle();
    expect(harness.sentTo(GROUP)).toEqual(['明天上午八点半开课']);
    expect(harness.sentTo(OTHER)).toEqual(['请带好教材']);
    const rows = await db.prisma.delivery.findMany({ orderBy: { id: 'asc' } });
    expect(rows.map((r) => [r.key, r.status])).toEqual([
      ['notice-1', 'SENT'],
      ['notice-2', 'SENT'],
    ]);
    // Only the first refusal, before two groups failed together, counts as an attempt.
    expect(rows.every((r) => r.attempts <= 2)).toBe(true);
    await harness.until(() => harness!.elsewhere.length >= 2, 5000, 'both admin notices');
    expect(harness.elsewhere.map((m) => [m.chat.id, m.text])).toEqual([
      ['admin-1', expect.stringMatching(/^⚠️ QQ 暂时限制了研修助手发消息（风控），约 1 分钟后自动重试。/)],
      ['admin-1', '✅ QQ 已恢复发送，暂存的消息正在陆续发出。'],
    ]);
  }, 60_000);

  it('when a risk-control hold outlasts the attempts a message may use it still is not given up', async () => {
    harness = await QqHarness.start(db, { at: '2026-11-23T08:00:00+08:00', setup: setup(), riskBackoff: { firstMs: 50, maxMs: 50 } });
    harness.peer.addGroup(GROUP, '小学数学1班群', []);
    harness.peer.addGroup(OTHER, '小学数学2班群', []);
    harness.peer.failNext('send_group_msg', 1200, REFUSED, 10);
    await harness.core.app.outbox.send({ chat: group, text: '长时间风控后的通知', delivery: { key: 'notice-long' } });
    await harness.core.app.outbox.send({ chat: other, text: '另一个群的通知', delivery: { key: 'notice-other' } });
    await harness.until(() => harness!.peer.sent.length === 2, 30_000, 'delivered after the hold');
    await harness.settle();
    expect(harness.sentTo(GROUP)).toEqual(['长时间风控后的通知']);
    expect(harness.sentTo(OTHER)).toEqual(['另一个群的通知']);
    expect(harness.peer.calls.filter((c) => c.action === 'send_group_msg')).toHaveLength(12);
    expect((await db.prisma.delivery.findMany()).map((r) => r.status)).toEqual(['SENT', 'SENT']);
  }, 60_000);

  it('when QQ confirms a send too late the message stays UNCERTAIN and is not sent again, and nothing else waits', async () => {
    harness = await QqHarness.start(db, { at: '2026-11-23T08:00:00+08:00', setup: setup() });
    const { peer } = harness;
    peer.addGroup(GROUP, '小学数学1班群', []);
    peer.failNext('send_group_msg', 1200, NAPCAT_SEND_TIMEOUT, 1, { delivered: true });
    await harness.core.app.outbox.send({ chat: group, text: '今晚七点线上研讨', delivery: { key: 'late' } });
    await harness.core.app.outbox.send({ chat: group, text: '请提前十分钟进入会议', delivery: { key: 'next' } });
    await harness.settle();
    expect(harness.sentTo(GROUP)).toEqual(['今晚七点线上研讨', '请提前十分钟进入会议']);
    const rows = await db.prisma.delivery.findMany({ orderBy: { id: 'asc' } });
    expect(rows.map((r) => [r.key, r.status, r.attempts])).toEqual([
      ['late', 'UNCERTAIN', 1],
      ['next', 'SENT', 1],
    ]);
    expect(harness.elsewhere).toEqual([]);
  });

  it('when a send fails for another reason it is retried as usual, and one the implementation calls malformed is given up at once', async () => {
    harness = await QqHarness.start(db, { at: '2026-11-23T08:00:00+08:00', setup: setup() });
    harness.peer.addGroup(GROUP, '小学数学1班群', []);
    await harness.core.app.outbox.send({ chat: { platform: 'qq', id: '99999999', kind: 'group' }, text: '发到不存在的群', delivery: { key: 'nowhere' } });
    const row = () => db.prisma.delivery.findUniqueOrThrow({ where: { key: 'nowhere' } });
    // One read: two could see the row queued before its first try and then in the middle of it.
    await harness.until(async () => ((r) => r.status === 'QUEUED' && r.attempts >= 1)(await row()), 5000, 'one attempt, queued again');
    expect((await row()).error).toContain('群不存在');
    harness.peer.failNext('send_group_msg', 1400, '参数错误');
    await harness.core.app.outbox.send({ chat: group, text: '格式不对的消息', delivery: { key: 'malformed' } });
    await harness.until(async () => (await db.prisma.delivery.findUniqueOrThrow({ where: { key: 'malformed' } })).status === 'FAILED', 5000, 'given up');
    expect(harness.peer.sent).toEqual([]);
    expect(harness.elsewhere).toEqual([]);
  });
});
