import { beforeEach, describe, expect, it } from 'vitest';
import { importRoster } from '../../../src/features/roster/roster-import.ts';
import { parseRosterCsv } from '../../../src/core/roster/parse-roster-csv.ts';
import { buildExportSheets } from '../../../src/features/reports/exports.ts';
import { classStatistics } from '../../../src/features/reports/statistics.ts';
import { databaseKinds, type TestDatabase } from '../../support/databases.ts';
import { exampleSetup, freshChatPerTest, TestChat } from '../../support/chat.ts';
import { everyView, sessionFigures } from '../../support/record-views.ts';

// A session's list of who was expected is fixed at its close. Six trainees, five check in: 83 %. Four
// teachers imported afterwards, or a 换人 afterwards, must not turn that into 50 % anywhere; the next
// session counts them.

const TRAINEES = [['u-zhang3', '张三', '1111'], ['u-li4', '李四', '2222'], ['u-wang5', '王五', '3333'], ['u-zhao6', '赵六', '4444'], ['u-qian7', '钱七', '5555']] as const;
const cli = { personId: null, label: 'cli' };
const FOUR = '姓名,手机号,学校,班级\n周九,13800007777,城关小学,小学数学1班\n吴十,13800007778,实验小学,小学数学1班\n郑一,13800007779,城关小学,小学数学1班\n冯二,13800007780,古井镇中心小学,小学数学1班\n';

describe.each(databaseKinds())('the expected list fixed at close on %s', (kind) => {
  const ctx = freshChatPerTest(kind, () => ({ at: '2026-11-22T20:00:00+08:00', setup: exampleSetup() }), async (chat) => {
    await chat.as('tutor-li', '李老师').says('绑定班级 小学数学1班');
    await chat.as('tutor-li', '李老师').says('创建课次 明天 8:30-11:30 学时3');
    for (const [id, name, tail] of TRAINEES) await chat.as(id, name).says(`绑定 ${name} ${tail}`);
    await chat.at('2026-11-23T08:20:00+08:00');
    for (const [id, name] of TRAINEES) await chat.as(id, name).says('签到');
    await chat.at('2026-11-23T12:00:00+08:00');
  });
  let db: TestDatabase;
  let chat: TestChat;
  beforeEach(() => {
    db = ctx.db();
    chat = ctx.chat();
  });
  const classId = async () => (await db.prisma.trainingClass.findFirstOrThrow({ where: { name: '小学数学1班' } })).id;

  it('when four teachers are imported after the session closed none of its figures change on the page, the roll, the export, 统计 or the overview', async () => {
    const id = await classId();
    const before = { views: await everyView(chat.app, id), sessions: await sessionFigures(chat.app, id) };
    expect(before.views.statistics).toEqual({ attended: 5, expected: 6 });
    expect(Object.values(before.views)).toEqual([before.views.statistics, before.views.statistics, before.views.statistics, before.views.statistics]);
    expect(before.sessions).toEqual([expect.objectContaining({ attended: 5, expected: 6, notCheckedIn: 1 })]);
    expect(await classStatistics(chat.app, id)).toContain('到课率 83%');

    expect(await importRoster(chat.app, cli, parseRosterCsv(new TextEncoder().encode(FOUR)).rows, [])).toMatchObject({ ok: true, persons: 4 });

    expect(await everyView(chat.app, id)).toEqual(before.views);
    expect(await sessionFigures(chat.app, id)).toEqual(before.sessions);
    expect(await classStatistics(chat.app, id)).toContain('到课率 83%');
    const sheet = (await buildExportSheets(chat.app, { classIds: [id], title: 't' })).find((s) => s.name === '出勤')!;
    expect(sheet.rows.find((r) => r[0] === '周九')?.slice(2)).toEqual(['', 0, 0, '']);
  });

  it('when the four newcomers are on the next session it counts them, and the closed one still does not', async () => {
    const id = await classId();
    await importRoster(chat.app, cli, parseRosterCsv(new TextEncoder().encode(FOUR)).rows, []);
    await chat.as('tutor-li', '李老师').says('创建课次 明天 8:30-11:30 学时3');
    await chat.at('2026-11-24T08:20:00+08:00');
    expect((await sessionFigures(chat.app, id)).map((s) => [s.attended, s.expected, s.notCheckedIn])).toEqual([[5, 6, 1], [0, 10, 10]]);
    await chat.at('2026-11-24T12:00:00+08:00');
    expect((await sessionFigures(chat.app, id)).map((s) => [s.attended, s.expected, s.notCheckedIn])).toEqual([[5, 6, 1], [0, 10, 10]]);
    expect((await everyView(chat.app, id)).statistics).toEqual({ attended: 5, expected: 16 });
  });

  it('when 孙八 is swapped for a new teacher after the close the closed session keeps him absent and the newcomer is not counted for it', async () => {
    const id = await classId();
    const before = await everyView(chat.app, id);
    await chat.as('contact-wang', '王主任', { private: true }).says('换人 孙八 吴十 13800009999 教学任务冲突');
    await chat.as('contact-wang', '王主任', { private: true }).says('同意换人 孙八');
    expect(await db.prisma.enrolment.count({ where: { status: 'SUBSTITUTED' } })).toBe(1);
    expect(await everyView(chat.app, id)).toEqual(before);
    expect((await sessionFigures(chat.app, id)).map((s) => [s.attended, s.expected, s.notCheckedIn])).toEqual([[5, 6, 1]]);
  });
});
