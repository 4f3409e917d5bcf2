import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { QqAdapter } from '../../../src/adapters/qq/qq-adapter.ts';
import { createBot, type Bot } from '../../../src/bot/create-bot.ts';
import { parseConfig } from '../../../src/config.ts';
import { ManualClock } from '../../../src/core/ports.ts';
import { createLogger } from '../../../src/logger.ts';
import { exampleSetup } from '../../support/chat.ts';
import { openTestDatabase, type TestDatabase } from '../../support/databases.ts';
import { connect, type Socket } from 'node:net';
import { WebSocket } from 'ws';
import { OneBotPeer } from '../../support/onebot-peer.ts';
import { BOT_QQ, FAST_QQ, QqHarness, TOKEN } from './qq-harness.ts';

// The connection to the OneBot implementation: the token, a dropped connection, a silent one, and
// the reverse direction (NapCat connecting to us).

const GROUP = 70012345;
const ZHANG = 2001;

function setup() {
  const s = exampleSetup();
  Object.assign(s.people.find((p: { name: string }) => p.name === '张三'), { accounts: [{ platform: 'qq', userId: String(ZHANG), displayName: '张三' }] });
  // The admin is reachable outside QQ (here the playground): that is where QQ trouble is reported.
  s.people.push({ name: '系统管理员', phone: '13900000099', roles: [{ role: 'ADMIN' }], accounts: [{ platform: 'playground', userId: 'admin-1' }] });
  s.groups = [{ platform: 'qq', chatId: String(GROUP), title: '小学数学1班群', class: '小学数学1班' }];
  return s;
}

const until = async (condition: () => boolean, what: string, timeoutMs = 10_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`${what} not met in time`);
    await new Promise((r) => setTimeout(r, 5));
  }
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('the OneBot connection', () => {
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

  /** An adapter and core without the harness's wait for a working connection; every log line kept. */
  async function bare(connection: ConstructorParameters<typeof QqAdapter>[0]['connection'], accessToken: string) {
    const lines: string[] = [];
    const log = createLogger('debug', {}, (line) => lines.push(line));
    const clock = new ManualClock(new Date('2026-11-23T08:20:00+08:00'));
    const adapter = new QqAdapter({ connection, accessToken, clock, log, limits: FAST_QQ, reconnectMs: { first: 20, max: 100 } });
    let handled = 0;
    const core: Bot = await createBot({ config: parseConfig({}), database: db, outbox: adapter.outbox, clock, log });
    const handle = core.handler.handle.bind(core.handler);
    core.handler.handle = async (m) => {
      handled++;
      return handle(m);
    };
    adapter.attach(core);
    await adapter.start();
    cleanups.push(async () => {
      await core.stop();
      await adapter.stop();
    });
    return { adapter, lines, handled: () => handled };
  }

  it.each(['spec', 'napcat'] as const)('when the access token is wrong the connection is refused (%s style), nothing is received, and the token never reaches the log', async (refuse) => {
    const peer = await OneBotPeer.serve({ accessToken: TOKEN, selfId: BOT_QQ, refuse });
    cleanups.push(() => peer.stop());
    peer.addGroup(GROUP, '小学数学1班群', [{ user_id: ZHANG, nickname: '张三' }]);
    const wrong = 'wrong-token-000000';
    const { adapter, lines, handled } = await bare({ kind: 'forward', url: peer.url }, wrong);
    await until(() => peer.refused >= 3, 'three refused attempts');
    peer.groupMessage(GROUP, ZHANG, '签到');
    await sleep(100);
    expect(adapter.outbox.ready()).toBe(false);
    expect(peer.openConnections).toBe(0);
    expect(handled()).toBe(0);
    expect(lines.some((l) => l.includes('refused our access token'))).toBe(true);
    expect(lines.join('\n')).not.toContain(wrong);
  });

  it('when the connection drops the client connects again by itself, a message queued meanwhile is sent once, and messages are heard again', async () => {
    harness = await QqHarness.start(db, { at: '2026-11-23T08:20:00+08:00', setup: setup() });
    const { peer, adapter } = harness;
    peer.addGroup(GROUP, '小学数学1班群', [{ user_id: ZHANG, nickname: '张三' }]);
    peer.dropConnections();
    await until(() => !adapter.outbox.ready(), 'disconnected');
    await harness.core.app.outbox.send({ chat: { platform: 'qq', id: String(GROUP), kind: 'group' }, text: '断线期间排队的通知', delivery: { key: 'notice-during-outage' } });
    await until(() => peer.connections === 2 && adapter.outbox.ready(), 'reconnected');
    await harness.settle();
    expect(harness.sentTo(GROUP)).toEqual(['断线期间排队的通知']);
    peer.groupMessage(GROUP, ZHANG, [{ type: 'at', data: { qq: String(BOT_QQ) } }, { type: 'text', data: { text: ' 在吗' } }]);
    await harness.waitHandled(1);
    await harness.settle();
    expect(harness.sentTo(GROUP)).toHaveLength(2);
  });

  it('when the implementation stays away past the grace time the admins are told once, and again when it is back', async () => {
    harness = await QqHarness.start(db, { at: '2026-11-23T08:20:00+08:00', setup: setup(), offlineNoticeMs: 200 });
    const { adapter } = harness;
    // NapCat goes away (its port closed) for longer than the grace, then comes back on the same port.
    const port = Number(new URL(harness.peer.url).port);
    await harness.peer.stop();
    await sleep(50);
    expect(harness.elsewhere).toEqual([]);
    await sleep(400);
    const back = await OneBotPeer.serve({ accessToken: TOKEN, selfId: BOT_QQ, port });
    cleanups.push(() => back.stop());
    await until(() => adapter.outbox.ready(), 'reconnected');
    await until(() => harness!.elsewhere.length >= 2, 'both notices');
    await sleep(100);
    expect(harness.elsewhere.map((m) => [m.chat.id, m.text])).toEqual([
      ['admin-1', expect.stringContaining('与 QQ（NapCat）的连接已断开')],
      ['admin-1', '✅ 研修助手的 QQ 已重新连上。'],
    ]);
  });

  it('when the connection stays open but goes silent the watchdog drops it and connects again', async () => {
    harness = await QqHarness.start(db, { at: '2026-11-23T08:20:00+08:00', setup: setup(), silenceMs: 300 });
    const { peer, adapter } = harness;
    peer.addGroup(GROUP, '小学数学1班群', [{ user_id: ZHANG, nickname: '张三' }]);
    peer.goSilent();
    await until(() => peer.connections === 2 && peer.openConnections === 1 && adapter.outbox.ready(), 'a fresh connection', 5000);
    peer.groupMessage(GROUP, ZHANG, [{ type: 'at', data: { qq: String(BOT_QQ) } }, { type: 'text', data: { text: ' 在吗' } }]);
    await harness.waitHandled(1);
    await harness.settle();
    expect(harness.sentTo(GROUP)).toHaveLength(1);
  });

  it('when NapCat connects to our reverse-WebSocket server only the right token is let in, and then messages go both ways', async () => {
    const { adapter, handled } = await bare({ kind: 'reverse', host: '127.0.0.1', port: 0 }, TOKEN);
    const url = `ws://127.0.0.1:${adapter.client.port}/onebot/v11/ws`;
    const peer = OneBotPeer.client({ accessToken: TOKEN, selfId: BOT_QQ, now: () => new Date('2026-11-23T08:20:00+08:00').getTime() });
    cleanups.push(() => peer.stop());
    await expect(peer.connectTo(url, 'not-the-token-1234')).rejects.toThrow('HTTP 403');
    await expect(peer.connectTo(url, '')).rejects.toThrow('HTTP 401');
    expect(adapter.outbox.ready()).toBe(false);
    peer.addGroup(GROUP, '小学数学1班群', [{ user_id: ZHANG, nickname: '张三' }]);
    await peer.connectTo(url);
    await until(() => adapter.outbox.ready() && adapter.self === String(BOT_QQ), 'connected');
    peer.groupMessage(GROUP, ZHANG, `[CQ:at,qq=${BOT_QQ}] 在吗`);
    await until(() => handled() === 1 && peer.sent.length === 1, 'answered');
    expect(peer.readable(peer.sent[0]!)).toMatch(/^@张三 /);
  });

  it('when NapCat connects in reverse an oversized frame closes that connection unheard, failed handshakes are logged once a minute, and idle connections past the cap are turned away', async () => {
    const { adapter, handled, lines } = await bare({ kind: 'reverse', host: '127.0.0.1', port: 0 }, TOKEN);
    const url = `ws://127.0.0.1:${adapter.client.port}/onebot/v11/ws`;
    const open = (token = TOKEN) =>
      new Promise<WebSocket>((resolve, reject) => {
        const socket = new WebSocket(url, { headers: { Authorization: `Bearer ${token}` } });
        socket.once('open', () => resolve(socket));
        socket.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
        socket.once('error', reject);
      });
    const big = await open();
    const closed = new Promise<number>((resolve) => big.once('close', (code) => resolve(code)));
    big.send(JSON.stringify({ post_type: 'message', message_type: 'group', time: 0, self_id: BOT_QQ, message_id: 1, user_id: ZHANG, group_id: GROUP, message: 'x'.repeat(2 * 1024 * 1024) }));
    expect(await closed).toBe(1009);
    expect(handled()).toBe(0);
    for (let i = 0; i < 3; i++) await expect(open('not-the-token-1234')).rejects.toThrow('HTTP 403');
    expect(lines.filter((l) => l.includes('refused a connection to the reverse WebSocket'))).toHaveLength(1);
    // Eight TCP connections that never speak fill the cap: the next one is turned away, and once they go it is let in.
    const idle = await Promise.all(Array.from({ length: 8 }, () => new Promise<Socket>((resolve) => { const s = connect(adapter.client.port!, '127.0.0.1', () => resolve(s)); })));
    await sleep(50);
    await expect(open()).rejects.toThrow();
    for (const s of idle) s.destroy();
    // The server notices the closes in its own time.
    let admitted: WebSocket | undefined;
    for (let i = 0; i < 100 && !admitted; i++) admitted = await open().catch(() => sleep(20).then(() => undefined));
    expect(admitted?.readyState).toBe(WebSocket.OPEN);
    admitted!.terminate();
  });
});
