import { beforeEach, describe, expect, it } from 'vitest';
import { importRoster } from '../../../src/features/roster/roster-import.ts';
import { parseRosterCsv } from '../../../src/core/roster/parse-roster-csv.ts';
import { databaseKinds, type TestDatabase } from '../../support/databases.ts';
import { exampleSetup, freshChatPerTest, TestChat } from '../../support/chat.ts';
import { domainState } from '../../support/state.ts';

const csv = (text: string) => new TextEncoder().encode(text);
const cli = { personId: null, label: 'cli' };

describe.each(databaseKinds())('roster import on %s', (kind) => {
  const ctx = freshChatPerTest(kind, () => ({ at: '2026-11-22T20:00:00+08:00', setup: exampleSetup() }));
  let db: TestDatabase;
  let chat: TestChat;
  beforeEach(() => {
    db = ctx.db();
    chat = ctx.chat();
  });

  it('when one row is broken nothing at all is imported and every problem is listed by line', async () => {
    const before = await domainState(db.prisma);
    const parsed = parseRosterCsv(csv('姓名,手机号,学校,班级\n周九,13800007777,新学校,小学数学1班\n吴十,1380000,新学校,小学数学1班\n郑十一,13800008888,新学校,不存在的班\n'));
    const result = await importRoster(chat.app, cli, parsed.rows, parsed.errors);
    expect(result.ok).toBe(false);
    expect(result.errors.map((e) => e.message)).toEqual(['第 3 行：手机号“138****”不是 11 位手机号', '第 4 行：班级「不存在的班」不存在']);
    expect(await domainState(db.prisma)).toEqual(before);
  });

  it('when the roster is good it creates schools, persons and enrolments, and a second import changes nothing', async () => {
    const bytes = csv('姓名,手机号,学校,班级,学科\n周九,13800007777,新学校,小学数学1班,数学\n张三,13800001111,城关小学,小学数学1班,数学\n');
    const first = await importRoster(chat.app, cli, parseRosterCsv(bytes).rows, []);
    expect(first).toMatchObject({ ok: true, persons: 2, schoolsCreated: 1 });
    const after = await domainState(db.prisma);
    await importRoster(chat.app, cli, parseRosterCsv(bytes).rows, []);
    const again = await domainState(db.prisma);
    expect({ ...again, audit: 0 }).toEqual({ ...after, audit: 0 });
    const zhou = await db.prisma.person.findUniqueOrThrow({ where: { phone: '13800007777' }, include: { school: true, enrolments: true } });
    expect([zhou.school?.name, zhou.phoneLast4, zhou.enrolments.length]).toEqual(['新学校', '7777', 1]);
    const replies = await chat.as('u-zhou9', '周九').says('绑定 周九 7777');
    expect(replies[0]?.text).toBe('绑定成功：周九（新学校）。以后在群里发「签到」即可签到。');
  });

  it('when the command line imports people on record with other details it keeps them, and with --apply-changes updates all but role holders', async () => {
    const bytes = csv('姓名,手机号,学校,班级\n张三丰,13800001111,实验小学,小学数学1班\n李大师,13900000001,实验小学,小学数学1班\n');
    const kept = await importRoster(chat.app, cli, parseRosterCsv(bytes).rows, []);
    expect(kept.differences.map((d) => [d.line, d.decision])).toEqual([[2, 'choice'], [3, 'holdsRole']]);
    expect((await db.prisma.person.findUniqueOrThrow({ where: { phone: '13800001111' } })).name).toBe('张三');
    const applied = await importRoster(chat.app, cli, parseRosterCsv(bytes).rows, [], { applyChanges: 'all' });
    expect(applied.updated).toBe(1);
    const names = await db.prisma.person.findMany({ where: { phone: { in: ['13800001111', '13900000001'] } }, orderBy: { phone: 'asc' }, include: { school: true } });
    expect(names.map((p) => [p.name, p.school?.name])).toEqual([['张三丰', '实验小学'], ['李老师', '实验小学']]);
    const audits = await db.prisma.auditLog.findMany({ where: { action: 'person.update' } });
    expect(audits.map((a) => a.data)).toEqual([{ via: 'roster.import', line: 2, phone: '138****1111', before: { name: '张三', school: '城关小学' }, after: { name: '张三丰', school: '实验小学' } }]);
  });
});
