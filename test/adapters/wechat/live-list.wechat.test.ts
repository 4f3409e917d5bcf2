import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as PuppetMock from 'wechaty-puppet-mock';
import { exampleSetup } from '../../support/chat.ts';
import { openTestDatabase, type TestDatabase } from '../../support/databases.ts';
import { WechatHarness } from './wechat-harness.ts';

// WeChat cannot edit a message: check-ins trickling into a real wechaty room (mock puppet) are
// acknowledged by posts that name everyone since the last, the first soon after the first check-in,
// then at growing intervals — a handful of messages for 29 arrivals over 5 minutes, each name within a
// minute — and, after a quiet spell, soon again.

const ROOM = 'math1@chatroom';
const TRAINEES = Array.from({ length: 30 }, (_, i) => ({ id: `wx-t${i + 1}`, name: `学员${String(i + 1).padStart(2, '0')}` }));

function setup() {
  const s = exampleSetup();
  s.people = s.people.filter((p: { classes?: string[] }) => !p.classes?.length);
  TRAINEES.forEach((t, i) => s.people.push({ name: t.name, phone: `137${String(10_000_000 + i).slice(-8)}`, school: '城关小学', classes: ['小学数学1班'], accounts: [{ platform: 'wechat', userId: t.id }] }));
  s.groups = [{ platform: 'wechat', chatId: ROOM, title: '小学数学1班群', class: '小学数学1班' }];
  s.sessions = [{ class: '小学数学1班', title: '上午', start: '2026-11-23T08:30:00+08:00', end: '2026-11-23T11:30:00+08:00', hours: 3 }];
  return s;
}

describe('check-in acknowledgements in a WeChat room', () => {
  let db: TestDatabase;
  let harness: WechatHarness;
  const checkedInAt = new Map<string, number>();
  const posts: { at: number; text: string }[] = [];
  const START = Date.parse('2026-11-23T08:20:00+08:00');

  beforeAll(async () => {
    db = await openTestDatabase('pglite');
    harness = await WechatHarness.start(db, { at: '2026-11-23T08:00:30+08:00', setup: setup() });
    const contacts = TRAINEES.map((t) => harness.mocker.createContact({ id: t.id, name: t.name }));
    const room = harness.mocker.createRoom({ id: ROOM, topic: '小学数学1班群', memberIdList: [harness.botContact.id, ...contacts.map((c) => c.id)] });
    // Arrivals every 10 s for 5 minutes; the clock moves a second at a time and each post is stamped
    // with the virtual time at which it reached the room.
    let handled = harness.handled;
    let seen = 0;
    const step = async (to: number) => {
      await harness.advanceTo(new Date(to));
      await harness.adapter.outbox.drain();
      await new Promise((r) => setTimeout(r, 15));
      for (const s of harness.sent.slice(seen)) if (s.chat === ROOM) posts.push({ at: to, text: s.text });
      seen = harness.sent.length;
    };
    await step(START - 1000);
    posts.length = 0;
    // 29 arrive every 10 s; after two quiet minutes the 30th comes alone. Seconds are stepped one by one
    // just after an arrival, five at a time otherwise.
    const arrivals = new Map(TRAINEES.map((t, i) => [i < 29 ? i * 10 : 480, i]));
    const next = (second: number) => {
      const coming = [...arrivals.keys()].filter((a) => a > second);
      return [0, 1, 2, 3].some((d) => arrivals.has(second - d)) ? second + 1 : Math.min(second + 5, ...coming);
    };
    for (let second = 0; second <= 490; second = next(second)) {
      const now = START + second * 1000;
      const index = arrivals.get(second);
      if (index !== undefined) {
        await harness.advanceTo(new Date(now));
        say(contacts[index]!, room);
        await harness.waitHandled(++handled);
        checkedInAt.set(TRAINEES[index]!.name, now);
      }
      await step(now);
    }
  }, 300_000);
  const say = (c: PuppetMock.mock.ContactMock, room: PuppetMock.mock.RoomMock) => c.say(c.payload.name.endsWith('5') ? '到～' : '签到啦').to(room);

  afterAll(async () => {
    await harness?.stop();
    await db?.close();
  });

  it('when 29 trainees trickle in over 5 minutes the room gets a post 2–3 s after the first, then at most one a minute: a handful in all', () => {
    const acks = posts.filter((p) => p.text.startsWith('✅ 签到成功'));
    const trickle = acks.filter((p) => p.at < START + 400_000);
    expect(trickle.length).toBeGreaterThanOrEqual(3);
    expect(trickle.length).toBeLessThanOrEqual(6);
    expect(trickle[0]!.at - START).toBeGreaterThanOrEqual(2000);
    expect(trickle[0]!.at - START).toBeLessThanOrEqual(3000);
    expect(trickle[0]!.text).toBe('✅ 签到成功 1 人：学员01');
    // The wait grows from seconds to a minute while arrivals keep coming.
    const gaps = trickle.slice(1).map((p, i) => p.at - trickle[i]!.at);
    expect(gaps.every((g) => g >= 50_000)).toBe(true);
  });

  it('when one more arrives after a quiet spell the wait starts short again', () => {
    const last = posts.filter((p) => p.text.startsWith('✅ 签到成功')).at(-1)!;
    expect(last.text).toBe('✅ 签到成功 1 人：学员30');
    expect(last.at - (START + 480_000)).toBeLessThanOrEqual(3000);
  });

  it('when the posts are read together every trainee is named exactly once, within a minute of checking in', async () => {
    const named = new Map<string, number>();
    for (const p of posts.filter((x) => x.text.startsWith('✅ 签到成功'))) {
      for (const name of p.text.split('：')[1]!.split('、')) {
        expect(named.has(name), name).toBe(false);
        named.set(name, p.at);
      }
    }
    expect([...named.keys()].sort()).toEqual(TRAINEES.map((t) => t.name));
    const waits = [...named].map(([name, at]) => at - checkedInAt.get(name)!);
    expect(Math.max(...waits)).toBeLessThanOrEqual(60_000);
    expect(await db.prisma.checkIn.count({ where: { status: 'PRESENT' } })).toBe(30);
  });
});
