import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importRoster } from '../../../src/features/roster/roster-import.ts';
import { parseRosterCsv } from '../../../src/core/roster/parse-roster-csv.ts';
import { openTestDatabase, type TestDatabase } from '../../support/databases.ts';
import { bindClassOfThree, exampleSetup, TestChat } from '../../support/chat.ts';
import { everyView } from '../../support/record-views.ts';

// Random mornings of a class: check-ins, leave, 补签, corrections, closes, roster imports and 换人 in
// any order. After every step each view (统计, class page, export workbook, county overview) shows the
// same figures, and each trainee's credited session hours equal what their marks earn.

const TRAINEES = [['u-zhang3', '张三'], ['u-li4', '李四'], ['u-wang5', '王五']] as const;
const MARKS = ['迟到', '请假', '缺勤', '出勤'] as const;
type Step =
  | { kind: 'checkin'; who: number }
  | { kind: 'leave'; who: number }
  | { kind: 'makeup'; who: number }
  | { kind: 'correct'; who: number; mark: number }
  | { kind: 'close' }
  | { kind: 'import' }
  | { kind: 'swap'; who: number };

const who = fc.integer({ min: 0, max: 2 });
const step: fc.Arbitrary<Step> = fc.oneof(
  who.map((w) => ({ kind: 'checkin' as const, who: w })),
  who.map((w) => ({ kind: 'leave' as const, who: w })),
  who.map((w) => ({ kind: 'makeup' as const, who: w })),
  fc.record({ who, mark: fc.integer({ min: 0, max: 3 }) }).map((r) => ({ kind: 'correct' as const, ...r })),
  fc.constant({ kind: 'close' as const }),
  fc.constant({ kind: 'import' as const }),
  who.map((w) => ({ kind: 'swap' as const, who: w })),
);

describe('records agree in every view', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await openTestDatabase('pglite');
  });
  afterAll(async () => db?.close());

  it('when random sequences of marks, closes, imports and 换人 are played every view gives the same figures and hours follow the marks', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 8 }), async (steps) => {
        await db.reset();
        const chat = await TestChat.start(db, { at: '2026-11-22T20:00:00+08:00', setup: exampleSetup() });
        try {
          await bindClassOfThree(chat);
          const classId = (await db.prisma.trainingClass.findFirstOrThrow({ where: { name: '小学数学1班' } })).id;
          const tutor = () => chat.as('tutor-li', '李老师');
          let day = 23;
          let added = 0;
          const openNext = async () => {
            await tutor().says('创建课次 明天 8:30-11:30 学时3');
            await chat.at(`2026-11-${day}T08:20:00+08:00`);
          };
          await openNext();
          for (const s of steps) {
            const [id, name] = TRAINEES['who' in s ? s.who : 0]!;
            if (s.kind === 'checkin') await chat.as(id, name).says('签到');
            else if (s.kind === 'leave') await chat.as(id, name).says('请假 家里有事');
            else if (s.kind === 'makeup') await tutor().says(`补签 ${name}`);
            else if (s.kind === 'correct') await tutor().says(`${name} 改为${MARKS[s.mark]!}`);
            else if (s.kind === 'import') {
              added++;
              const phone = `1380000${String(8000 + added)}`;
              await importRoster(chat.app, { personId: null, label: 'cli' }, parseRosterCsv(new TextEncoder().encode(`姓名,手机号,学校,班级\n新人${'一二三四五六七八九'[added % 9]},${phone},城关小学,小学数学1班\n`)).rows, []);
            } else if (s.kind === 'swap') {
              added++;
              await chat.as('contact-wang', '王主任', { private: true }).says(`换人 ${name} 替补${'一二三四五六七八九'[added % 9]} 1390000${String(8000 + added)} 教学任务冲突`);
              await chat.as('contact-wang', '王主任', { private: true }).says(`同意换人 ${name}`);
            } else {
              await chat.at(`2026-11-${day}T12:00:00+08:00`);
              day++;
              await chat.at(`2026-11-${day - 1}T20:00:00+08:00`);
              await openNext();
            }
            const views = await everyView(chat.app, classId);
            expect(views.page).toEqual(views.statistics);
            expect(views.export).toEqual(views.statistics);
            expect(views.overview).toEqual(views.statistics);
            const marks = await db.prisma.checkIn.findMany({ where: { session: { status: 'CLOSED' }, status: { in: ['PRESENT', 'LATE'] } }, select: { personId: true } });
            const hours = await db.prisma.hourRecord.findMany({ where: { source: 'SESSION' }, select: { personId: true, hours: true } });
            const byPerson = (list: { personId: number; hours: number }[]) => Object.fromEntries([...new Set(list.map((x) => x.personId))].map((p) => [p, list.filter((x) => x.personId === p).reduce((t, x) => t + x.hours, 0)]));
            expect(byPerson(hours.map((h) => ({ personId: h.personId, hours: Number(h.hours) })))).toEqual(byPerson(marks.map((m) => ({ personId: m.personId, hours: 3 }))));
          }
        } finally {
          await chat.close();
        }
      }),
      { numRuns: 30, seed: 22 },
    );
  }, 600_000);
});
