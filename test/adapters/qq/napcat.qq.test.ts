import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { QqAdapter } from '../../../src/adapters/qq/qq-adapter.ts';
import { createBot } from '../../../src/bot/create-bot.ts';
import { parseConfig } from '../../../src/config.ts';
import type { OutboundMessage } from '../../../src/core/message.ts';
import { PlatformOutbox } from '../../../src/core/platform-outbox.ts';
import { ManualClock } from '../../../src/core/ports.ts';
import { applySetup } from '../../../src/features/roster/setup.ts';
import { createLogger } from '../../../src/logger.ts';
import { exampleSetup } from '../../support/chat.ts';
import { openTestDatabase, type TestDatabase } from '../../support/databases.ts';
import { OneBotPeer } from '../../support/onebot-peer.ts';
import { BOT_QQ, FAST_QQ, QqHarness, TOKEN } from './qq-harness.ts';

// QQ as NapCatQQ really behaves: every failure is retcode 1200 with the reason in words, most
// trainees are not the bot's friend, an owner mutes a group, a wrong token is let through the
// upgrade and refused afterwards, and nothing said while the bot was away is queued for it.

const GROUP = 70012345;
const OTHER = 70012346;
const TUTOR = 1001;
const ZHANG = 2001;
const LI = 2002;

function setup() {
  const s = exampleSetup();
  const account = (name: string, userId: number) => Object.assign(s.people.find((p: { name: string }) => p.name === name), { accounts: [{ platform: 'qq', userId: String(userId), displayName: name }] });
  account('李老师', TUTOR);
  account('张三', ZHANG);
  account('李四', LI);
  s.people.push({ name: '系统管理员', phone: '13900000099', roles: [{ role: 'ADMIN' }], accounts: [{ platform: 'playground', userId: 'admin-1' }] });
  s.classes.push({ name: '小学数学2班', project: s.projects[0].name });
  s.groups = [
    { platform: 'qq', chatId: String(GROUP), title: '小学数学1班群', class: '小学数学1班' },
    { platform: 'qq', chatId: String(OTHER), title: '小学数学2班群', class: '小学数学2班' },
  ];
  s.sessions = [{ class: '小学数学1班', title: '新课标解读', start: '2026-11-23T08:30:00+08:00', end: '2026-11-23T11:30:00+08:00', hours: 3, lateMinutes: 10 }];
  return s;
}

const members = [
  { user_id: TUTOR, nickname: 'li-teacher', card: '李老师' },
  { user_id: ZHANG, nickname: '三哥', card: '张三' },
  { user_id: LI, nickname: '李四', card: '李四' },
];
const at = (qq: number) => ({ type: 'at', data: { qq: String(qq) } });
const text = (t: string) => ({ type: 'text', data: { text: t } });

describe('QQ as NapCat behaves', () => {
  let db: TestDatabase;
  let harness: QqHarness | undefined;
  const cleanups: (() => Promise<void>)[] = [];
  beforeAll(async () => {
    db = await openTestDatabase('pglite');
  });
  afterAll(() => db?.close());
  beforeEach(() => db.reset());
  afterEach(async () => {
    await harness?.stop();
    harness = undefined;
    for (const cleanup of cleanups.splice(0)) await cleanup();
  });

  async function start(at = '2026-11-23T11:35:00+08:00', options: { muteRecheckMs?: number } = {}) {
    harness = await QqHarness.start(db, { at, setup: setup(), ...options });
    harness.peer.addGroup(GROUP, '小学数学1班群', members);
    harness.peer.addGroup(OTHER, '小学数学2班群', [{ user_id: 3001, nickname: '周老师' }]);
    return harness;
  }

  it('when a trainee who is not the bot’s friend asks 学时 in the group the answer reaches them as a temporary message, and another group’s reply goes out meanwhile', async () => {
    const h = await start();
    h.peer.notFriend(ZHANG);
    h.peer.groupMessage(GROUP, ZHANG, '学时');
    h.peer.groupMessage(OTHER, 3001, [at(BOT_QQ), text(' 在吗')]);
    await h.waitHandled(2);
    await h.settle();
    const toZhang = h.peer.sent.filter((s) => s.chat === String(ZHANG));
    expect(toZhang).toHaveLength(1);
    expect(toZhang[0]!.viaGroup).toBe(String(GROUP));
    expect(h.peer.readable(toZhang[0]!)).toContain('学时');
    expect(h.sentTo(OTHER)).toHaveLength(1);
    expect(await db.prisma.delivery.findMany({ where: { status: { not: 'SENT' } } })).toEqual([]);
    // No account hold: nothing was told to the admins and QQ kept sending.
    expect(h.elsewhere).toEqual([]);
    expect(h.adapter.outbox.ready()).toBe(true);
  });

  it('when the group allows no temporary messages either the trainee is asked in the group, with an @, to add the bot, and the private answer is FAILED after one attempt', async () => {
    const h = await start();
    h.peer.notFriend(ZHANG);
    h.peer.forbidTemporaryMessages(GROUP);
    h.peer.groupMessage(GROUP, ZHANG, '学时');
    await h.waitHandled(1);
    await h.settle();
    await h.until(() => h.sentTo(GROUP).some((t) => t.includes('好友')), 5000, 'the group reply');
    expect(h.peer.sent.filter((s) => s.chat === String(ZHANG))).toEqual([]);
    expect(h.sentTo(GROUP).filter((t) => t.includes('好友'))).toEqual(['@张三 研修助手没法私聊您，回复没能送到。请先加研修助手为 QQ 好友，再发一次。']);
    const privateRow = await db.prisma.delivery.findFirstOrThrow({ where: { chatId: String(ZHANG) } });
    expect([privateRow.status, privateRow.attempts]).toEqual(['FAILED', 1]);
    expect(h.elsewhere).toEqual([]);
  });

  it('when a group is muted for everyone only that group’s messages wait, and they go out once it is unmuted', async () => {
    const h = await start('2026-11-23T11:35:00+08:00', { muteRecheckMs: 200 });
    h.peer.muteAll(GROUP, true);
    await h.until(() => h.adapter.outbox.isMuted(String(GROUP)), 5000, 'the mute notice');
    const group = (id: number) => ({ platform: 'qq' as const, id: String(id), kind: 'group' as const });
    await h.core.app.outbox.send({ chat: group(GROUP), text: '明天的课改到下午', delivery: { key: 'muted-1' } });
    await h.core.app.outbox.send({ chat: group(OTHER), text: '二班今晚交作业', delivery: { key: 'other-1' } });
    await h.until(() => h.sentTo(OTHER).length === 1, 5000, 'the other group’s message');
    await h.until(async () => (await db.prisma.delivery.findUniqueOrThrow({ where: { key: 'muted-1' } })).error !== null, 5000, 'the held message looked at');
    expect(h.sentTo(GROUP)).toEqual([]);
    const held = await db.prisma.delivery.findUniqueOrThrow({ where: { key: 'muted-1' } });
    expect([held.status, held.attempts]).toEqual(['QUEUED', 0]);
    h.peer.muteAll(GROUP, false);
    await h.settle();
    expect(h.sentTo(GROUP)).toEqual(['明天的课改到下午']);
    expect(h.elsewhere).toEqual([]);
  });

  it('when a group send fails because the group was muted unseen, the bot finds out from the group info and holds only that group', async () => {
    const h = await start('2026-11-23T11:35:00+08:00', { muteRecheckMs: 200 });
    // Muted while the bot was away: no notice reached it.
    h.peer.down();
    await h.until(() => !h.adapter.outbox.ready(), 5000, 'disconnected');
    h.peer.muteAll(GROUP, true);
    h.peer.up();
    await h.until(() => h.adapter.outbox.ready() && !h.adapter.catchingUp, 5000, 'reconnected');
    const group = (id: number) => ({ platform: 'qq' as const, id: String(id), kind: 'group' as const });
    await h.core.app.outbox.send({ chat: group(GROUP), text: '请查看课表', delivery: { key: 'muted-2' } });
    await h.core.app.outbox.send({ chat: group(OTHER), text: '二班明天照常', delivery: { key: 'other-2' } });
    await h.until(async () => (await db.prisma.delivery.findUniqueOrThrow({ where: { key: 'muted-2' } })).error !== null, 5000, 'the refused send');
    await h.until(() => h.sentTo(OTHER).length === 1, 5000, 'the other group’s message');
    expect((await db.prisma.delivery.findUniqueOrThrow({ where: { key: 'muted-2' } })).status).toBe('QUEUED');
    h.peer.muteAll(GROUP, false);
    await h.settle();
    expect(h.sentTo(GROUP)).toEqual(['请查看课表']);
    expect((await db.prisma.delivery.findUniqueOrThrow({ where: { key: 'muted-2' } })).status).toBe('SENT');
  });

  it('when 签到 is typed while NapCat restarts it is read from the group history after the reconnect (several pages back), recorded once and with its own time', async () => {
    const h = await start('2026-11-23T08:20:00+08:00');
    h.peer.groupMessage(GROUP, LI, '大家早上好');
    await h.waitHandled(1);
    h.peer.down();
    await h.until(() => !h.adapter.outbox.ready(), 5000, 'disconnected');
    const typedAt = new Date('2026-11-23T08:25:00+08:00');
    h.clock.set(typedAt);
    const id = h.peer.groupMessage(GROUP, ZHANG, '签到');
    // A busy group: more chatter after it than one page of history holds.
    for (let i = 1; i <= 60; i++) h.peer.groupMessage(GROUP, LI, `收到${i}`);
    // NapCat comes back after the late mark: timed by the bot's clock the check-in would be late.
    h.clock.set(new Date('2026-11-23T08:50:00+08:00'));
    h.peer.up();
    await h.until(async () => (await db.prisma.checkIn.count()) === 1, 10_000, 'the check-in');
    await h.settle();
    // A second reconnect reads the same history again: still one.
    h.peer.dropConnections();
    await h.until(() => h.peer.connections === 3 && h.adapter.outbox.ready() && !h.adapter.catchingUp, 5000, 'reconnected again');
    await h.settle();
    const rows = await db.prisma.checkIn.findMany({ include: { person: true } });
    expect(rows.map((r) => [r.person.name, r.status, r.checkedInAt?.toISOString()])).toEqual([['张三', 'PRESENT', typedAt.toISOString()]]);
    expect(await db.prisma.inboundMessage.count({ where: { platform: 'qq', messageId: String(id) } })).toBe(1);
    expect(await db.prisma.inboundMessage.count({ where: { platform: 'qq', chatId: String(GROUP) } })).toBe(62);
  });

  it('when 签到 is typed while the bot process is down (NapCat kept running) the restarted bot reads it from the history since the last message it stored, records it once with its own time', async () => {
    // NapCat's own clock: it outlives the bot, so the peer is started here and each bot gets its own clock.
    let napcatNow = new Date('2026-11-23T08:20:00+08:00').getTime();
    const peer = await OneBotPeer.serve({ accessToken: TOKEN, selfId: BOT_QQ, now: () => napcatNow });
    cleanups.push(() => peer.stop());
    peer.addGroup(GROUP, '小学数学1班群', members);
    peer.addGroup(OTHER, '小学数学2班群', [{ user_id: 3001, nickname: '周老师' }]);
    const first = await QqHarness.start(db, { at: '2026-11-23T08:20:00+08:00', setup: setup(), runningPeer: peer });
    peer.groupMessage(GROUP, LI, '大家早上好');
    await first.waitHandled(1);
    await first.stopBot();

    napcatNow = new Date('2026-11-23T08:25:00+08:00').getTime();
    const id = peer.groupMessage(GROUP, ZHANG, '签到');
    for (let i = 1; i <= 3; i++) peer.groupMessage(GROUP, LI, `收到${i}`);
    // The bot comes back 25 minutes later: far beyond the 5-minute replay window a fresh process would read.
    napcatNow = new Date('2026-11-23T08:50:00+08:00').getTime();
    harness = await QqHarness.start(db, { at: '2026-11-23T08:50:00+08:00', runningPeer: peer });
    const h = harness;
    await h.until(async () => (await db.prisma.checkIn.count()) === 1, 10_000, 'the check-in');
    await h.settle();
    // Another reconnect of the same process, and another restart, read the same history again: still one.
    peer.dropConnections();
    await h.until(() => h.adapter.outbox.ready() && !h.adapter.catchingUp, 5000, 'reconnected');
    await h.stopBot();
    harness = await QqHarness.start(db, { at: '2026-11-23T08:55:00+08:00', runningPeer: peer });
    await harness.settle();
    const rows = await db.prisma.checkIn.findMany({ include: { person: true } });
    expect(rows.map((r) => [r.person.name, r.status, r.checkedInAt?.toISOString()])).toEqual([['张三', 'PRESENT', '2026-11-23T00:25:00.000Z']]);
    expect(await db.prisma.inboundMessage.count({ where: { platform: 'qq', messageId: String(id) } })).toBe(1);
    expect(await db.prisma.inboundMessage.count({ where: { platform: 'qq', chatId: String(GROUP) } })).toBe(5);
  });

  it('when the access token is wrong the client backs off to at most 10 attempts in 5 minutes, logs the refusal once a minute and tells the admins once; a clean connection resets the backoff', async () => {
    const peer = await OneBotPeer.serve({ accessToken: TOKEN, selfId: BOT_QQ });
    cleanups.push(() => peer.stop());
    const lines: string[] = [];
    const log = createLogger('debug', {}, (line) => lines.push(line));
    const clock = new ManualClock(new Date('2026-11-23T08:20:00+08:00'));
    // Five virtual minutes of waiting between attempts; then the client waits until the token is corrected.
    let waited = 0;
    let parked = false;
    let release = () => undefined as void;
    const waits: number[] = [];
    const reconnectSleep = (ms: number) => {
      waits.push(ms);
      waited += ms;
      if (waited <= 5 * 60_000) return new Promise<void>((r) => setTimeout(r, 1));
      parked = true;
      return new Promise<void>((r) => (release = r));
    };
    const adapter = new QqAdapter({ connection: { kind: 'forward', url: peer.url }, accessToken: 'wrong-token-000000', clock, log, limits: FAST_QQ, reconnectMs: { first: 1000, max: 60_000 }, reconnectSleep });
    const elsewhere: OutboundMessage[] = [];
    const outbox = new PlatformOutbox({ qq: adapter.outbox, playground: { send: async (m) => void elsewhere.push(m) } }, () => undefined);
    const core = await createBot({ config: parseConfig({}), database: db, outbox, clock, log });
    await applySetup(core.app, setup());
    adapter.attach(core);
    await adapter.start();
    cleanups.push(async () => {
      await core.stop();
      await adapter.stop();
    });
    const deadline = Date.now() + 20_000;
    while (!parked || peer.refused < 5) {
      if (Date.now() > deadline) throw new Error('the client did not settle into its backoff');
      await new Promise((r) => setTimeout(r, 10));
    }
    await new Promise((r) => setTimeout(r, 100));
    expect(peer.refused).toBeGreaterThanOrEqual(5);
    expect(peer.refused).toBeLessThanOrEqual(10);
    expect(lines.filter((l) => l.includes('refused our access token'))).toHaveLength(1);
    expect(lines.join('\n')).not.toContain('wrong-token-000000');
    expect(elsewhere.map((m) => [m.chat.id, m.text])).toEqual([['admin-1', expect.stringContaining('拒绝了研修助手的访问令牌')]]);
    expect(adapter.outbox.ready()).toBe(false);
    // The token is corrected: a clean connection, after which a dropped one is tried again at once (1 s).
    peer.changeToken('wrong-token-000000');
    const before = waits.length;
    release();
    const until = async (ok: () => boolean) => {
      for (let i = 0; i < 500 && !ok(); i++) await new Promise((r) => setTimeout(r, 10));
      expect(ok()).toBe(true);
    };
    await until(() => adapter.outbox.ready() && adapter.self === String(BOT_QQ) && !adapter.catchingUp);
    peer.dropConnections();
    await until(() => waits.length > before);
    expect(waits[before]).toBe(1000);
    expect(elsewhere).toHaveLength(1);
  });
});
