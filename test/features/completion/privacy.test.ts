import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleRoutes } from '../../../src/console/console-routes.ts';
import { parseRosterCsv } from '../../../src/core/roster/parse-roster-csv.ts';
import { startSession } from '../../../src/features/access/console-accounts.ts';
import { importRoster } from '../../../src/features/roster/roster-import.ts';
import { buildWebServer } from '../../../src/http/web-server.ts';
import { createLogger } from '../../../src/logger.ts';
import { bindClassOfThree, TestChat, threeTraineeSetup } from '../../support/chat.ts';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../../support/databases.ts';

// A whole completion run of 小学数学1班 with ID and teacher-certificate numbers on record: the tutor's
// 结业情况, a trainee's 我能结业吗, the closing warning, 证明, 结业, 结业证书, a revocation, both registration
// exports, the verification page and the console's class pages. Then every chat message, page, PDF
// text and log line of the run is scanned: no ID number, certificate number or full phone anywhere.

const IDS = ['11010519491231002X', '341602198505050013', '34160219900101002X'];
const CERTS = ['20123416012000123', '20133416012000456'];
const ROSTER = `姓名,手机号,学校,班级,身份证号,教师资格证号\n张三,13800001111,城关小学,小学数学1班,${IDS[0]},${CERTS[0]}\n李四,13800002222,城关小学,小学数学1班,${IDS[1]},${CERTS[1]}\n王五,13800003333,实验小学,小学数学1班,${IDS[2]},\n`;
const ID_PATTERN = /(?<![0-9A-Z])\d{17}[\dX](?![0-9A-Z])/;
const PHONE_PATTERN = /(?<!\d)1[3-9]\d{9}(?!\d)/;

describe('privacy of a completion, certificate and registration run', () => {
  let db: TestDatabase;
  let chat: TestChat;
  let web: FastifyInstance;
  let dataDir: string;
  const logLines: string[] = [];
  const pages: string[] = [];
  const pdfTexts: string[] = [];
  const countyFiles: string[] = [];

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'yanxiu-privacy-'));
    db = await openTestDatabase(databaseKinds().at(-1)!);
    const setup = threeTraineeSetup();
    setup.classes[0].completion = { survey: false };
    chat = await TestChat.start(db, { at: '2026-12-03T20:00:00+08:00', setup, dataDir, log: createLogger('debug', {}, (line) => void logLines.push(line)) });
    await bindClassOfThree(chat);
    expect((await importRoster(chat.app, { personId: null, label: 'cli' }, parseRosterCsv(new TextEncoder().encode(ROSTER)).rows, [])).ok).toBe(true);
    const tutor = (where: { private?: boolean; group?: string } = {}) => chat.as('tutor-li', '李老师', where);
    await tutor().says('设置班级 12月7日-12月8日');
    await tutor().says('课表 12月7日-12月8日 每天 8:30-11:30 学时3');
    await tutor().says('确认');
    await chat.at('2026-12-07T08:35:00+08:00');
    await chat.as('u-zhang3', '张三').says('签到');
    await chat.as('u-wang5', '王五').says('签到');
    await chat.at('2026-12-07T20:00:00+08:00');
    await tutor({ private: true }).says('结业情况 小学数学1班');
    await chat.as('u-li4', '李四', { private: true }).says('我能结业吗');
    await chat.at('2026-12-08T08:35:00+08:00');
    await chat.as('u-zhang3', '张三').says('签到');
    await chat.at('2026-12-08T12:00:00+08:00');
    for (const text of ['证明', '结业证书']) await chat.as('u-zhang3', '张三', { private: true }).says(text);
    await tutor({ group: 'g-math1' }).says('结业');
    const certificate = (await chat.as('u-zhang3', '张三', { private: true }).says('结业证书')).find((r) => r.files?.length);
    const serial = /编号 (YX-[0-9A-Z-]{19})/.exec(certificate!.text)![1]!;
    await tutor({ private: true }).says(`撤销证书 ${serial} 学校名称有误`);
    await tutor({ group: 'g-math1' }).says('导出登记表 csv');
    const county = await chat.as('contact-wang', '王主任', { private: true }).says('导出登记表 小学数学1班 csv');
    countyFiles.push(...county.flatMap((r) => r.files ?? []).map((f) => readFileSync(f.path!, 'utf8')));

    web = await buildWebServer([consoleRoutes(chat.app)], { log: createLogger('debug', {}, (line) => void logLines.push(line)) });
    pages.push((await web.inject({ method: 'GET', url: `/verify/${serial}` })).body);
    const classId = (await db.prisma.trainingClass.findFirstOrThrow({ where: { name: '小学数学1班' } })).id;
    for (const name of ['李老师', '王主任']) {
      const cookie = `yanxiu_session=${await startSession(chat.app, (await db.prisma.person.findFirstOrThrow({ where: { name } })).id)}`;
      for (const url of ['/console', `/console/classes/${classId}`]) pages.push((await web.inject({ method: 'GET', url, headers: { cookie } })).body);
    }
    for (const record of chat.session.outbox.sent) {
      for (const file of record.files ?? []) if (file.path?.endsWith('.pdf')) pdfTexts.push(spawnSync('pdftotext', ['-layout', file.path, '-'], { encoding: 'utf8' }).stdout);
    }
  }, 240_000);
  afterAll(async () => {
    await web?.close();
    await chat?.close();
    await db?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('when the run is over the numbers were really there: the county contact’s registration file carries the ID and certificate numbers', () => {
    expect(countyFiles.join('\n')).toContain(IDS[0]);
    expect(pages.join('\n')).toContain('结业情况');
    expect(pdfTexts.length).toBeGreaterThanOrEqual(2);
  });

  // A quiet run logs little (the bot logs at debug here, the web server too); whatever it logs is scanned.
  it.each([
    ['chat message', () => chat.session.outbox.sent.map((r) => r.text), 20],
    ['page', () => pages, 5],
    ['certificate PDF', () => pdfTexts, 2],
    ['log line', () => logLines, 0],
  ] as const)('when every %s of the run is scanned none carries an ID number, a teacher-certificate number or a full phone number', (_kind, outputs, atLeast) => {
    const all = outputs();
    expect(all.length).toBeGreaterThanOrEqual(atLeast);
    for (const text of all) {
      expect(text).not.toMatch(ID_PATTERN);
      expect(text).not.toMatch(PHONE_PATTERN);
      for (const secret of [...IDS, ...CERTS]) expect(text).not.toContain(secret);
    }
  });
});
