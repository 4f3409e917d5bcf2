import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { RedisPaces } from '../../src/adapters/shared/shared-pace.ts';
import { PacedSender, type PaceLimits } from '../../src/adapters/shared/paced-sender.ts';
import { QQ_LIMITS } from '../../src/adapters/qq/qq-outbox.ts';
import { TelegramAdapter } from '../../src/adapters/telegram/telegram-adapter.ts';
import type { PlatformSender } from '../../src/core/delivery.ts';
import type { OutboundMessage } from '../../src/core/message.ts';
import { DeliveryLog } from '../../src/delivery/delivery-log.ts';
import { DeliveryQueue } from '../../src/delivery/delivery-queue.ts';
import { createLogger } from '../../src/logger.ts';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../support/databases.ts';
import { FakeTelegram } from '../support/fake-telegram.ts';
import { freshQueueName, useTestRedis } from '../support/redis.ts';

// Two sending processes for one bot account (each its own delivery queue, Telegram adapter and Redis
// connection) on one database and one redis-server. Telegram's 30 a second for the account and a
// group budget shortened for the test (5 in 3 s, as 20 in a minute) must hold for both together.

const log = createLogger('silent');
const ACCOUNT = { max: 30, windowMs: 1000 };
const GROUP = { max: 5, windowMs: 3000 };
const limits = (paces: RedisPaces, account = 'telegram:123'): PaceLimits => ({ perChatGapMs: 200, perGroupPerMinute: GROUP.max, groupWindowMs: GROUP.windowMs, global: ACCOUNT, shared: paces.account(account) });

/** The most arrivals in any window of `windowMs` (sliding, from each arrival). */
function busiest(times: number[], windowMs: number): number {
  const sorted = [...times].sort((x, y) => x - y);
  let most = 0;
  for (let i = 0, j = 0; i < sorted.length; i++) {
    while (sorted[j]! < sorted[i]! - windowMs + 1) j++;
    most = Math.max(most, i - j + 1);
  }
  return most;
}

describe('one sending budget per account across processes', () => {
  const redisUrl = useTestRedis();
  let db: TestDatabase;
  let telegram: FakeTelegram;
  let apiRoot: string;
  const stops: (() => Promise<void>)[] = [];

  beforeAll(async () => {
    db = await openTestDatabase(databaseKinds().at(-1)!);
  });
  afterAll(async () => {
    await db.close();
  });
  beforeEach(async () => {
    await db.reset();
    telegram = new FakeTelegram({ openPrivateChats: true });
    apiRoot = await telegram.start();
  });
  afterEach(async () => {
    for (const stop of stops.splice(0).reverse()) await stop();
    await telegram.stop();
  });

  /** One sending process: its own Redis connection, Telegram adapter and delivery queue; counts what it sent. */
  const startSender = (prefix: string) => {
    const paces = new RedisPaces(redisUrl(), log, { localShare: 1 / 3, prefix });
    const adapter = new TelegramAdapter({ token: '123:TEST', apiRoot, limits: limits(paces), log });
    const sent = { count: 0 };
    const counting: PlatformSender = { deliver: async (message, beforeSend) => ((sent.count += 1), adapter.outbox.deliver(message, beforeSend)) };
    const queue = new DeliveryQueue(new DeliveryLog(db.prisma), { telegram: counting }, log, { pollMs: 20 });
    queue.start();
    stops.push(async () => {
      await queue.stop(0);
      await paces.close();
    });
    return { queue, sent };
  };

  it('when two processes fan out 330 messages for one bot, Telegram never sees more than 30 in a second or a group more than its budget, and each message arrives once and in order', { timeout: 120_000 }, async () => {
    const deliveries = new DeliveryLog(db.prisma);
    const groups = ['-1001', '-1002'];
    for (let i = 0; i < 300; i++) {
      await deliveries.enqueue({ chat: { platform: 'telegram', id: String(800_000 + i), kind: 'private' }, text: '开班通知', delivery: { key: `notice:1:person:${i}`, source: 'notice:1' } });
      if (i % 20 === 0) for (const group of groups) await deliveries.enqueue({ chat: { platform: 'telegram', id: group, kind: 'group' }, text: `第${i / 20 + 1}条` } satisfies OutboundMessage);
    }
    const prefix = freshQueueName('pace');
    const [a, b] = [startSender(prefix), startSender(prefix)];
    await expect.poll(() => deliveries.open(['telegram']), { timeout: 90_000, interval: 200 }).toBe(0);

    const sent = telegram.sentMessages();
    expect(sent).toHaveLength(330);
    expect(a.sent.count).toBeGreaterThan(0);
    expect(b.sent.count).toBeGreaterThan(0);
    expect(a.sent.count + b.sent.count).toBe(330);
    expect(new Set(sent.filter((m) => !groups.includes(m.chatId)).map((m) => m.chatId)).size).toBe(300);
    expect(busiest(sent.map((m) => m.at), ACCOUNT.windowMs)).toBeLessThanOrEqual(ACCOUNT.max);
    for (const group of groups) {
      const inGroup = sent.filter((m) => m.chatId === group);
      expect(inGroup.map((m) => m.text)).toEqual(Array.from({ length: 15 }, (_, i) => `第${i + 1}条`));
      expect(busiest(inGroup.map((m) => m.at), GROUP.windowMs)).toBeLessThanOrEqual(GROUP.max);
    }
    expect(await db.prisma.delivery.count({ where: { status: 'SENT' } })).toBe(330);
  });

  it('when Redis cannot be reached a process keeps to its share of the budget and says so once in its log', { timeout: 60_000 }, async () => {
    const lines: string[] = [];
    const recording = createLogger('info', {}, (line) => lines.push(line));
    // A port nothing listens on: every shared-budget call fails at once.
    const paces = new RedisPaces('redis://127.0.0.1:1', recording, { localShare: 1 / 3 });
    stops.push(() => paces.close());
    const adapter = new TelegramAdapter({ token: '123:TEST', apiRoot, limits: limits(paces), log });
    await Promise.all(Array.from({ length: 25 }, (_, i) => adapter.outbox.deliver({ chat: { platform: 'telegram', id: String(810_000 + i), kind: 'private' }, text: '提醒' })));

    const sent = telegram.sentMessages();
    expect(sent).toHaveLength(25);
    expect(busiest(sent.map((m) => m.at), ACCOUNT.windowMs)).toBeLessThanOrEqual(ACCOUNT.max / 3);
    expect(lines.filter((l) => l.includes('shared sending budget (Redis) cannot be reached'))).toHaveLength(1);
  });

  it("when QQ's risk control holds the account back in one process, the other process sends nothing for that account until the hold ends", { timeout: 30_000 }, async () => {
    const prefix = freshQueueName('pace');
    const [first, second] = [new RedisPaces(redisUrl(), log, { localShare: 1 / 3, prefix }), new RedisPaces(redisUrl(), log, { localShare: 1 / 3, prefix })];
    stops.push(() => first.close(), () => second.close());
    const holder = first.account('qq:napcat-1');
    const other = second.account('qq:napcat-1');
    const sentAt: number[] = [];
    const sender = new PacedSender(async () => void sentAt.push(Date.now()), { ...QQ_LIMITS, switchGapMs: undefined, shared: other }, log);
    // As the QQ outbox does when sends to two groups fail together.
    const heldAt = Date.now();
    expect(await holder.hold(1500)).toBe(true);
    expect(await other.hold(500)).toBe(false);
    await sender.submit({ chatKey: '20001', isGroup: true });
    expect(sentAt).toHaveLength(1);
    expect(sentAt[0]! - heldAt).toBeGreaterThanOrEqual(1400);
    expect(other.heldUntil).toBeGreaterThan(heldAt);
  });
});
