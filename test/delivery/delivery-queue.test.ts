import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { TelegramAdapter } from '../../src/adapters/telegram/telegram-adapter.ts';
import { applySetup } from '../../src/features/roster/setup.ts';
import { createBot } from '../../src/bot/create-bot.ts';
import { parseConfig } from '../../src/config.ts';
import { ManualClock } from '../../src/core/ports.ts';
import type { OutboundMessage } from '../../src/core/message.ts';
import { DeliveryLog } from '../../src/delivery/delivery-log.ts';
import { DeliveryQueue } from '../../src/delivery/delivery-queue.ts';
import { createLogger } from '../../src/logger.ts';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../support/databases.ts';
import { FakeTelegram } from '../support/fake-telegram.ts';
import { FAST_LIMITS } from '../adapters/telegram/telegram-harness.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const WORKER = path.resolve(import.meta.dirname, '../support/delivery-worker.ts');
const log = createLogger(process.env.YANXIU_TEST_LOG === '1' ? 'debug' : 'silent');
const toChat = (id: string, text: string, key?: string): OutboundMessage => ({
  chat: { platform: 'telegram', id, kind: 'private' },
  text,
  ...(key ? { delivery: { key, source: 'test' } } : {}),
});

describe.each(databaseKinds())('the delivery queue on %s', (kind) => {
  let db: TestDatabase;
  let telegram: FakeTelegram;
  let apiRoot: string;
  const queues: DeliveryQueue[] = [];
  const startQueue = (root = apiRoot, leaseMs = 30_000) => {
    const adapter = new TelegramAdapter({ token: '123:TEST', apiRoot: root, limits: FAST_LIMITS, log });
    const queue = new DeliveryQueue(new DeliveryLog(db.prisma), { telegram: adapter.outbox }, log, { leaseMs, pollMs: 20 });
    queues.push(queue);
    queue.start();
    return queue;
  };

  beforeAll(async () => {
    db = await openTestDatabase(kind);
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
    for (const queue of queues.splice(0)) await queue.stop(0);
    await telegram.stop();
  });

  it('when the same notice is queued twice it reaches the chat once, and the log keeps Telegram message id', async () => {
    const queue = startQueue();
    await queue.send(toChat('5001', '开班通知：12月1日报到', 'notice:1:person:1'));
    await queue.send(toChat('5001', '开班通知：12月1日报到', 'notice:1:person:1'));
    await queue.idle();
    expect(telegram.sentMessages().map((m) => m.text)).toEqual(['开班通知：12月1日报到']);
    const rows = await db.prisma.delivery.findMany();
    expect(rows.map((r) => [r.status, r.platformMessageIds, r.source])).toEqual([['SENT', ['1000'], 'test']]);
  });

  it('when a trainee has blocked the bot the delivery fails with the reason and is not tried again, and the others still go out', async () => {
    telegram.failNext({ method: 'sendMessage', chatId: '5002', errorCode: 403, description: 'Forbidden: bot was blocked by the user' });
    const queue = startQueue();
    await queue.send(toChat('5002', '提醒一'));
    await queue.send(toChat('5003', '提醒二'));
    await queue.idle();
    const rows = await db.prisma.delivery.findMany({ orderBy: { chatId: 'asc' } });
    expect(rows.map((r) => [r.chatId, r.status, r.attempts, r.error])).toEqual([
      ['5002', 'FAILED', 1, '403 Forbidden: bot was blocked by the user'],
      ['5003', 'SENT', 1, null],
    ]);
    expect(telegram.sentMessages().map((m) => m.chatId)).toEqual(['5003']);
  });

  it('when Telegram cannot be reached the message stays queued for a later try, with the reason', async () => {
    const closed = new FakeTelegram({ openPrivateChats: true });
    const closedRoot = await closed.start();
    await closed.stop();
    const queue = startQueue(closedRoot);
    await queue.send(toChat('5004', '明天 8:00 上课'));
    // The try is counted when it starts (SENDING): wait for its end, queued again.
    await expect.poll(async () => ((r) => [r.status, r.attempts])(await db.prisma.delivery.findFirstOrThrow())).toEqual(['QUEUED', 1]);
    const row = await db.prisma.delivery.findFirstOrThrow();
    expect([row.status, row.error]).toEqual(['QUEUED', 'network: ECONNREFUSED']);
    expect(row.notBefore.getTime()).toBeGreaterThan(Date.now());
  });

  it("when a worker dies its claimed messages are sent by another, and the one it was sending is marked uncertain and not sent again", async () => {
    const deliveries = new DeliveryLog(db.prisma);
    for (let i = 1; i <= 5; i++) await deliveries.enqueue(toChat(`60${i}`, `通知 ${i}`, `k${i}`));
    const claimed = await deliveries.claim('dead-worker', ['telegram'], 5, 200);
    expect(await deliveries.markSending(claimed[0]!.id, 'dead-worker', 200)).toBe(true);
    const queue = startQueue(apiRoot, 200);
    await new Promise((resolve) => setTimeout(resolve, 300));
    await queue.idle();
    const rows = await db.prisma.delivery.findMany({ orderBy: { id: 'asc' } });
    expect(rows.map((r) => r.status)).toEqual(['UNCERTAIN', 'SENT', 'SENT', 'SENT', 'SENT']);
    expect(telegram.sentMessages().map((m) => m.text).sort()).toEqual(['通知 2', '通知 3', '通知 4', '通知 5']);
  });
});

describe.each(databaseKinds())('the delivery report on %s', (kind) => {
  let db: TestDatabase;
  let telegram: FakeTelegram;
  let queue: DeliveryQueue;

  beforeAll(async () => {
    db = await openTestDatabase(kind);
  });
  afterAll(async () => {
    await queue?.stop(0);
    await telegram?.stop();
    await db.close();
  });

  it('when one class group has removed the bot, the tutor sees it by name in 送达情况, privately', async () => {
    telegram = new FakeTelegram({ openPrivateChats: true });
    const adapter = new TelegramAdapter({ token: '123:TEST', apiRoot: await telegram.start(), limits: FAST_LIMITS, log });
    queue = new DeliveryQueue(new DeliveryLog(db.prisma), { telegram: adapter.outbox }, log, { pollMs: 20 });
    queue.start();
    const clock = new ManualClock(new Date('2026-11-22T20:00:00+08:00'));
    const core = await createBot({ config: parseConfig({}), database: db, outbox: queue, clock, log });
    await applySetup(core.app, {
      region: { province: '安徽省', city: '亳州市', county: '谯城区' },
      projects: [{ name: '2026年谯城区小学数学骨干教师培训', level: 'COUNTY', year: 2026 }],
      classes: [{ name: '小学数学1班', project: '2026年谯城区小学数学骨干教师培训' }],
      people: [{ name: '李老师', phone: '13900000001', roles: [{ role: 'TUTOR', class: '小学数学1班' }], accounts: [{ platform: 'telegram', userId: '9001' }] }],
      groups: ['一组', '二组', '三组'].map((title, i) => ({ platform: 'telegram' as const, chatId: `-100${i + 1}`, title: `小学数学1班${title}`, class: '小学数学1班' })),
    });
    let n = 0;
    const tutorSays = (text: string) =>
      core.handler.handle({ chat: { platform: 'telegram', id: '9001', kind: 'private' }, sender: { id: '9001', name: '李老师' }, text, mentions: [], addressedToBot: false, attachments: [], messageId: String(++n), sentAt: clock.now() });
    telegram.failNext({ method: 'sendMessage', chatId: '-1002', errorCode: 403, description: 'Forbidden: bot was kicked from the group chat' });
    await tutorSays('通知 明天上午的课改到报告厅');
    await tutorSays('确认');
    await queue.idle();
    await tutorSays('送达情况');
    await queue.idle();
    await core.stop();
    const toTutor = telegram.sentMessages().filter((m) => m.chatId === '9001');
    expect(toTutor.find((m) => m.text.startsWith('📬 送达情况'))?.text.split('\n')).toEqual([
      '📬 送达情况',
      '通知「明天上午的课改到报告厅」（11月22日 20:00）',
      '已送达 2，发送中 0，失败 1，不确定 0',
      '· 失败（对方已屏蔽或群已解散）：小学数学1班二组',
    ]);
    expect(telegram.sentMessages().filter((m) => m.chatId.startsWith('-100')).map((m) => m.chatId)).toEqual(['-1001', '-1003']);

    // A worker died while sending to 三组: its row became uncertain. The tutor checks, and says 补发.
    await db.prisma.delivery.updateMany({ where: { chatId: '-1003' }, data: { status: 'UNCERTAIN', error: 'the worker stopped during the platform call' } });
    const core2 = await createBot({ config: parseConfig({}), database: db, outbox: queue, clock, log });
    const say = (text: string) =>
      core2.handler.handle({ chat: { platform: 'telegram', id: '9001', kind: 'private' }, sender: { id: '9001', name: '李老师' }, text, mentions: [], addressedToBot: false, attachments: [], messageId: String(++n), sentAt: clock.now() });
    await say('送达情况');
    await say('补发');
    await say('补发');
    await queue.idle();
    await say('送达情况');
    await queue.idle();
    await core2.stop();
    const reports = telegram.sentMessages().filter((m) => m.chatId === '9001' && m.text.startsWith('📬 送达情况'));
    expect(reports.at(-2)?.text.split('\n').at(-1)).toBe('· 不确定（发送时中断，可能已收到；核实没收到后发「补发」）：小学数学1班三组');
    expect(reports.at(-1)?.text.split('\n').at(-1)).toBe('· 已补发：小学数学1班三组');
    expect(telegram.sentMessages().filter((m) => m.chatId === '-1003')).toHaveLength(2);
    expect(telegram.sentMessages().filter((m) => m.chatId === '9001').map((m) => m.text)).toContain('您最近的通知没有需要补发的消息。');
  });
});

function people(count: number) {
  return Array.from({ length: count }, (_, i) => ({
    name: `教师${String(i + 1).padStart(3, '0')}`,
    phone: `138${String(10_000_000 + i).padStart(8, '0')}`,
    school: `学校${(i % 40) + 1}`,
    classes: ['初中语文1班'],
    accounts: [{ platform: 'telegram' as const, userId: String(800_000 + i) }],
  }));
}

describe.runIf(databaseKinds().includes('postgresql'))('sending workers killed with SIGKILL ten times in the middle of a notice to 300 teachers', () => {
  let db: TestDatabase;
  let telegram: FakeTelegram;
  const workers: ChildProcess[] = [];

  const startWorker = async (apiRoot: string): Promise<ChildProcess> => {
    const child = spawn(process.execPath, ['--import', 'tsx', WORKER, db.url!, apiRoot, '1000'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    workers.push(child);
    await new Promise<void>((resolve, reject) => {
      child.stdout!.once('data', () => resolve());
      child.once('exit', (code) => reject(new Error(`worker exited early (${code})`)));
    });
    return child;
  };
  const killed = (child: ChildProcess) => new Promise<void>((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve())));

  beforeAll(async () => {
    db = await openTestDatabase('postgresql');
    telegram = new FakeTelegram({ openPrivateChats: true });
  });
  afterAll(async () => {
    for (const w of workers) w.kill('SIGKILL');
    await telegram.stop();
    await db.close();
  });

  it('every teacher has exactly one delivery in the log and exactly one message on Telegram', { timeout: 240_000 }, async () => {
    const apiRoot = await telegram.start();
    const clock = new ManualClock(new Date('2026-11-22T10:00:00+08:00'));
    const enqueueOnly = new DeliveryQueue(new DeliveryLog(db.prisma), {}, log);
    const core = await createBot({ config: parseConfig({}), database: db, outbox: enqueueOnly, clock, log });
    const teachers = people(300);
    await applySetup(core.app, {
      region: { province: '安徽省', city: '亳州市', county: '谯城区' },
      schools: [...new Set(teachers.map((t) => t.school))],
      projects: [{ name: '2026年谯城区初中语文教师培训', level: 'COUNTY', year: 2026 }],
      classes: [{ name: '初中语文1班', project: '2026年谯城区初中语文教师培训' }],
      people: [{ name: '王主任', phone: '13900000009', roles: [{ role: 'COUNTY_CONTACT' }], accounts: [{ platform: 'telegram', userId: '700001' }] }, ...teachers],
    });
    await core.handler.handle({
      chat: { platform: 'telegram', id: '700001', kind: 'private' },
      sender: { id: '700001', name: '王主任' },
      text: '开班通知 初中语文1班 12月1日8:00在县教师发展中心报到，请带笔记本电脑',
      mentions: [],
      addressedToBot: false,
      attachments: [],
      messageId: '1',
      sentAt: clock.now(),
    });
    await core.stop();
    expect(await db.prisma.delivery.count({ where: { source: { startsWith: 'notice:' } } })).toBe(300);

    // Nine workers in a row are killed the moment Telegram has taken a message (every 25th), before
    // they hear back; the tenth while it waits between two sends, a little after the 240th message.
    let worker: ChildProcess | undefined;
    for (const at of [25, 50, 75, 100, 125, 150, 175, 200, 225]) {
      telegram.onSendMessage = (count) => {
        if (count === at) worker?.kill('SIGKILL');
      };
      worker = await startWorker(apiRoot);
      await killed(worker);
    }
    telegram.onSendMessage = (count) => {
      if (count === 240) setTimeout(() => worker?.kill('SIGKILL'), 5);
    };
    worker = await startWorker(apiRoot);
    await killed(worker);
    telegram.onSendMessage = undefined;
    const third = await startWorker(apiRoot);
    await expect.poll(() => db.prisma.delivery.count({ where: { status: { in: ['QUEUED', 'CLAIMED', 'SENDING'] } } }), { timeout: 60_000, interval: 200 }).toBe(0);
    third.kill('SIGTERM');
    await killed(third);

    const received = new Map<string, number>();
    for (const m of telegram.sentMessages()) received.set(m.chatId, (received.get(m.chatId) ?? 0) + 1);
    const teacherChats = teachers.map((t) => t.accounts[0]!.userId);
    expect(teacherChats.filter((id) => received.get(id) !== 1)).toEqual([]);
    const rows = await db.prisma.delivery.findMany({ where: { source: { startsWith: 'notice:' } } });
    expect(rows.map((r) => r.chatId).sort()).toEqual([...teacherChats].sort());
    // The messages in flight when the workers died arrived, but nobody can know that: they are
    // logged as uncertain, not sent again. Every other one is logged as sent.
    const uncertain = rows.filter((r) => r.status === 'UNCERTAIN');
    expect(uncertain.length).toBeGreaterThanOrEqual(9);
    expect(rows.filter((r) => r.status !== 'SENT' && r.status !== 'UNCERTAIN')).toEqual([]);
    expect(rows.filter((r) => r.status === 'SENT' && r.platformMessageIds.length !== 1)).toEqual([]);
  });

  it('when two workers send the same notice side by side, each teacher still gets it exactly once', { timeout: 120_000 }, async () => {
    await db.reset();
    const second = new FakeTelegram({ openPrivateChats: true });
    const apiRoot = await second.start();
    const deliveries = new DeliveryLog(db.prisma);
    for (let i = 0; i < 300; i++) await deliveries.enqueue({ chat: { platform: 'telegram', id: String(900_000 + i), kind: 'private' }, text: '开班通知', delivery: { key: `notice:9:person:${i}`, source: 'notice:9' } });
    const [a, b] = [await startWorker(apiRoot), await startWorker(apiRoot)];
    await expect.poll(() => db.prisma.delivery.count({ where: { status: 'SENT' } }), { timeout: 60_000, interval: 200 }).toBe(300);
    a.kill('SIGTERM');
    b.kill('SIGTERM');
    await Promise.all([killed(a), killed(b)]);
    const chats = second.sentMessages().map((m) => m.chatId);
    expect(chats).toHaveLength(300);
    expect(new Set(chats).size).toBe(300);
    expect(await db.prisma.delivery.count({ where: { status: 'SENT', NOT: { platformMessageIds: { isEmpty: true } } } })).toBe(300);
    await second.stop();
  });
});
