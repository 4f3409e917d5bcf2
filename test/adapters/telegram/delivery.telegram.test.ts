import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startWebServer } from '../../../src/http/web-server.ts';
import { exampleSetup } from '../../support/chat.ts';
import { openTestDatabase, type TestDatabase } from '../../support/databases.ts';
import { textUpdate } from '../../support/fake-telegram.ts';
import { createLogger } from '../../../src/logger.ts';
import { TelegramHarness } from './telegram-harness.ts';

const GROUP = -100123;
const OTHER_GROUP = -100456;
const TUTOR = 1001;

function setup() {
  const s = exampleSetup();
  for (const p of s.people) for (const a of p.accounts ?? []) Object.assign(a, { platform: 'telegram', userId: a.userId === 'tutor-li' ? String(TUTOR) : '1009' });
  s.people.push({ name: '张三', phone: '13800001111', school: '城关小学', classes: ['小学数学1班'], accounts: [{ platform: 'telegram', userId: '2001' }] });
  s.groups = [{ platform: 'telegram', chatId: String(GROUP), title: '小学数学1班群', class: '小学数学1班' }];
  s.sessions = [{ class: '小学数学1班', title: '上午', start: '2026-11-23T08:30:00+08:00', end: '2026-11-23T11:30:00+08:00', hours: 3 }];
  return s;
}

describe('Telegram delivery', () => {
  let db: TestDatabase;
  let harness: TelegramHarness;
  beforeAll(async () => {
    db = await openTestDatabase('pglite');
  });
  afterAll(() => db?.close());
  beforeEach(async () => {
    await db.reset();
  });
  afterEach(async () => {
    await harness?.stop();
  });

  it('when the same update is delivered again after a restart it has one effect', async () => {
    const update = { update_id: 500, ...textUpdate({ chatId: GROUP, chatTitle: '小学数学1班群', userId: 2001, name: '张三', text: '签到', messageId: 42, date: Date.parse('2026-11-23T08:20:00+08:00') / 1000 }) };
    harness = await TelegramHarness.start(db, { at: '2026-11-23T08:20:00+08:00', setup: setup() });
    harness.adapter.startPolling();
    harness.telegram.pushUpdate(update);
    await harness.waitHandled(1);
    await harness.advanceTo(new Date('2026-11-23T08:21:00+08:00'));
    await harness.stop();
    const firstRun = harness.telegram.sentMessages().map((m) => m.text);

    // A second process, and Telegram delivers the update again (its confirmation was lost).
    harness = await TelegramHarness.start(db, { at: '2026-11-23T08:21:00+08:00' });
    harness.adapter.startPolling();
    harness.telegram.pushUpdate(update);
    await harness.waitHandled(1);
    await harness.advanceTo(new Date('2026-11-23T08:22:00+08:00'));
    await harness.adapter.outbox.drain();
    // Telegram gets the session's live list (the announcement, with the count and the name), not a separate acknowledgement.
    expect(firstRun).toEqual([expect.stringContaining('✅ 已签到 1/6 人：张三')]);
    expect(harness.telegram.sentMessages()).toEqual([]);
    expect(await db.prisma.checkIn.count()).toBe(1);
    expect(await db.prisma.inboundMessage.count()).toBe(1);
  });

  it('when Telegram answers 429 with retry_after that chat waits at least that long, the message arrives once, and other chats keep flowing', async () => {
    harness = await TelegramHarness.start(db, { at: '2026-11-23T08:20:00+08:00' });
    harness.telegram.failNext({ method: 'sendMessage', chatId: String(GROUP), errorCode: 429, description: 'Too Many Requests: retry after 2', retryAfter: 2 });
    const started = Date.now();
    await harness.adapter.outbox.send({ chat: { platform: 'telegram', id: String(GROUP), kind: 'group' }, text: '通知一' });
    await harness.adapter.outbox.send({ chat: { platform: 'telegram', id: String(GROUP), kind: 'group' }, text: '通知二' });
    for (let i = 1; i <= 3; i++) await harness.adapter.outbox.send({ chat: { platform: 'telegram', id: String(OTHER_GROUP), kind: 'group' }, text: `别的群 ${i}` });
    await harness.adapter.outbox.drain();
    const sent = harness.telegram.sentMessages();
    const failed = harness.telegram.calls.find((c) => c.method === 'sendMessage:failed')!;
    const first = sent.find((m) => m.text === '通知一')!;
    expect(sent.filter((m) => m.chatId === String(GROUP)).map((m) => m.text)).toEqual(['通知一', '通知二']);
    expect(first.at - failed.at).toBeGreaterThanOrEqual(2000);
    const others = sent.filter((m) => m.chatId === String(OTHER_GROUP));
    expect(others.map((m) => m.text)).toEqual(['别的群 1', '别的群 2', '别的群 3']);
    expect(Math.max(...others.map((m) => m.at))).toBeLessThan(first.at);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('when sends into one chat are paced each waits the configured gap', async () => {
    harness = await TelegramHarness.start(db, { at: '2026-11-23T08:20:00+08:00', limits: { perChatGapMs: 150, perGroupPerMinute: 100, global: { max: 100, windowMs: 1000 } } });
    for (let i = 0; i < 5; i++) await harness.adapter.outbox.send({ chat: { platform: 'telegram', id: String(GROUP), kind: 'group' }, text: `第${i}条` });
    await harness.adapter.outbox.drain();
    const times = harness.telegram.sentMessages().map((m) => m.at);
    expect(times).toHaveLength(5);
    for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(140);
  });

  it('when a webhook request has a wrong or missing secret it is rejected and changes nothing; the right one is handled', async () => {
    harness = await TelegramHarness.start(db, { at: '2026-11-23T08:20:00+08:00', setup: setup() });
    const webhook = harness.adapter.webhookHandler('s3cret-token');
    const http = await startWebServer([(app) => void app.post('/telegram', webhook)], { host: '127.0.0.1', port: 0, log: createLogger('silent') });
    try {
      await harness.adapter.setWebhook(`${http.url}/telegram`, 's3cret-token');
      expect(harness.telegram.webhook).toEqual({ url: `${http.url}/telegram`, secret: 's3cret-token' });
      const body = JSON.stringify({ update_id: 900, ...textUpdate({ chatId: GROUP, chatTitle: '小学数学1班群', userId: 2001, name: '张三', text: '签到', messageId: 77, date: Date.parse('2026-11-23T08:20:00+08:00') / 1000 }) });
      const post = (headers: Record<string, string>) => fetch(`${http.url}/telegram`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
      expect((await post({})).status).toBe(401);
      expect((await post({ 'x-telegram-bot-api-secret-token': 'wrong' })).status).toBe(401);
      expect(await db.prisma.inboundMessage.count()).toBe(0);
      expect(await db.prisma.checkIn.count()).toBe(0);
      expect((await post({ 'x-telegram-bot-api-secret-token': 's3cret-token' })).status).toBe(200);
      expect(await db.prisma.checkIn.count()).toBe(1);
      expect((await post({ 'x-telegram-bot-api-secret-token': 's3cret-token' })).status).toBe(200);
      expect(await db.prisma.checkIn.count()).toBe(1);
      expect(await db.prisma.inboundMessage.count()).toBe(1);
    } finally {
      await http.close();
    }
  });

  it('when a group command is meant for another bot it is ignored, and /checkin@ours works', async () => {
    harness = await TelegramHarness.start(db, { at: '2026-11-23T08:20:00+08:00', setup: setup() });
    harness.adapter.startPolling();
    const at = Date.parse('2026-11-23T08:20:00+08:00') / 1000;
    const command = (text: string, messageId: number) =>
      textUpdate({ chatId: GROUP, chatTitle: '小学数学1班群', userId: 2001, name: '张三', text, messageId, date: at, entities: [{ type: 'bot_command', offset: 0, length: text.length }] });
    harness.telegram.pushUpdate(command('/checkin@other_bot', 1));
    harness.telegram.pushUpdate(command('/checkin@yanxiu_test_bot', 2));
    await harness.waitHandled(1);
    expect(await db.prisma.checkIn.count()).toBe(1);
    expect(await db.prisma.inboundMessage.count()).toBe(1);
  });

  it('when trainees press the 签到 button each gets a private toast, the group stays quiet and the message, edited once, shows the count and the name', async () => {
    harness = await TelegramHarness.start(db, { at: '2026-11-23T08:20:00+08:00', setup: setup() });
    harness.adapter.startPolling();
    const session = await db.prisma.trainingSession.findFirstOrThrow();
    const announcement = {
      message_id: 5000,
      date: Date.parse('2026-11-23T08:00:00+08:00') / 1000,
      chat: { id: GROUP, type: 'supergroup', title: '小学数学1班群' },
      from: { id: 777000, is_bot: true, first_name: '研修助手' },
      text: '📢「上午」现在开始签到！',
      reply_markup: { inline_keyboard: [[{ text: '签到', callback_data: `checkin:${session.id}` }]] },
    };
    harness.telegram.remember(String(GROUP), 5000, announcement.text, announcement.reply_markup);
    const press = (id: string, userId: number, name: string) => ({ callback_query: { id, chat_instance: 'x', from: { id: userId, is_bot: false, first_name: name }, message: announcement, data: `checkin:${session.id}` } });
    harness.telegram.pushUpdate(press('cb-1', 2001, '张三'));
    harness.telegram.pushUpdate(press('cb-1', 2001, '张三'));
    harness.telegram.pushUpdate(press('cb-2', 2001, '张三'));
    harness.telegram.pushUpdate(press('cb-3', 9999, '陌生人'));
    const deadline = Date.now() + 10_000;
    const answers = () => harness.telegram.calls.filter((c) => c.method === 'answerCallbackQuery');
    while (answers().length < 4 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    await harness.adapter.stop();
    expect(answers().map((c) => [c.params.callback_query_id, c.params.text])).toEqual([
      ['cb-1', '签到成功：「上午」08:20。'],
      ['cb-1', undefined],
      ['cb-2', '您已于 08:20 签到过了，无需重复签到。'],
      ['cb-3', expect.stringContaining('您还没有绑定身份')],
    ]);
    await harness.core.stop();
    await harness.adapter.outbox.drain();
    const edits = harness.telegram.edits();
    expect(edits).toHaveLength(1);
    expect(edits[0]).toMatchObject({ chatId: String(GROUP), messageId: 5000, text: expect.stringMatching(/现在开始签到！.*\n\n✅ 已签到 1\/6 人：张三$/s) });
    expect(harness.telegram.current(String(GROUP), 5000)?.replyMarkup).toEqual(announcement.reply_markup);
    expect(harness.telegram.refusedEdits).toBe(0);
    expect(harness.telegram.sentMessages()).toEqual([]);
    expect(await db.prisma.checkIn.count()).toBe(1);
  });

  it('when people join a bound group the unbound ones are greeted by name and told how to bind', async () => {
    const s = setup();
    s.people = s.people.filter((p: { name: string; accounts?: unknown[] }) => p.accounts?.length && p.name !== "张三");
    harness = await TelegramHarness.start(db, { at: '2026-11-23T08:20:00+08:00', setup: s });
    harness.adapter.startPolling();
    const join = {
      message: {
        message_id: 88,
        date: Date.parse('2026-11-23T08:00:00+08:00') / 1000,
        chat: { id: GROUP, type: 'supergroup', title: '小学数学1班群' },
        from: { id: TUTOR, is_bot: false, first_name: '李老师' },
        new_chat_members: [
          { id: 2001, is_bot: false, first_name: '张三' },
          { id: TUTOR, is_bot: false, first_name: '李老师' },
          { id: 4242, is_bot: true, first_name: 'other bot' },
        ],
      },
    };
    harness.telegram.pushUpdate(join);
    harness.telegram.pushUpdate(join);
    const deadline = Date.now() + 10_000;
    while (harness.telegram.sentMessages().length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    await harness.adapter.stop();
    expect(harness.telegram.sentMessages().map((m) => m.text)).toEqual([
      '<a href="tg://user?id=2001">张三</a> 欢迎加入「小学数学1班」！请发送「绑定 姓名 手机后四位」完成身份绑定（例如：绑定 张三 1234），之后上课时发「签到」即可签到。',
    ]);
  });

  it('when the bot starts it sets the trainee menu everywhere and the tutor menu for group admins', async () => {
    harness = await TelegramHarness.start(db, { at: '2026-11-23T08:20:00+08:00' });
    await harness.adapter.setCommandMenus();
    const menus = harness.telegram.calls.filter((c) => c.method === 'setMyCommands').map((c) => [(c.params.scope as { type: string }).type, (c.params.commands as { command: string }[]).map((x) => x.command)]);
    expect(menus).toEqual([
      ['default', ['checkin', 'hours', 'leave', 'bind', 'help']],
      ['all_group_chats', ['checkin', 'hours', 'leave', 'bind', 'help']],
      ['all_chat_administrators', ['checkin', 'hours', 'leave', 'bind', 'help', 'newsession', 'attendance', 'close']],
    ]);
  });

  it('when a trainee asks for hours in the group before ever writing to the bot they get a button that opens a private chat, and afterwards the details arrive privately', async () => {
    harness = await TelegramHarness.start(db, { at: '2026-11-23T08:20:00+08:00', setup: setup() });
    harness.adapter.startPolling();
    const at = Date.parse('2026-11-23T08:20:00+08:00') / 1000;
    harness.telegram.pushUpdate(textUpdate({ chatId: GROUP, chatTitle: '小学数学1班群', userId: 2001, name: '张三', text: '学时', messageId: 1, date: at }));
    await harness.waitHandled(1);
    harness.telegram.pushUpdate(textUpdate({ chatId: 2001, userId: 2001, name: '张三', text: '/start from_group', messageId: 1, date: at, entities: [{ type: 'bot_command', offset: 0, length: 6 }] }));
    await harness.waitHandled(2);
    harness.telegram.pushUpdate(textUpdate({ chatId: GROUP, chatTitle: '小学数学1班群', userId: 2001, name: '张三', text: '学时', messageId: 2, date: at }));
    await harness.waitHandled(3);
    await harness.adapter.outbox.drain();
    const sent = harness.telegram.sentMessages();
    expect(sent[0]).toMatchObject({ chatId: String(GROUP), text: expect.stringContaining('学时只能私信查看'), replyMarkup: { inline_keyboard: [[{ text: '打开私聊', url: 'https://t.me/yanxiu_test_bot?start=from_group' }]] } });
    expect(sent[1]).toMatchObject({ chatId: '2001', text: expect.stringContaining('【研修助手】您可以使用这些命令') });
    expect(sent.slice(2).map((m) => [m.chatId, m.text])).toEqual([
      ['2001', expect.stringMatching(/^📊 张三 的培训学时/)],
      [String(GROUP), '<a href="tg://user?id=2001">张三</a> 学时明细已私信发给您。'],
    ]);
  });

  it('when a tutor sends a notice with a photo and then a file, the preview lists both and the group gets the text, the photo and the file', async () => {
    harness = await TelegramHarness.start(db, { at: '2026-11-22T20:00:00+08:00', setup: setup() });
    harness.adapter.startPolling();
    const at = Date.parse('2026-11-22T20:00:00+08:00') / 1000;
    const fromTutor = { chat: { id: TUTOR, type: 'private', first_name: '李老师' }, from: { id: TUTOR, is_bot: false, first_name: '李老师' }, date: at };
    harness.telegram.pushUpdate({ message: { ...fromTutor, message_id: 1, caption: '通知 明天的课表见图', photo: [{ file_id: 'photo-small', file_unique_id: 'a', width: 90, height: 90 }, { file_id: 'photo-large', file_unique_id: 'b', width: 900, height: 900 }] } });
    await harness.waitHandled(1);
    harness.telegram.pushUpdate({ message: { ...fromTutor, message_id: 2, document: { file_id: 'doc-1', file_unique_id: 'c', file_name: '课表.pdf', mime_type: 'application/pdf' } } });
    await harness.waitHandled(2);
    harness.telegram.pushUpdate(textUpdate({ chatId: TUTOR, userId: TUTOR, name: '李老师', text: '确认', messageId: 3, date: at }));
    await harness.waitHandled(3);
    await harness.adapter.outbox.drain();
    const toTutor = harness.telegram.sentMessages().filter((m) => m.chatId === String(TUTOR));
    expect(toTutor[0]?.text).toContain('明天的课表见图');
    expect(toTutor[0]?.text.split('\n').at(-1)).toBe('📎 附件：图片 1 张');
    expect(toTutor[1]?.text.split('\n').at(-1)).toBe('📎 附件：图片 1 张、「课表.pdf」');
    expect(harness.telegram.sentMessages().filter((m) => m.chatId === String(GROUP)).map((m) => m.text)).toEqual(['📢 通知：明天的课表见图']);
    expect(harness.telegram.sentFiles()).toEqual([
      { method: 'sendPhoto', chatId: String(GROUP), ref: 'photo-large' },
      { method: 'sendDocument', chatId: String(GROUP), ref: 'doc-1' },
    ]);
  });
});
