import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SentRecord } from '../../../src/adapters/playground/playground-outbox.ts';
import { parseRosterCsv } from '../../../src/core/roster/parse-roster-csv.ts';
import { importRoster } from '../../../src/features/roster/roster-import.ts';
import { bindClassOfThree, TestChat, threeTraineeSetup } from '../../support/chat.ts';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../../support/databases.ts';

// The roster carries 身份证号 and 教师资格证号: a bad check character is refused on its row, good ones are sealed in the
// database. The registration file carries them only for the county contact; a tutor's has none; a
// mapping file changes the columns. No ID number ever appears in a chat message.

const ZHANG_ID = '11010519491231002X';
const WANG_ID = '341602198505050013';
const BAD_ID = '341602198505050014';
const ZHANG_CERT = '20123416012000123';
const ROSTER = `姓名,手机号,学校,班级,身份证号,教师资格证号\n张三,13800001111,城关小学,小学数学1班,${ZHANG_ID},${ZHANG_CERT}\n李四,13800002222,城关小学,小学数学1班,${BAD_ID},\n王五,13800003333,实验小学,小学数学1班,${WANG_ID},\n`;
const cli = { personId: null, label: 'cli' };
const csvOf = (records: SentRecord[]) => readFileSync(records.find((r) => r.files?.length)!.files![0]!.path!, 'utf8').replace(/^\uFEFF/, '').trim().split('\r\n');

describe.each(databaseKinds())('ID numbers and the registration file on %s', (kind) => {
  let db: TestDatabase;
  let chat: TestChat;
  let dataDir: string;
  const seen: SentRecord[] = [];
  const say = async (who: [string, string], text: string, where: { group?: string; private?: boolean } = { private: true }) => {
    const sent = await chat.as(who[0], who[1], where).says(text);
    seen.push(...sent);
    return sent;
  };

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'yanxiu-registration-'));
    db = await openTestDatabase(kind);
    chat = await TestChat.start(db, { at: '2026-12-03T20:00:00+08:00', setup: threeTraineeSetup(), dataDir });
    await bindClassOfThree(chat);
  }, 60_000);
  afterAll(async () => {
    await chat?.close();
    await db?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('when an ID number has a bad check character the import refuses that row by number, without showing it', () => {
    const parsed = parseRosterCsv(new TextEncoder().encode(ROSTER));
    expect(parsed.errors).toEqual([{ line: 3, message: '第 3 行：身份证号不正确（位数、出生日期或校验位不对，请核对）' }]);
    expect(parsed.rows.map((r) => [r.name, r.idNumber, r.teacherCert])).toEqual([['张三', ZHANG_ID, ZHANG_CERT], ['王五', WANG_ID, undefined]]);
    const badCert = parseRosterCsv(new TextEncoder().encode('姓名,手机号,学校,班级,教师资格证号\n张三,13800001111,城关小学,小学数学1班,2.01234E+16\n王五,13800003333,实验小学,小学数学1班,资格证12\n'));
    expect(badCert.errors.map((e) => e.message)).toEqual(['第 2 行：教师资格证号被 Excel 变成了科学计数法，请把这一列设为“文本”后重新导出', '第 3 行：教师资格证号格式不对（应为 8 到 24 位数字或字母，请核对）']);
  });

  it('when the good rows are imported the database column holds ciphertext, not the number', async () => {
    const parsed = parseRosterCsv(new TextEncoder().encode(ROSTER));
    await importRoster(chat.app, cli, parsed.rows, []);
    const zhang = await db.prisma.person.findFirstOrThrow({ where: { name: '张三' } });
    expect(zhang.idNumberSealed).toMatch(/^v1\./);
    expect(zhang.idNumberSealed).not.toContain(ZHANG_ID.slice(0, 10));
    expect(zhang.teacherCertSealed).toMatch(/^v1\./);
    expect(zhang.teacherCertSealed).not.toContain(ZHANG_CERT.slice(0, 8));
    expect(zhang.teacherCertSealed).not.toBe(zhang.idNumberSealed);
    expect((await db.prisma.person.findFirstOrThrow({ where: { name: '李四' } })).idNumberSealed).toBeNull();
  });

  it('when the good rows are imported a second time nothing changes and no number is stored twice', async () => {
    await importRoster(chat.app, cli, parseRosterCsv(new TextEncoder().encode(ROSTER)).rows, []);
    expect(await db.prisma.person.count({ where: { teacherCertSealed: { not: null } } })).toBe(1);
  });

  it('when the county contact exports the registration file it carries the ID numbers in our default columns, and the export is audited', async () => {
    const sent = await say(['contact-wang', '王主任'], '导出登记表 小学数学1班 csv');
    const lines = csvOf(sent);
    expect(lines[0]).toBe('姓名,身份证号,学校,学段,学科,项目名称,项目编号,培训级别,学时,起止日期,认定状态');
    expect(lines[1]).toBe(`张三,${ZHANG_ID},城关小学,小学,数学,2026年谯城区小学数学骨干教师培训,,县级,0,,`);
    expect(lines[3]).toContain(`王五,${WANG_ID},实验小学`);
    expect(sent.find((r) => r.files?.length)?.text).toBe('📋「小学数学1班」学时登记表（3 行，含身份证号）。请妥善保管，勿转发到群里。');
    expect(await db.prisma.auditLog.count({ where: { action: 'registration.export' } })).toBe(1);
  });

  it('when the tutor exports it the ID column is empty', async () => {
    const lines = csvOf(await say(['tutor-li', '李老师'], '导出登记表 csv', { group: 'g-math1' }));
    expect(lines[1]).toMatch(/^张三,,城关小学/);
    expect(lines.join('\n')).not.toContain(ZHANG_ID);
  });

  it('when the run is over no chat message carried an ID number, a teacher-certificate number or a full phone number', () => {
    const all = seen.map((r) => r.text).join('\n');
    expect(all).not.toMatch(/\d{17}[\dX]/);
    expect(all).not.toContain(ZHANG_CERT);
    expect(all).not.toMatch(/1[3-9]\d{9}/);
  });
});

describe('a custom registration mapping file', () => {
  it('when REGISTRATION_MAPPING names a mapping its titles, order, level names and date style are used, and its 教师资格证号 column is filled for the county contact only', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'yanxiu-mapping-'));
    const mapping = path.join(dir, 'mapping.json');
    writeFileSync(mapping, JSON.stringify({ columns: [{ title: '证件号码', field: 'idNumber' }, { title: '教师姓名', field: 'name' }, { title: '级别', field: 'level' }, { title: '培训时间', field: 'dates' }, { title: '教师资格证号', field: 'teacherCert' }], levels: { 县级: '县区级' }, dateStyle: 'dotted' }));
    const db = await openTestDatabase('pglite');
    const setup = threeTraineeSetup();
    setup.classes[0].startsOn = '2026-12-07';
    setup.classes[0].endsOn = '2026-12-11';
    const chat = await TestChat.start(db, { at: '2026-12-03T20:00:00+08:00', setup, dataDir: dir, config: { certificates: { fontPath: undefined, issuer: undefined, sealPath: undefined, registrationMapping: mapping } } });
    try {
      await bindClassOfThree(chat);
      await importRoster(chat.app, cli, parseRosterCsv(new TextEncoder().encode(ROSTER)).rows, []);
      const lines = csvOf(await chat.as('contact-wang', '王主任', { private: true }).says('导出登记表 小学数学1班 csv'));
      expect(lines.slice(0, 2)).toEqual(['证件号码,教师姓名,级别,培训时间,教师资格证号', `${ZHANG_ID},张三,县区级,2026.12.07至2026.12.11,${ZHANG_CERT}`]);
      const tutors = csvOf(await chat.as('tutor-li', '李老师', { group: 'g-math1' }).says('导出登记表 csv'));
      expect(tutors[1]).toBe(',张三,县区级,2026.12.07至2026.12.11,');
      writeFileSync(mapping, '{ "columns": [] }');
      const refused = await chat.as('contact-wang', '王主任', { private: true }).says('导出登记表 小学数学1班 csv');
      expect(refused.map((r) => r.text)).toEqual(['抱歉，登记表的列设置文件有误，暂时无法导出。已记下原因，请联系管理员检查。']);
    } finally {
      await chat.close();
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});

describe('ID and teacher-certificate numbers without a key', () => {
  it('when there is no SECRET_KEY and DATA_DIR cannot hold secret.key the roster with those columns is refused with the reason, and nothing is stored', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'yanxiu-nokey-'));
    const blocked = path.join(dir, 'not-a-directory');
    writeFileSync(blocked, '');
    const db = await openTestDatabase('pglite');
    const chat = await TestChat.start(db, { at: '2026-12-03T20:00:00+08:00', setup: threeTraineeSetup(), dataDir: path.join(blocked, 'data') });
    try {
      const good = ROSTER.split('\n').filter((line) => !line.includes(BAD_ID)).join('\n');
      const result = await importRoster(chat.app, cli, parseRosterCsv(new TextEncoder().encode(good)).rows, []);
      expect(result.ok).toBe(false);
      expect(result.errors.map((e) => e.message)).toEqual(['第 2 行起：身份证号、教师资格证号须加密保存，但服务器没有可用的密钥（SECRET_KEY 或 DATA_DIR 下的 secret.key），所以整份名单都没有导入。请联系管理员设置密钥，或去掉这两列后再导入']);
      expect(await db.prisma.person.count({ where: { OR: [{ idNumberSealed: { not: null } }, { teacherCertSealed: { not: null } }] } })).toBe(0);
    } finally {
      await chat.close();
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
