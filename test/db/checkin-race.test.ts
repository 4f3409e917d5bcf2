import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { exampleSetup, TestChat } from '../support/chat.ts';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../support/databases.ts';

const run = promisify(execFile);
const WORKER = path.resolve(import.meta.dirname, '../support/race-worker.ts');
const SENT_AT = '2026-11-23T08:20:00+08:00';

const checkinMessage = (messageId: string) =>
  JSON.stringify({
    chat: { platform: 'playground', id: 'g-math1', kind: 'group', title: 'g-math1' },
    sender: { id: 'u-zhang3', name: '张三' },
    text: '签到',
    mentions: [],
    addressedToBot: false,
    attachments: [],
    messageId,
    sentAt: new Date(SENT_AT).toISOString(),
  });

async function prepare(db: TestDatabase): Promise<void> {
  await db.reset();
  const chat = await TestChat.start(db, { at: '2026-11-22T20:00:00+08:00', setup: exampleSetup() });
  await chat.as('tutor-li', '李老师').says('绑定班级 小学数学1班');
  await chat.as('tutor-li', '李老师').says('创建课次 明天 8:30-11:30 学时3');
  await chat.as('u-zhang3', '张三').says('绑定 张三 1111');
  await chat.close();
}

describe.each(databaseKinds())('the same check-in delivered twice on %s', (kind) => {
  let db: TestDatabase;
  let chat: TestChat;
  beforeAll(async () => {
    db = await openTestDatabase(kind);
  });
  afterAll(async () => {
    await chat?.close();
    await db?.close();
  });
  beforeEach(async () => {
    await prepare(db);
    chat = await TestChat.start(db, { at: SENT_AT });
  });

  it('when the platform delivers one message twice it records one check-in and acknowledges once', async () => {
    const first = await chat.as('u-zhang3', '张三').says('签到', { id: 'dup-1' });
    const second = await chat.as('u-zhang3', '张三').says('签到', { id: 'dup-1' });
    const acks = await chat.wait(10);
    expect([...first, ...second]).toEqual([]);
    expect(acks.map((a) => a.text)).toEqual(['✅ 签到成功 1 人：张三']);
    expect(await db.prisma.checkIn.count()).toBe(1);
    expect(await db.prisma.inboundMessage.count({ where: { messageId: 'dup-1' } })).toBe(1);
  });
});

describe.runIf(databaseKinds().includes('postgresql'))('two bot processes racing on PostgreSQL', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await openTestDatabase('postgresql');
  });
  afterAll(() => db?.close());

  const race = async (idA: string, idB: string) => {
    await prepare(db);
    const goAt = String(Date.now() + 4000);
    const spawn = (id: string) =>
      run(process.execPath, ['--import', 'tsx', WORKER, db.url!, checkinMessage(id), goAt], { cwd: path.resolve(import.meta.dirname, '../..') }).then(
        (r) => JSON.parse(r.stdout.trim().split('\n').pop()!) as { outcome: string; sent: string[] },
      );
    return Promise.all([spawn(idA), spawn(idB)]);
  };

  it('when both processes receive the same message id one handles it and the other sees a duplicate', async () => {
    const results = await race('same-1', 'same-1');
    expect(results.map((r) => r.outcome).sort()).toEqual(['duplicate', 'handled']);
    expect(results.flatMap((r) => r.sent)).toEqual(['✅ 签到成功 1 人：张三']);
    expect(await db.prisma.checkIn.count()).toBe(1);
  });

  it('when both processes receive different 签到 messages from one trainee one check-in is recorded and the other is told the time', async () => {
    const results = await race('a-1', 'b-1');
    expect(results.map((r) => r.outcome)).toEqual(['handled', 'handled']);
    expect(results.flatMap((r) => r.sent).sort()).toEqual(['✅ 签到成功 1 人：张三', '您已于 08:20 签到过了，无需重复签到。']);
    expect(await db.prisma.checkIn.count()).toBe(1);
  });
}, 60_000);
