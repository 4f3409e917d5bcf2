import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exampleSetup } from '../../support/chat.ts';
import { openTestDatabase, type TestDatabase } from '../../support/databases.ts';
import { locationUpdate, textUpdate } from '../../support/fake-telegram.ts';
import { readable, TelegramHarness } from './telegram-harness.ts';

// Location check-in over the Bot API: trainees share a static or live location in the class group
// while a session is open; the class's venue (set here in the database) is 33.8446 N, 115.7789 E with
// a 300 m radius. About 100 m north is inside, about 2 km east is outside.

const GROUP = -100456;
const TUTOR = 1001;
const VENUE = { latitude: 33.8446, longitude: 115.7789 };
const NEAR = { latitude: 33.8455, longitude: 115.7789 };
const FAR = { latitude: 33.8446, longitude: 115.8005 };

function setup() {
  const s = exampleSetup();
  for (const p of s.people) for (const a of p.accounts ?? []) Object.assign(a, { platform: 'telegram', userId: a.userId === 'tutor-li' ? String(TUTOR) : '1009' });
  s.people = s.people.filter((p: { name: string }) => !['张三', '李四', '王五', '赵六', '钱七', '孙八'].includes(p.name));
  for (const [i, name] of ['张三', '李四', '王五'].entries()) s.people.push({ name, phone: `1380000${i + 1}${i + 1}${i + 1}${i + 1}`, school: '城关小学', classes: ['小学数学1班'], accounts: [{ platform: 'telegram', userId: String(2001 + i) }] });
  s.groups = [{ platform: 'telegram', chatId: String(GROUP), title: '小学数学1班群', class: '小学数学1班' }];
  return s;
}

describe('location check-in on Telegram', () => {
  let db: TestDatabase;
  let harness: TelegramHarness;
  let handled = 0;
  const at = (clock: string) => Math.floor(Date.parse(`2026-11-23T${clock}+08:00`) / 1000);
  const push = async (update: Record<string, unknown>) => {
    harness.telegram.pushUpdate(update);
    await harness.waitHandled(++handled);
  };
  const say = (userId: number, name: string, text: string, messageId: number, clock: string) => push(textUpdate({ chatId: GROUP, chatTitle: '小学数学1班群', userId, name, text, messageId, date: at(clock) }));
  const share = (userId: number, name: string, messageId: number, clock: string, point: { latitude: number; longitude: number }, extra: { livePeriod?: number; editDate?: string } = {}) =>
    push(locationUpdate({ chatId: GROUP, chatTitle: '小学数学1班群', userId, name, messageId, date: at(clock), ...point, accuracy: 12, livePeriod: extra.livePeriod, editDate: extra.editDate ? at(extra.editDate) : undefined }));
  const repliesTo = (name: string) => harness.telegram.sentMessages().filter((m) => m.chatId === String(GROUP) && readable(m.text).includes(`@${name}`)).map((m) => readable(m.text));
  const rowOf = async (name: string) => db.prisma.checkIn.findFirst({ where: { person: { name } } });

  beforeAll(async () => {
    db = await openTestDatabase('pglite');
    harness = await TelegramHarness.start(db, { at: '2026-11-23T09:00:00+08:00', setup: setup() });
    harness.adapter.startPolling();
    // The tutor has opened the bot privately once, so the close summary can reach them.
    await push(textUpdate({ chatId: TUTOR, userId: TUTOR, name: '李老师', text: '/start', messageId: 1, date: at('08:59:00'), entities: [{ type: 'bot_command', offset: 0, length: 6 }] }));
    await say(TUTOR, '李老师', '创建课次 今天 9:00-11:30 学时3', 1, '09:00:00');
  }, 120_000);
  afterAll(async () => {
    await harness?.stop();
    await db?.close();
  });

  it('when the class has no venue set a shared location is answered so, and checks nobody in', async () => {
    await share(2003, '王五', 2, '09:01:00', NEAR);
    await expect.poll(() => repliesTo('王五').at(-1) ?? '', { timeout: 5000 }).toContain('本班还没有设置培训地点');
    expect(await rowOf('王五')).toBeNull();
  });

  it('when a trainee shares a location inside the venue radius they are checked in, with the distance kept', async () => {
    await db.prisma.trainingClass.updateMany({ where: { name: '小学数学1班' }, data: { venueLatitude: VENUE.latitude, venueLongitude: VENUE.longitude, venueRadiusMeters: 300 } });
    await share(2001, '张三', 3, '09:02:00', NEAR);
    const row = await rowOf('张三');
    expect(row).toMatchObject({ status: 'PRESENT', platform: 'telegram' });
    expect(row!.distanceMeters).toBeGreaterThan(90);
    expect(row!.distanceMeters).toBeLessThan(110);
    await new Promise((r) => setTimeout(r, 300));
    expect(repliesTo('张三')).toEqual([]);
  });

  it('when a trainee shares a location outside the radius they are refused politely with the distance', async () => {
    await share(2002, '李四', 4, '09:03:00', FAR);
    await expect.poll(() => repliesTo('李四').at(-1) ?? '', { timeout: 5000 }).toContain('您的位置距离培训地点约 2.0 公里，超出签到范围（300 米），没有签到');
    expect(await rowOf('李四')).toBeNull();
  });

  it('when a live location starts outside and moves inside, the later position checks in and the ones before say nothing more', async () => {
    const before = repliesTo('李四').length;
    await share(2002, '李四', 5, '09:04:00', FAR, { livePeriod: 900 });
    await expect.poll(() => repliesTo('李四').length, { timeout: 5000 }).toBe(before + 1);
    const refusals = before + 1;
    await share(2002, '李四', 5, '09:04:00', FAR, { livePeriod: 900, editDate: '09:05:00' });
    expect(repliesTo('李四')).toHaveLength(refusals);
    await share(2002, '李四', 5, '09:04:00', VENUE, { livePeriod: 900, editDate: '09:06:00' });
    expect(await rowOf('李四')).toMatchObject({ status: 'PRESENT', distanceMeters: 0 });
    await share(2002, '李四', 5, '09:04:00', NEAR, { livePeriod: 900, editDate: '09:07:00' });
    await new Promise((r) => setTimeout(r, 500));
    expect(repliesTo('李四')).toHaveLength(refusals);
  });

  it('when the tutor shares a location in the group the bot stays quiet', async () => {
    const before = harness.telegram.sentMessages().length;
    await share(TUTOR, '李老师', 6, '09:08:00', FAR);
    await new Promise((r) => setTimeout(r, 500));
    expect(harness.telegram.sentMessages().length).toBe(before);
  });

  it('when the session closes the tutor’s summary names who shared a location away from the venue', async () => {
    await harness.advanceTo(new Date('2026-11-23T11:31:00+08:00'));
    await harness.adapter.outbox.drain();
    const summary = harness.telegram.sentMessages().find((m) => m.chatId === String(TUTOR) && m.text.includes('考勤汇总') && !m.text.includes('您可以使用这些命令'));
    expect(readable(summary?.text ?? '')).toContain('· 发送的位置在培训地点以外 1 人：李四（2.0 公里）');
  });
});
