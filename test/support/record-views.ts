import type { App } from '../../src/app/app.ts';
import { classBoard } from '../../src/console/class-board.ts';
import { attendanceRoll } from '../../src/console/attendance-roll.ts';
import { overviewPage } from '../../src/console/class-page.ts';
import { buildExportSheets } from '../../src/features/reports/exports.ts';
import { classStatistics } from '../../src/features/reports/statistics.ts';
import type { ConsoleAccount } from '../../src/features/access/console-accounts.ts';

// The attendance figures of a class as each view a person reads shows them, reduced to the same
// shape so they can be compared: over closed sessions, attended and expected (approved leave not expected).

export interface Figures {
  attended: number;
  expected: number;
}

export const adminAccount: ConsoleAccount = { sessionId: 0, personId: null, name: '管理员', grants: [{ role: 'ADMIN', regionId: null, schoolId: null, classId: null }], csrfToken: 'test' };
const manage = { kind: 'manage' } as const;
const sumPairs = (text: string, pattern: RegExp) => [...text.matchAll(pattern)].reduce((s, m) => ({ attended: s.attended + Number(m[1]), expected: s.expected + Number(m[2]) }), { attended: 0, expected: 0 });

/** 统计 in the chat: 「到课 3/6」. */
export async function statisticsFigures(app: App, classId: number): Promise<Figures> {
  const text = await classStatistics(app, classId);
  const m = /到课 (\d+)\/(\d+)/.exec(text);
  return { attended: Number(m?.[1] ?? 0), expected: Number(m?.[2] ?? 0) };
}

/** The class page's 各校到训率. */
export async function pageFigures(app: App, classId: number): Promise<Figures> {
  const board = await classBoard(app, classId, manage);
  return board.attendanceBySchool.reduce((s, r) => ({ attended: s.attended + r.attended, expected: s.expected + r.expected }), { attended: 0, expected: 0 });
}

/** The export workbook's 出勤 sheet: the cells of closed sessions, counted. */
export async function exportFigures(app: App, classId: number): Promise<Figures> {
  const sheet = (await buildExportSheets(app, { classIds: [classId], title: 't' })).find((s) => s.name === '出勤')!;
  const cells = sheet.rows.flatMap((r) => r.slice(2, -3).map(String));
  return { attended: cells.filter((c) => c.startsWith('出勤') || c.startsWith('迟到')).length, expected: cells.filter((c) => c !== '' && !c.startsWith('请假')).length };
}

/** 全县概览's 各校到训率 chart (its notes read 「75% 3/4」). */
export async function overviewFigures(app: App): Promise<Figures> {
  const markup = String(await overviewPage(app, adminAccount));
  const chart = markup.split('<div class="card chart">')[3] ?? '';
  return sumPairs(chart, /% (\d+)\/(\d+)</g);
}

/** Per session on the class page: attended / on its list, and the roll's count of those not checked in. */
export async function sessionFigures(app: App, classId: number) {
  const board = await classBoard(app, classId, manage);
  const rows = [];
  for (const s of board.sessions) {
    const roll = await attendanceRoll(app, classId, manage, s.id);
    rows.push({ id: s.id, attended: s.attended, expected: s.expected, notCheckedIn: roll?.count ?? 0 });
  }
  return rows;
}

/** Every view's figures for one class (the only class of its county in the tests). */
export async function everyView(app: App, classId: number) {
  return {
    statistics: await statisticsFigures(app, classId),
    page: await pageFigures(app, classId),
    export: await exportFigures(app, classId),
    overview: await overviewFigures(app),
  };
}
