import { afterEach, beforeAll, afterAll, beforeEach, describe, expect, it } from 'vitest';
import { exampleSetup } from '../../support/chat.ts';
import { openTestDatabase, type TestDatabase } from '../../support/databases.ts';
import { WechatHarness } from './wechat-harness.ts';

// After the bot's WeChat account logs in again, the puppet hands out new ids for rooms and contacts.
// A bound trainee must still be recognised — but never by guessing between several people.

const OLD_ROOM = 'old-room@chatroom';
const NEW_ROOM = 'new-room@chatroom';

function setup() {
  const s = exampleSetup();
  s.people = s.people.filter((p: { name: string }) => !['张三', '李四'].includes(p.name));
  s.people.push(
    { name: '张三', phone: '13800001111', school: '城关小学', classes: ['小学数学1班'], accounts: [{ platform: 'wechat', userId: 'zhang-old', displayName: '张三' }] },
    { name: '李四', phone: '13800002222', school: '城关小学', classes: ['小学数学1班'], accounts: [{ platform: 'wechat', userId: 'li-a-old', displayName: '李四' }] },
    { name: '李四', phone: '13900002222', school: '实验小学', classes: ['小学数学1班'], accounts: [{ platform: 'wechat', userId: 'li-b-old', displayName: '李四' }] },
  );
  s.groups = [{ platform: 'wechat', chatId: OLD_ROOM, title: '小学数学1班群', class: '小学数学1班' }];
  s.sessions = [{ class: '小学数学1班', title: '上午', start: '2026-11-23T08:30:00+08:00', end: '2026-11-23T11:30:00+08:00', hours: 3 }];
  return s;
}

describe('re-login with changed ids', () => {
  let db: TestDatabase;
  let harness: WechatHarness;
  beforeAll(async () => {
    db = await openTestDatabase('pglite');
  });
  afterAll(() => db?.close());
  beforeEach(async () => {
    await db.reset();
    // The setup was applied during an earlier login; this harness's login is a new one.
    harness = await WechatHarness.start(db, { at: '2026-11-23T08:20:00+08:00', setup: setup() });
    // The setup stamps bindings with the real time; they must predate this (virtual) login.
    const earlier = new Date('2026-11-20T00:00:00Z');
    await db.prisma.groupChat.updateMany({ data: { boundAt: earlier } });
    await db.prisma.identity.updateMany({ data: { boundAt: earlier } });
  });
  afterEach(() => harness?.stop());

  const roomWith = (...names: [string, string][]) => {
    const contacts = names.map(([id, name]) => harness.mocker.createContact({ id, name }));
    const room = harness.mocker.createRoom({ id: NEW_ROOM, topic: '小学数学1班群', memberIdList: [harness.botContact.id, ...contacts.map((c) => c.id)] });
    return { room, contacts };
  };

  it('when a bound trainee writes under a new id in the same room, the check-in lands on that trainee', async () => {
    const { room, contacts } = roomWith(['zhang-new', '张三']);
    contacts[0]!.say('签到').to(room);
    await harness.waitHandled(1);
    const checkIns = await db.prisma.checkIn.findMany({ include: { person: true } });
    expect(checkIns.map((c) => [c.person.name, c.person.phone])).toEqual([['张三', '13800001111']]);
    expect(await db.prisma.identity.findFirst({ where: { person: { phone: '13800001111' } } })).toMatchObject({ platformUserId: 'zhang-new' });
    expect(await db.prisma.groupChat.findFirst()).toMatchObject({ chatId: NEW_ROOM });
    expect(await db.prisma.auditLog.count({ where: { action: { in: ['identity.recover', 'group.recover'] } } })).toBe(2);
  });

  it('when two bound trainees share the name the bot asks instead of guessing, and binding with the phone tail settles it', async () => {
    const { room, contacts } = roomWith(['li-new', '李四']);
    contacts[0]!.say('签到').to(room);
    await harness.waitHandled(1);
    await harness.until(() => harness.sent.length > 0);
    expect(harness.sent.map((s) => s.text)).toEqual(['@李四 机器人刚重新登录，本班有不止一位「李四」，无法自动认出您。请发送「绑定 姓名 手机后四位」确认身份。']);
    expect(await db.prisma.checkIn.count()).toBe(0);

    contacts[0]!.say('绑定 李四 2222 实验').to(room);
    await harness.waitHandled(2);
    contacts[0]!.say('签到').to(room);
    await harness.waitHandled(3);
    const checkIns = await db.prisma.checkIn.findMany({ include: { person: true } });
    expect(checkIns.map((c) => c.person.phone)).toEqual(['13900002222']);
    expect(await db.prisma.identity.count({ where: { platform: 'wechat', platformUserId: 'li-new' } })).toBe(1);
    expect(await db.prisma.identity.count({ where: { platform: 'wechat', platformUserId: 'li-b-old' } })).toBe(0);
  });

  it('when the trainee has already been seen in this login, a newcomer with the same name is not attached to them', async () => {
    const { room, contacts } = roomWith(['zhang-new', '张三'], ['impostor', '张三']);
    contacts[0]!.say('签到').to(room);
    await harness.waitHandled(1);
    contacts[1]!.say('签到').to(room);
    await harness.waitHandled(2);
    await harness.until(() => harness.sent.some((s) => s.text.includes('绑定')));
    expect(await db.prisma.checkIn.count()).toBe(1);
    expect(harness.sent.map((s) => s.text)).toContain('@张三 您还没有绑定身份。请在班级群里发送「绑定 姓名 手机后四位」，例如：绑定 张三 1234');
    expect(await db.prisma.identity.count({ where: { platformUserId: 'impostor' } })).toBe(0);
  });
});
