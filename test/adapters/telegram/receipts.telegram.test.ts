import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { exampleSetup } from '../../support/chat.ts';
import { openTestDatabase, type TestDatabase } from '../../support/databases.ts';
import { textUpdate } from '../../support/fake-telegram.ts';
import { readable, TelegramHarness } from './telegram-harness.ts';

// What the author of a broadcast sees, through the delivery log, the queue and a local Bot API server:
// the 开班通知 receipt arrives before the notices it reports on, and a tutor's 帮助 in the group goes
// privately, the group getting one line.

const GROUP = -100123;
const SCHOOL_GROUPS = { 城关小学: -100201, 实验小学: -100202, 古井镇中心小学: -100203 } as const;
const TUTOR = 1001;
const CONTACT = 1009;

function setup() {
  const s = exampleSetup();
  let next = 2001;
  for (const p of s.people) {
    const own = (p.accounts ?? []) as { userId: string }[];
    const id = own[0]?.userId === 'tutor-li' ? TUTOR : own[0]?.userId === 'contact-wang' ? CONTACT : next++;
    p.accounts = [{ platform: 'telegram', userId: String(id) }];
  }
  s.groups = [
    { platform: 'telegram', chatId: String(GROUP), title: '小学数学1班群', class: '小学数学1班' },
    ...Object.entries(SCHOOL_GROUPS).map(([school, id]) => ({ platform: 'telegram', chatId: String(id), title: `${school}教师群`, school })),
  ];
  return s;
}

describe('what the author sees on Telegram', () => {
  let db: TestDatabase;
  let harness: TelegramHarness;
  const at = Date.parse('2026-11-20T10:00:00+08:00') / 1000;
  const say = (chatId: number, userId: number, name: string, text: string, messageId: number) =>
    harness.telegram.pushUpdate(textUpdate({ chatId, chatTitle: '小学数学1班群', userId, name, text, messageId, date: at }));

  beforeAll(async () => {
    db = await openTestDatabase('pglite');
  });
  afterAll(() => db?.close());
  beforeEach(async () => {
    await db.reset();
    harness = await TelegramHarness.start(db, { at: '2026-11-20T10:00:00+08:00', setup: setup() });
    harness.adapter.startPolling();
  });
  afterEach(async () => {
    await harness?.stop();
  });

  it('when the county contact sends 开班通知 the receipt reaches them before any school group gets the notice', async () => {
    say(CONTACT, CONTACT, '王主任', '开班通知 小学数学1班 11月30日8:30在区教师进修学校报到，请带笔记本电脑。', 1);
    await harness.waitHandled(1);
    await harness.adapter.outbox.drain();
    const sent = harness.telegram.sentMessages();
    const receipt = sent.findIndex((m) => m.chatId === String(CONTACT) && readable(m.text).startsWith('开班通知已发出：6 位学员'));
    const notices = sent.flatMap((m, i) => (readable(m.text).includes('📢 开班通知') ? [i] : []));
    expect(receipt).toBeGreaterThanOrEqual(0);
    expect(new Set(notices.map((i) => sent[i]!.chatId))).toEqual(new Set(Object.values(SCHOOL_GROUPS).map(String)));
    expect(receipt).toBeLessThan(Math.min(...notices));
  });

  it('when the tutor asks for 帮助 in the group the list comes privately and the group gets one line', async () => {
    say(TUTOR, TUTOR, '李老师', '你好', 1);
    say(GROUP, TUTOR, '李老师', '帮助', 2);
    await harness.waitHandled(2);
    await harness.adapter.outbox.drain();
    const sent = harness.telegram.sentMessages();
    expect(sent.filter((m) => m.chatId === String(GROUP)).map((m) => readable(m.text))).toEqual([expect.stringMatching(/命令列表较长，已私信发给您。$/)]);
    const list = sent.filter((m) => m.chatId === String(TUTOR) && !m.text.startsWith('没看懂')).map((m) => readable(m.text));
    expect(list).toHaveLength(1);
    expect(list[0]).toContain('创建课次');
    expect(list[0]).toContain('签到情况');
  });
});
