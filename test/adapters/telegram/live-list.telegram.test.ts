import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exampleSetup } from '../../support/chat.ts';
import { openTestDatabase, type TestDatabase } from '../../support/databases.ts';
import { textUpdate } from '../../support/fake-telegram.ts';
import { readable, TelegramHarness } from './telegram-harness.ts';

// The live check-in list against a Bot API server that answers as Telegram does: 400 "message is not
// modified" for an identical edit, 403 for a private message to someone who never wrote to the bot,
// and, on demand, a connection reset. The bot process is restarted in the middle of the session.

const GROUP = -100789;
const TUTOR = 1001;
const TRAINEES = ['张三', '李四', '王五', '赵六'];

function setup() {
  const s = exampleSetup();
  for (const p of s.people) for (const a of p.accounts ?? []) Object.assign(a, { platform: 'telegram', userId: a.userId === 'tutor-li' ? String(TUTOR) : '1009' });
  s.people = s.people.filter((p: { name: string }) => !['张三', '李四', '王五', '赵六', '钱七', '孙八'].includes(p.name));
  for (const [i, name] of TRAINEES.entries()) s.people.push({ name, phone: `1380000${i + 1}${i + 1}${i + 1}${i + 1}`, school: '城关小学', classes: ['小学数学1班'], accounts: [{ platform: 'telegram', userId: String(2001 + i) }] });
  s.groups = [{ platform: 'telegram', chatId: String(GROUP), title: '小学数学1班群', class: '小学数学1班' }];
  s.sessions = [];
  return s;
}

describe('the live check-in list on Telegram', () => {
  let db: TestDatabase;
  let harness: TelegramHarness;
  let handled = 0;
  let messageId = 1;
  const at = (clock: string) => Date.parse(`2026-11-23T${clock}+08:00`);
  const send = async (chatId: number, userId: number, name: string, text: string, clock: string) => {
    harness.telegram.pushUpdate(textUpdate({ chatId, chatTitle: '小学数学1班群', userId, name, text, messageId: messageId++, date: Math.floor(at(clock) / 1000) }));
    await harness.waitHandled(++handled);
  };
  const say = (userId: number, name: string, text: string, clock: string) => send(GROUP, userId, name, text, clock);
  const trainee = (name: string) => 2001 + TRAINEES.indexOf(name);
  const groupMessages = () => harness.telegram.sentMessages().filter((m) => m.chatId === String(GROUP));
  const lists = () => groupMessages().filter((m) => m.text.includes('现在开始签到'));
  const listNow = () => {
    const list = lists()[0]!;
    return harness.telegram.current(String(GROUP), list.id);
  };
  /** Lets the acknowledgement interval pass on the virtual clock and waits for what it sends. */
  const settle = async (clock: string) => {
    await harness.advanceTo(new Date(at(clock)));
    await harness.adapter.outbox.drain();
  };

  beforeAll(async () => {
    db = await openTestDatabase('pglite');
    harness = await TelegramHarness.start(db, { at: '2026-11-23T09:00:00+08:00', setup: setup() });
    harness.adapter.startPolling();
    await say(TUTOR, '李老师', '创建课次 今天 9:00-11:30 学时3', '09:00:00');
    await say(trainee('张三'), '张三', '签到', '09:00:10');
    await settle('09:00:30');
  }, 120_000);

  afterAll(async () => {
    await harness?.stop();
    await db?.close();
  });

  it('when a trainee checks in again five times the group gets no new message, the list already names them', async () => {
    const before = groupMessages().length;
    for (let i = 0; i < 5; i++) await say(trainee('张三'), '张三', '签到', `09:01:0${i}`);
    await settle('09:01:30');
    expect(groupMessages().length).toBe(before);
    expect(readable(listNow()!.text)).toContain('✅ 已签到 1/4 人：张三');
  });

  it('when an edit of the list is cut by a connection reset it is tried again until the list shows the name', async () => {
    harness.telegram.resetNext('editMessageText');
    await say(trainee('李四'), '李四', '签到', '09:02:00');
    await settle('09:02:30');
    expect(harness.telegram.calls.some((c) => c.method === 'editMessageText:reset')).toBe(true);
    await expect.poll(() => readable(listNow()!.text), { timeout: 15_000 }).toContain('✅ 已签到 2/4 人：张三、李四');
    expect(lists()).toHaveLength(1);
  });

  it('when the bot restarts mid-session the next check-in edits the same list instead of posting a second one', async () => {
    await harness.stopBot();
    harness = await TelegramHarness.start(db, { at: '2026-11-23T09:03:00+08:00', telegram: harness.telegram });
    handled = 0;
    harness.adapter.startPolling();
    await say(trainee('王五'), '王五', '签到', '09:03:10');
    await settle('09:03:40');
    expect(lists()).toHaveLength(1);
    expect(readable(listNow()!.text)).toContain('✅ 已签到 3/4 人：张三、李四、王五');
  }, 60_000);

  it('when a trainee checks in privately the group list shows them within the usual interval', async () => {
    await send(trainee('赵六'), trainee('赵六'), '赵六', '签到', '09:04:00');
    await settle('09:04:30');
    expect(readable(listNow()!.text)).toContain('✅ 已签到 4/4 人：张三、李四、王五、赵六');
  });

  it('when check-in closes after the restart the same list says first that it has closed and loses its button', async () => {
    await say(TUTOR, '李老师', '结束签到', '09:05:00');
    await settle('09:05:30');
    const final = listNow()!;
    expect(readable(final.text)).toMatch(/^🔒 签到已结束。\n📢/);
    expect(final.replyMarkup).toBeUndefined();
    expect(lists()).toHaveLength(1);
    expect(harness.telegram.refusedEdits).toBe(0);
  });

  it('when the tutor never wrote to the bot privately the group is not told the names were sent, and gets the button that opens a private chat', async () => {
    const closing = groupMessages().find((m) => m.text.includes('签到已结束：实到'))!;
    expect(readable(closing.text)).toContain('详细名单未能私信发给辅导老师（李老师）');
    expect(groupMessages().some((m) => m.text.includes('详细名单已发给辅导老师'))).toBe(false);
    expect(closing.replyMarkup).toEqual({ inline_keyboard: [[{ text: '打开私聊', url: expect.stringMatching(/^https:\/\/t\.me\/yanxiu_test_bot\?start=/) }]] });
    expect(harness.telegram.calls.some((c) => c.method === 'sendMessage:forbidden')).toBe(false);
  });

  it('when the tutor then sends 签到情况 privately they get the names of the session just closed', async () => {
    await send(TUTOR, TUTOR, '李老师', '签到情况', '09:06:00');
    await harness.adapter.outbox.drain();
    const reply = harness.telegram.sentMessages().filter((m) => m.chatId === String(TUTOR)).at(-1);
    expect(readable(reply?.text ?? '')).toContain('已签到：张三、李四、王五、赵六');
    expect(readable(reply?.text ?? '')).not.toContain('请在班级群里使用');
  });
});
