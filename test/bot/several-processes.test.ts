import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { SentRecord } from '../../src/adapters/playground/playground-outbox.ts';
import { exampleSetup, TestChat, texts } from '../support/chat.ts';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../support/databases.ts';

// Two bot processes on one database, as behind a load balancer: a group's check-ins arrive at
// either, and what waits for someone (the acknowledgement list, a timetable draft) is the same for both.

// Each process numbers the messages it plays from 1; real platforms' ids are unique per chat.
let messages = 0;
const unique = () => ({ id: `m-${++messages}` });

const TRAINEES = Array.from({ length: 12 }, (_, i) => ({ id: `u-t${i + 1}`, name: `学员${String.fromCharCode(0x7532 + i)}` }));

function setupWithTwelve() {
  const s = exampleSetup();
  s.people = s.people.filter((p: { classes?: string[] }) => !p.classes);
  for (const t of TRAINEES) s.people.push({ name: t.name, phone: `1370000${String(TRAINEES.indexOf(t)).padStart(4, '0')}`, school: '城关小学', subject: '数学', stage: '小学', classes: ['小学数学1班'], accounts: [{ platform: 'playground', userId: t.id }] });
  return s;
}

/** The names the group's acknowledgement posts gave, in order, over both processes. */
const namedInGroup = (sent: SentRecord[]) =>
  sent.filter((s) => s.chat === 'g-math1' && s.text.startsWith('✅ 签到成功')).flatMap((s) => s.text.replace(/^✅ 签到成功 \d+ 人：/, '').split('、'));

describe.each(databaseKinds())('two bot processes on one %s database', (kind) => {
  let db: TestDatabase;
  const open: TestChat[] = [];
  const start = async (setup?: unknown) => {
    const chat = await TestChat.start(db, { at: '2026-11-23T07:50:00+08:00', ...(setup ? { setup } : {}) });
    open.push(chat);
    return chat;
  };
  /** Two processes, the group bound and a session open for check-in from 08:00. */
  const twoWithSession = async () => {
    const a = await start(setupWithTwelve());
    const b = await start();
    await a.as('tutor-li', '李老师').says('绑定班级 小学数学1班', unique());
    await a.as('tutor-li', '李老师').says('创建课次 今天 8:30-11:30 学时3 新课标解读', unique());
    await a.at('2026-11-23T08:10:00+08:00');
    await b.at('2026-11-23T08:10:00+08:00');
    return { a, b };
  };
  beforeAll(async () => {
    db = await openTestDatabase(kind);
  });
  afterEach(async () => {
    // Closing would flush what a "dead" process left: these processes are just dropped.
    open.splice(0);
    await db.reset();
  });
  afterAll(() => db?.close());

  it('when check-ins of one group arrive alternately at both processes the group gets one list naming everyone once', async () => {
    const { a, b } = await twoWithSession();
    const sent: SentRecord[] = [];
    for (const [i, t] of TRAINEES.entries()) sent.push(...(await (i % 2 ? b : a).as(t.id, t.name).says('签到', unique())));
    sent.push(...(await a.wait(120)), ...(await b.wait(120)));
    const lists = sent.filter((s) => s.chat === 'g-math1' && s.text.startsWith('✅ 签到成功'));
    expect(lists).toHaveLength(1);
    expect(lists[0]!.text).toMatch(/^✅ 签到成功 12 人：/);
    expect(namedInGroup(sent).sort()).toEqual(TRAINEES.map((t) => t.name).sort());
  });

  it('when the process posting the list dies in the middle of it the other posts every name once, after its lease runs out', async () => {
    const { a, b } = await twoWithSession();
    for (const [i, t] of TRAINEES.entries()) await (i % 2 ? b : a).as(t.id, t.name).says('签到', unique());
    // A takes the group's batch and dies while sending it: nothing reaches the group from A.
    a.session.outbox.send = async () => {
      throw new Error('process killed');
    };
    expect(namedInGroup(await a.wait(3))).toEqual([]);
    const late = await b.wait(10);
    expect(namedInGroup(late)).toEqual([]);
    const taken = await b.wait(40);
    expect(namedInGroup(taken).sort()).toEqual(TRAINEES.map((t) => t.name).sort());
    const more = await b.as('u-t1', TRAINEES[0]!.name).says('签到', unique());
    expect(namedInGroup([...more, ...(await b.wait(120))])).toEqual([]);
  });

  it('when a process stops with check-ins waiting, one started afterwards names them', async () => {
    const { a, b } = await twoWithSession();
    for (const t of TRAINEES.slice(0, 5)) await a.as(t.id, t.name).says('签到', unique());
    open.splice(open.indexOf(a), 1);
    const c = await start();
    await b.wait(1);
    const sent = [...(await c.at('2026-11-23T08:10:10+08:00')), ...(await b.wait(10))];
    expect(namedInGroup(sent).sort()).toEqual(TRAINEES.slice(0, 5).map((t) => t.name).sort());
  });

  it('when a timetable is typed to one process 确认 on the other creates it, once', async () => {
    const a = await start(setupWithTwelve());
    const b = await start();
    const tutorOn = (chat: TestChat) => chat.as('tutor-li', '李老师', { private: true });
    await a.as('tutor-li', '李老师').says('绑定班级 小学数学1班', unique());
    const preview = texts(await tutorOn(a).says('课表 12月7日-12月9日 每天 8:30-11:30 学时3', unique()))[0]!;
    expect(preview).toContain('共 3 个课次');
    expect(texts(await tutorOn(b).says('确认', unique()))[0]).toContain('✅ 已创建 3 个课次');
    expect(await db.prisma.trainingSession.count()).toBe(3);
    expect(texts(await tutorOn(a).says('确认', unique()))[0] ?? '').not.toContain('已创建');
    expect(await db.prisma.trainingSession.count()).toBe(3);
  });
});
