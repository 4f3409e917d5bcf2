import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupSchema } from '../../../src/features/roster/setup.ts';
import { exampleSetup, TestChat, texts } from '../../support/chat.ts';
import { openTestDatabase, type TestDatabase } from '../../support/databases.ts';

// A setup file may give a class its dates, venue and check-in circle, and a session its lecturer and
// place; files without them (examples/setup.json) stay valid and mean what they meant.

describe('a setup file with a class’s dates and venue', () => {
  let db: TestDatabase;
  let chat: TestChat;
  beforeAll(async () => {
    db = await openTestDatabase('pglite');
    const setup = exampleSetup();
    Object.assign(setup.classes[0], { startsOn: '2026-12-07', endsOn: '2026-12-18', venue: '县教师发展中心三楼报告厅', latitude: 33.85, longitude: 115.78, radiusMeters: 300 });
    setup.sessions = [{ class: '小学数学1班', title: '开班仪式', start: '2026-12-07T08:30:00+08:00', end: '2026-12-07T11:30:00+08:00', hours: 3, lecturer: '王教授', place: '报告厅' }];
    chat = await TestChat.start(db, { at: '2026-12-03T09:00:00+08:00', setup });
    await chat.as('tutor-li', '李老师').says('绑定班级 小学数学1班');
    await chat.as('u-zhang3', '张三').says('绑定 张三 1111');
  }, 60_000);
  afterAll(async () => {
    await chat?.close();
    await db?.close();
  });

  it('when loaded the class has its dates and venue and the session its lecturer and place, as trainees see them', async () => {
    const info = texts(await chat.as('u-zhang3', '张三').says('班级信息'))[0]!;
    expect(info).toContain('培训日期：2026年12月7日 至 2026年12月18日');
    expect(info).toContain('签到位置：33.85,115.78，半径 300 米');
    expect(texts(await chat.as('u-zhang3', '张三').says('课表'))[0]).toBe('📅「小学数学1班」课表\n12月7日–12月18日 · 县教师发展中心三楼报告厅\n12月7日（周一）08:30–11:30 开班仪式 · 3学时 · 主讲 王教授 · 报告厅');
  });

  it('when a file has no dates it is still valid, and a badly written day is refused by the schema', () => {
    expect(setupSchema.safeParse(exampleSetup()).success).toBe(true);
    const bad = exampleSetup();
    bad.classes[0].startsOn = '12月7日';
    expect(setupSchema.safeParse(bad).success).toBe(false);
  });
});
