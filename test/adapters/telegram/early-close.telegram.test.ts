import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exampleSetup } from '../../support/chat.ts';
import { openTestDatabase, type TestDatabase } from '../../support/databases.ts';
import { textUpdate } from '../../support/fake-telegram.ts';
import { readable, TelegramHarness } from './telegram-harness.ts';

// A session a tutor creates after its window has opened, closed early, and a trainee who comes late.

const GROUP = -100123;
const TUTOR = 1001;

function setup() {
  const s = exampleSetup();
  for (const p of s.people) for (const a of p.accounts ?? []) Object.assign(a, { platform: 'telegram', userId: a.userId === 'tutor-li' ? String(TUTOR) : '1009' });
  s.people.push({ name: '张三', phone: '13800001111', school: '城关小学', classes: ['小学数学1班'], accounts: [{ platform: 'telegram', userId: '2001' }] });
  s.people.push({ name: '李四', phone: '13800002222', school: '城关小学', classes: ['小学数学1班'], accounts: [{ platform: 'telegram', userId: '2002' }] });
  s.groups = [{ platform: 'telegram', chatId: String(GROUP), title: '小学数学1班群', class: '小学数学1班' }];
  s.sessions = [];
  return s;
}

describe('a session created late and closed early, on Telegram', () => {
  let db: TestDatabase;
  let harness: TelegramHarness;
  const at = (clock: string) => Math.floor(Date.parse(`2026-11-23T${clock}+08:00`) / 1000);
  const say = async (userId: number, name: string, text: string, messageId: number, clock: string, count: number) => {
    harness.telegram.pushUpdate(textUpdate({ chatId: GROUP, chatTitle: '小学数学1班群', userId, name, text, messageId, date: at(clock) }));
    await harness.waitHandled(count);
  };

  beforeAll(async () => {
    db = await openTestDatabase('pglite');
    harness = await TelegramHarness.start(db, { at: '2026-11-23T09:00:00+08:00', setup: setup() });
    harness.adapter.startPolling();
    await say(TUTOR, '李老师', '创建课次 今天 8:30-11:30 学时3', 1, '09:00:00', 1);
    await say(2001, '张三', '签到', 2, '09:00:10', 2);
    await harness.advanceTo(new Date('2026-11-23T09:01:00+08:00'));
    await say(TUTOR, '李老师', '结束签到', 3, '09:01:00', 3);
    await say(2002, '李四', '签到', 4, '09:02:00', 4);
    await harness.advanceTo(new Date('2026-11-23T12:00:00+08:00'));
    await harness.core.stop();
    await harness.adapter.outbox.drain();
  }, 120_000);

  afterAll(async () => {
    await harness?.stop();
    await db?.close();
  });

  it('when a tutor creates a session inside its window the group is told at once, with the 签到 button', () => {
    const opening = harness.telegram.sentMessages().find((m) => m.text.includes('现在开始签到'));
    expect(opening?.replyMarkup).toEqual({ inline_keyboard: [[{ text: '签到', callback_data: expect.stringMatching(/^checkin:\d+$/) }]] });
  });

  it('when check-in is closed early the announcement keeps the final count, loses its button, and no identical edit is sent', () => {
    const edits = harness.telegram.edits();
    expect(edits.length).toBeGreaterThanOrEqual(1);
    const final = harness.telegram.current(String(GROUP), edits.at(-1)!.messageId)!;
    expect(readable(final.text)).toMatch(/^🔒 签到已结束。\n📢[^]*✅ 已签到 1\/\d+ 人：张三（30分钟）$/);
    expect(final.replyMarkup).toBeUndefined();
    expect(harness.telegram.refusedEdits).toBe(0);
  });

  it('when a trainee sends 签到 after the early close they are told check-in has closed', () => {
    const reply = harness.telegram.sentMessages().find((m) => m.text.includes('李四') && m.chatId === String(GROUP));
    expect(readable(reply?.text ?? '')).toMatch(/签到已在 09:01 结束/);
    expect(readable(reply?.text ?? '')).not.toContain('没有安排课次');
  });
});
