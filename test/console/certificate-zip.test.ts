import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Bot } from '../../src/bot/create-bot.ts';
import { readZipDirectory, entryWholeText } from '../../src/core/roster/zip-reader.ts';
import { startSession } from '../../src/features/access/console-accounts.ts';
import { exampleSetup } from '../support/chat.ts';
import { ADMIN_PASSWORD, csrfIn, sessionCookie, startConsole } from '../support/console.ts';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../support/databases.ts';

// 小学数学1班 (tutor 李老师, county contact 王主任) has six trainees; its completion is recorded with
// 张三 completing. From the class page the tutor downloads every certificate as one zip; 赵老师 (tutor
// of another class), 陈校长 (contact of 城关小学) and a stranger cannot. The page's 结业 column shows
// each trainee's standing as 「结业情况」 does.

describe('the class page: the 结业 column and all certificates as one zip', () => {
  let db: TestDatabase;
  let bot: Bot;
  let web: FastifyInstance;
  let dataDir: string;
  let classA = '';
  const cookies: Record<string, string> = {};

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'yanxiu-zip-'));
    db = await openTestDatabase(databaseKinds().at(-1)!);
    const setup = exampleSetup();
    setup.projects.push({ name: '2026年谯城区小学语文教师培训', level: 'COUNTY', year: 2026 });
    setup.classes.push({ name: '小学语文1班', project: '2026年谯城区小学语文教师培训' });
    setup.people.push({ name: '赵老师', phone: '13900000031', school: '实验小学', roles: [{ role: 'TUTOR', class: '小学语文1班' }] });
    setup.people.push({ name: '陈校长', phone: '13900000032', school: '城关小学', roles: [{ role: 'SCHOOL_CONTACT' }] });
    ({ bot, web } = await startConsole(db, { at: '2026-11-23T20:00:00+08:00', setup, env: { DATA_DIR: dataDir } }));
    const cls = await db.prisma.trainingClass.findFirstOrThrow({ where: { name: '小学数学1班' } });
    classA = `/console/classes/${cls.id}`;
    // Two closed sessions: 张三 attended both, 李四 missed both (with two sessions the default 80 % allows no absence).
    const zhang = await db.prisma.person.findFirstOrThrow({ where: { name: '张三' } });
    const li4 = await db.prisma.person.findFirstOrThrow({ where: { name: '李四' } });
    for (const day of ['2026-11-20', '2026-11-21']) {
      const at = new Date(`${day}T08:30:00+08:00`);
      const s = await db.prisma.trainingSession.create({ data: { classId: cls.id, title: '集中研修', startsAt: at, endsAt: new Date(at.getTime() + 3 * 3600_000), checkinOpensAt: at, checkinClosesAt: at, lateAfter: at, hours: 3, status: 'CLOSED', closedAt: at } });
      await db.prisma.checkIn.create({ data: { sessionId: s.id, personId: zhang.id, status: 'PRESENT', checkedInAt: at } });
      await db.prisma.checkIn.create({ data: { sessionId: s.id, personId: li4.id, status: 'ABSENT' } });
    }
    await db.prisma.classCompletion.create({ data: { classId: cls.id, personId: zhang.id, completed: true, reasons: [], decidedAt: new Date() } });
    cookies['管理员'] = sessionCookie(await web.inject({ method: 'POST', url: '/console/login/password', payload: { password: ADMIN_PASSWORD } }));
    for (const name of ['李老师', '王主任', '赵老师', '陈校长']) cookies[name] = `yanxiu_session=${await startSession(bot.app, (await db.prisma.person.findFirstOrThrow({ where: { name } })).id)}`;
  }, 120_000);
  afterAll(async () => {
    await web?.close();
    await bot?.stop();
    await db?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const page = (who: string) => web.inject({ method: 'GET', url: classA, headers: { cookie: cookies[who]! } });
  const download = async (who: string, csrf?: string) =>
    web.inject({ method: 'POST', url: `${classA}/certificates`, headers: { cookie: cookies[who]!, 'content-type': 'application/x-www-form-urlencoded' }, payload: `_csrf=${csrf ?? csrfIn((await page(who)).body)}` });
  const standing = (body: string, name: string) => new RegExp(`<td>${name}</td><td>[^<]*</td><td>([^<]*)</td>`).exec(body)?.[1];

  it('when the tutor opens the class page each trainee has a 结业 standing with the reason, and the download button is there', async () => {
    const body = (await page('李老师')).body;
    expect(standing(body, '张三')).toBe('✅ 符合结业条件');
    expect(standing(body, '李四')).toBe('❌ 不能结业：缺勤 2 次，超过允许的 0 次');
    expect(body).toContain('id="certificates-zip"');
  });

  it('when the school contact opens it they see only their own teachers’ standing and no download button', async () => {
    const body = (await page('陈校长')).body;
    expect(standing(body, '张三')).toBe('✅ 符合结业条件');
    expect(standing(body, '王五')).toBeUndefined();
    expect(body).not.toContain('id="certificates-zip"');
  });

  it('when the tutor downloads the certificates the zip holds a 学时证明 for every trainee and a 结业证书 for 张三 only, each a PDF whose serial is on record, and the download is audited', { timeout: 120_000 }, async () => {
    const response = await download('李老师');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/zip');
    expect(decodeURIComponent(String(response.headers['content-disposition']))).toContain('小学数学1班-证书.zip');
    const bytes = new Uint8Array(response.rawPayload);
    const entries = readZipDirectory(bytes);
    const names = [...entries.keys()].map((n) => n.replace(/-YX-[0-9A-Z-]{19}\.pdf$/, '')).sort();
    expect(names).toEqual(['学时证明/孙八', '学时证明/张三', '学时证明/李四', '学时证明/王五', '学时证明/赵六', '学时证明/钱七', '结业证书/张三'].sort());
    for (const [name, entry] of entries) {
      expect((await entryWholeText(bytes, entry)).startsWith('%PDF-'), name).toBe(true);
      const serial = /(YX-[0-9A-Z-]{19})\.pdf$/.exec(name)![1]!;
      expect((await db.prisma.certificate.findUniqueOrThrow({ where: { serial } })).kind).toBe(name.startsWith('结业证书') ? 'COMPLETION' : 'HOURS');
    }
    expect(await db.prisma.auditLog.count({ where: { action: 'certificate.bulkDownload' } })).toBe(1);
  });

  it('when the county contact and then the administrator download them again the same serials come back (nothing changed), and each download is audited', { timeout: 180_000 }, async () => {
    const before = await db.prisma.certificate.count();
    for (const who of ['王主任', '管理员']) {
      const response = await download(who);
      expect(response.statusCode, who).toBe(200);
      expect(readZipDirectory(new Uint8Array(response.rawPayload)).size).toBe(7);
    }
    expect(await db.prisma.certificate.count()).toBe(before);
    expect(await db.prisma.auditLog.count({ where: { action: 'certificate.bulkDownload' } })).toBe(3);
  });

  it('when others try — a stranger, the tutor of another class, the school contact, the tutor without the page’s token — they are refused and nothing is issued or audited', async () => {
    const issued = await db.prisma.certificate.count();
    expect((await web.inject({ method: 'POST', url: `${classA}/certificates`, payload: '' })).statusCode).toBe(401);
    expect((await download('赵老师', 'x')).statusCode).toBe(403); // a wrong token is refused before the class is looked up
    const other = await web.inject({ method: 'POST', url: `${classA}/certificates`, headers: { cookie: cookies['赵老师']!, 'x-csrf-token': csrfIn((await web.inject({ method: 'GET', url: '/console', headers: { cookie: cookies['赵老师']! } })).body) } });
    expect(other.statusCode).toBe(404);
    const school = await download('陈校长');
    expect(school.statusCode).toBe(403);
    expect(school.body).toBe('只有本班的辅导老师、县级负责人和管理员可以下载全班证书。');
    const forged = await download('李老师', 'forged');
    expect(forged.statusCode).toBe(403);
    expect(forged.body).toBe('页面已过期，请刷新后重试。');
    expect(await db.prisma.certificate.count()).toBe(issued);
    expect(await db.prisma.auditLog.count({ where: { action: 'certificate.bulkDownload' } })).toBe(3);
  });
});
