import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FileBox } from 'file-box';
import { types, type Message } from 'wechaty';
import { parseQuietHours } from '../../../src/core/time/quiet-hours.ts';
import { WECHAT_LIMITS } from '../../../src/adapters/wechat/wechat-outbox.ts';
import { exampleSetup } from '../../support/chat.ts';
import { openTestDatabase, type TestDatabase } from '../../support/databases.ts';
import { VirtualSenderTime, WechatHarness } from './wechat-harness.ts';

const ROOM = 'math1@chatroom';

function setup() {
  const s = exampleSetup();
  s.people = s.people.filter((p: { name: string }) => p.name !== '张三');
  s.people.push({ name: '张三', phone: '13800001111', school: '城关小学', classes: ['小学数学1班'], accounts: [{ platform: 'wechat', userId: 'wx-zhang3', displayName: '张三' }] });
  s.groups = [{ platform: 'wechat', chatId: ROOM, title: '小学数学1班群', class: '小学数学1班' }];
  s.sessions = [{ class: '小学数学1班', title: '上午', start: '2026-11-23T08:30:00+08:00', end: '2026-11-23T11:30:00+08:00', hours: 3 }];
  return s;
}

describe('WeChat delivery', () => {
  let db: TestDatabase;
  let harness: WechatHarness;
  beforeAll(async () => {
    db = await openTestDatabase('pglite');
  });
  afterAll(() => db?.close());
  beforeEach(() => db.reset());
  afterEach(() => harness?.stop());

  it('when 50 replies are queued for one room they leave at the configured pace, none lost, none duplicated', async () => {
    const time = new VirtualSenderTime(Date.parse('2026-11-23T08:00:00+08:00'));
    harness = await WechatHarness.start(db, { at: '2026-11-23T08:00:00+08:00', limits: WECHAT_LIMITS, time });
    const zhang = harness.mocker.createContact({ id: 'wx-zhang3', name: '张三' });
    harness.mocker.createRoom({ id: ROOM, topic: '小学数学1班群', memberIdList: [harness.botContact.id, zhang.id] });
    // Observe the moment each text reaches the puppet, in virtual time (the call goes through).
    const puppet = harness.mocker.puppet;
    const calls: { text: string; at: number }[] = [];
    const sendText = puppet.messageSendText.bind(puppet);
    puppet.messageSendText = async (...args: Parameters<typeof sendText>) => {
      calls.push({ text: args[1], at: time.now() });
      return sendText(...args);
    };
    for (let i = 1; i <= 50; i++) await harness.adapter.outbox.send({ chat: { platform: 'wechat', id: ROOM, kind: 'group' }, text: `第${i}条` });
    await harness.adapter.outbox.drain();
    await harness.until(() => harness.sent.length >= 50);
    expect(calls.map((c) => c.text)).toEqual(Array.from({ length: 50 }, (_, i) => `第${i + 1}条`));
    expect(harness.sent.map((s) => s.text)).toEqual(calls.map((c) => c.text));
    const times = calls.map((c) => c.at);
    for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(WECHAT_LIMITS.perChatGapMs);
    for (let i = 0; i < times.length; i++) {
      const inWindow = times.filter((t) => t >= times[i]! && t < times[i]! + 60_000).length;
      expect(inWindow).toBeLessThanOrEqual(WECHAT_LIMITS.perGroupPerMinute);
    }
    expect(times.at(-1)! - times[0]!).toBeLessThan(3 * 60_000);
  });

  it('when a tutor sends a picture after drafting a notice, the picture goes with it to the room after the text', async () => {
    const s = setup();
    Object.assign(s.people.find((p: { name: string }) => p.name === '李老师'), { accounts: [{ platform: 'wechat', userId: 'wx-tutor', displayName: '李老师' }] });
    harness = await WechatHarness.start(db, { at: '2026-11-22T20:00:00+08:00', setup: s });
    const tutor = harness.mocker.createContact({ id: 'wx-tutor', name: '李老师' });
    harness.mocker.createRoom({ id: ROOM, topic: '小学数学1班群', memberIdList: [harness.botContact.id, tutor.id] });
    const filesInRoom: string[] = [];
    harness.adapter.wechaty.on('message', (m: Message) => {
      if (m.self() && m.room()?.id === ROOM && m.type() === types.Message.Image) void m.toFileBox().then((box) => filesInRoom.push(box.name));
    });
    tutor.say('通知 明天的课表见附件').to(harness.botContact);
    await harness.waitHandled(1);
    tutor.say(FileBox.fromBase64(Buffer.from('第一节 8:30 数学').toString('base64'), '课表.png')).to(harness.botContact);
    await harness.waitHandled(2);
    tutor.say('确认').to(harness.botContact);
    await harness.waitHandled(3);
    await harness.adapter.outbox.drain();
    await harness.until(() => filesInRoom.length >= 1 && harness.sent.some((m) => m.chat === ROOM));
    expect(harness.sent.filter((m) => m.chat === 'wx-tutor').map((m) => m.text.split('\n').at(-1))).toEqual([
      '回复「确认」发送，回复「取消」放弃。',
      '📎 附件：图片 1 张',
      '通知已发送到 1 个群。',
    ]);
    // The picture arrives as a message of its own, after the text.
    expect(harness.sent.filter((m) => m.chat === ROOM).map((m) => m.text)).toEqual(['📢 通知：明天的课表见附件', '']);
    expect(filesInRoom).toEqual(['课表.png']);
  });

  it('when the same message is delivered twice, or a message from before start-up is replayed, nothing more happens', async () => {
    harness = await WechatHarness.start(db, { at: '2026-11-23T08:20:00+08:00', setup: setup() });
    const zhang = harness.mocker.createContact({ id: 'wx-zhang3', name: '张三' });
    harness.mocker.createRoom({ id: ROOM, topic: '小学数学1班群', memberIdList: [harness.botContact.id, zhang.id] });
    const payload = { id: 'msg-1', roomId: ROOM, talkerId: zhang.id, text: '签到', timestamp: Date.now(), type: types.Message.Text, mentionIdList: [] };
    const deliver = (messageId: string) => harness.mocker.puppet.emit('message', { messageId });
    harness.mocker.MessageMock.create(payload);
    deliver('msg-1');
    await harness.waitHandled(1);
    deliver('msg-1');
    await harness.waitHandled(2);
    harness.mocker.MessageMock.create({ ...payload, id: 'old-1', text: '请假 昨天的消息', timestamp: Date.now() - 10 * 60_000 });
    deliver('old-1');
    await new Promise((r) => setTimeout(r, 300));
    await harness.advanceTo(new Date('2026-11-23T08:21:00+08:00'));
    await harness.adapter.outbox.drain();
    await harness.until(() => harness.sent.length >= 1);
    expect(await db.prisma.checkIn.count()).toBe(1);
    expect(await db.prisma.leaveRequest.count()).toBe(0);
    expect(await db.prisma.inboundMessage.count()).toBe(1);
    expect(harness.sent.map((s) => s.text)).toEqual(['✅ 签到成功 1 人：张三']);
  });

  it('when someone joins a bound room they are greeted with an @mention and told how to bind', async () => {
    harness = await WechatHarness.start(db, { at: '2026-11-23T08:20:00+08:00', setup: setup() });
    const zhang = harness.mocker.createContact({ id: 'wx-zhang3', name: '张三' });
    const room = harness.mocker.createRoom({ id: ROOM, topic: '小学数学1班群', memberIdList: [harness.botContact.id, zhang.id] });
    const newcomer = harness.mocker.createContact({ id: 'wx-zhou9', name: '周九' });
    room.add(newcomer).by(zhang);
    await harness.waitHandled(1);
    await harness.adapter.outbox.drain();
    await harness.until(() => harness.sent.length > 0);
    expect(harness.sent.map((s) => s.text)).toEqual(['@周九 欢迎加入「小学数学1班」！请发送「绑定 姓名 手机后四位」完成身份绑定（例如：绑定 张三 1234），之后上课时发「签到」即可签到。']);
  });
});

describe('roster against room members', () => {
  let db: TestDatabase;
  let harness: WechatHarness;
  beforeAll(async () => {
    db = await openTestDatabase('pglite');
  });
  afterAll(async () => {
    await harness?.stop();
    await db?.close();
  });

  it('when a tutor asks to check the roster, the tutor privately learns who is not in the room, who is unbound and who is not on the roster', async () => {
    const s = exampleSetup();
    const account = (name: string, userId: string) => Object.assign(s.people.find((p: { name: string }) => p.name === name), { accounts: [{ platform: 'wechat', userId, displayName: name }] });
    account('李老师', 'wx-tutor');
    account('张三', 'wx-zhang3');
    account('李四', 'wx-li4');
    account('王五', 'wx-wang5');
    s.groups = [{ platform: 'wechat', chatId: ROOM, title: '小学数学1班群', class: '小学数学1班' }];
    harness = await WechatHarness.start(db, { at: '2026-11-23T08:20:00+08:00', setup: s });
    const [tutor, zhang, wang, stranger] = [['wx-tutor', '李老师'], ['wx-zhang3', '张三'], ['wx-wang5', '王五'], ['wx-stranger', '路人']].map(([id, name]) => harness.mocker.createContact({ id, name }));
    const room = harness.mocker.createRoom({ id: ROOM, topic: '小学数学1班群', memberIdList: [harness.botContact.id, tutor!.id, zhang!.id, wang!.id, stranger!.id] });
    tutor!.say('核对名单').to(room);
    await harness.waitHandled(1);
    await harness.adapter.outbox.drain();
    await harness.until(() => harness.sent.length >= 2);
    const report = harness.sent.find((m) => m.chat === 'wx-tutor')!.text.split('\n');
    expect(report).toEqual([
      '🧾「小学数学1班」名单核对（小学数学1班群：4 人；名单：6 人）',
      '不在群里：城关小学：李四',
      '未绑定账号：实验小学：赵六；古井镇中心小学：钱七、孙八',
      '在群里但不在名单：路人',
    ]);
    expect(harness.sent.find((m) => m.chat === ROOM)?.text).toBe('@李老师 名单核对结果已私信发给辅导老师和县区联系人。');
  });
});

describe('WeChat login', () => {
  let db: TestDatabase;
  let harness: WechatHarness;
  const dir = mkdtempSync(path.join(tmpdir(), 'yanxiu-wx-'));
  beforeAll(async () => {
    db = await openTestDatabase('pglite');
  });
  afterAll(async () => {
    await harness?.stop();
    await db?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('when a login QR code arrives it is saved as a PNG, and after a logout and a new login the admins hear the account is back', async () => {
    const s = exampleSetup();
    s.people.push({ name: '管理员', phone: '13900000000', roles: [{ role: 'ADMIN' }], accounts: [{ platform: 'wechat', userId: 'wx-admin' }] });
    const qrFile = path.join(dir, 'wechat-login.png');
    harness = await WechatHarness.start(db, { at: '2026-11-23T08:20:00+08:00', setup: s, qrFile });
    harness.mocker.createContact({ id: 'wx-admin', name: '管理员' });
    harness.mocker.scan('https://login.weixin.qq.com/l/test-code');
    await harness.until(() => existsSync(qrFile));
    await new Promise((r) => setTimeout(r, 100));
    expect([...readFileSync(qrFile).subarray(1, 4)].map((b) => String.fromCharCode(b)).join('')).toBe('PNG');

    const firstLogin = harness.core.app.platforms.loginEpochs.get('wechat');
    await harness.mocker.puppet.logout('test');
    await harness.until(() => !harness.adapter.isLoggedIn);
    harness.clock.advance(60_000);
    harness.mocker.login(harness.botContact);
    await harness.until(() => harness.adapter.isLoggedIn);
    await harness.adapter.outbox.drain();
    await harness.until(() => harness.sent.some((m) => m.chat === 'wx-admin'));
    expect(harness.sent.filter((m) => m.chat === 'wx-admin').map((m) => m.text)).toEqual(['✅ 研修助手的微信账号已重新上线。']);
    expect(harness.core.app.platforms.loginEpochs.get('wechat')!.getTime()).toBeGreaterThan(firstLogin!.getTime());
  });
});

describe('quiet hours', () => {
  const at = (hm: string) => Date.parse(`2026-11-23T${hm}:00+08:00`);
  it('when quiet hours wrap midnight messages wait until they end, and outside them nothing waits', () => {
    const quiet = parseQuietHours('22:30-06:30')!;
    expect(quiet(at('23:00'))).toBe(7.5 * 3600_000);
    expect(quiet(at('06:00'))).toBe(30 * 60_000);
    expect(quiet(at('06:30'))).toBe(0);
    expect(quiet(at('12:00'))).toBe(0);
  });
  it('when the setting is malformed it is refused', () => {
    expect(parseQuietHours('10pm-6am')).toBeNull();
    expect(parseQuietHours('22:00-22:00')).toBeNull();
  });
});
