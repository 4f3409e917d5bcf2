import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InboundMessage } from '../../src/core/message.ts';
import { openDatabase, type Database } from '../../src/db/client.ts';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../support/databases.ts';
import { exampleSetup, TestChat, texts } from '../support/chat.ts';
import { TcpProxy } from '../support/tcp-proxy.ts';

// Opening morning, 500 trainees type 签到 and the database host drops off the network for ten
// seconds in the middle of it. The bot must hold the messages, store every one once the database is
// back, and tell the group it has them; nothing twice, no apology for an "internal error".

const TRAINEES = 500;

describe.skipIf(!databaseKinds().includes('postgresql'))('the database unreachable for 10 seconds during a 500-trainee burst', () => {
  let server: TestDatabase;
  let proxy: TcpProxy;
  let db: Database;
  let chat: TestChat;

  beforeAll(async () => {
    server = await openTestDatabase('postgresql');
    const target = new URL(server.url!);
    proxy = new TcpProxy({ host: target.hostname, port: Number(target.port) });
    await proxy.start();
    db = await openDatabase({ url: proxy.urlFor(server.url!), migrate: false });
    const setup = exampleSetup();
    for (let i = 0; i < TRAINEES; i++) {
      setup.people.push({ name: `教师${i}`, phone: `136${String(i).padStart(8, '0')}`, school: '城关小学', classes: ['小学数学1班'], accounts: [{ platform: 'playground', userId: `t-${i}` }] });
    }
    chat = await TestChat.start({ ...db, url: null, reset: async () => {} }, { at: '2026-11-22T20:00:00+08:00', setup });
    await chat.as('tutor-li', '李老师').says('绑定班级 小学数学1班');
    await chat.as('tutor-li', '李老师').says('创建课次 明天 8:30-11:30 学时3');
    await chat.at('2026-11-23T08:20:00+08:00');
  }, 120_000);

  afterAll(async () => {
    await chat?.close();
    await db?.close();
    await proxy?.close();
    await server?.close();
  });

  const checkin = (i: number): InboundMessage => ({
    chat: { platform: 'playground', id: 'g-math1', kind: 'group', title: 'g-math1' },
    sender: { id: `t-${i}`, name: `教师${i}` },
    text: '签到',
    mentions: [],
    addressedToBot: false,
    attachments: [],
    messageId: `burst-${i}`,
    sentAt: new Date('2026-11-23T00:21:00Z'),
  });

  it('every check-in is recorded once when it is back, and the group hears every name', { timeout: 120_000 }, async () => {
    const handler = chat.session.bot.handler;
    const firstHalf = Array.from({ length: TRAINEES / 2 }, (_, i) => handler.handle(checkin(i)));
    await new Promise((resolve) => setTimeout(resolve, 5));
    proxy.cut();
    const secondHalf = Array.from({ length: TRAINEES / 2 }, (_, i) => handler.handle(checkin(TRAINEES / 2 + i)));
    await new Promise((resolve) => setTimeout(resolve, 10_000));
    expect(await server.prisma.checkIn.count()).toBeLessThan(TRAINEES);
    proxy.restore();
    const outcomes = await Promise.all([...firstHalf, ...secondHalf]);
    expect(outcomes.filter((o) => o !== 'handled')).toEqual([]);

    const acknowledgements = texts(await chat.wait(10)).filter((t) => t.startsWith('✅ 签到成功'));
    const named = acknowledgements.flatMap((t) => t.slice(t.indexOf('：') + 1).split('、'));
    expect(named.sort()).toEqual(Array.from({ length: TRAINEES }, (_, i) => `教师${i}`).sort());
    expect(acknowledgements.length).toBeLessThanOrEqual(2);
    expect(texts(chat.session.outbox.sent).join('\n')).not.toContain('系统暂时出了点问题');
    expect(await server.prisma.checkIn.count()).toBe(TRAINEES);
    expect(await server.prisma.inboundMessage.count({ where: { messageId: { startsWith: 'burst-' } } })).toBe(TRAINEES);

    // The platform, having seen no answer during the outage, delivers everything again.
    const again = await Promise.all(Array.from({ length: TRAINEES }, (_, i) => handler.handle(checkin(i))));
    expect(new Set(again)).toEqual(new Set(['duplicate']));
    expect(await server.prisma.checkIn.count()).toBe(TRAINEES);
  });
});
