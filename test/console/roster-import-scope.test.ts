import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Bot } from '../../src/bot/create-bot.ts';
import { startSession } from '../../src/features/access/console-accounts.ts';
import { exampleSetup } from '../support/chat.ts';
import { csrfIn, startConsole } from '../support/console.ts';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../support/databases.ts';

// A roster import never rewrites a person the importer does not answer for. 谯城区 (county A) has
// class A 小学数学1班 (tutor 李老师; 张三 … 孙八) and class B 小学语文1班 (tutor 赵老师); 利辛县
// (county B) has 利辛数学班 (tutor 孙老师). Every upload goes through the real console routes.

const HEADER = '姓名,手机号,学校,班级,县区,学科';
const ZHANG_SAN = '13800001111';
const LI_SI = '13800002222';
const WANG_WU = '13800003333';
const ZHAO_LIU = '13800004444';
const TUTOR_LI = '13900000001';

describe.each(databaseKinds())('roster import scope on %s', (kind) => {
  let db: TestDatabase;
  let bot: Bot;
  let web: FastifyInstance;
  let restore: () => Promise<void>;
  const cookies: Record<string, string> = {};

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    const setup = exampleSetup();
    setup.projects.push({ name: '2026年谯城区小学语文教师培训', level: 'COUNTY', year: 2026 });
    setup.classes.push({ name: '小学语文1班', project: '2026年谯城区小学语文教师培训' });
    setup.people.push({ name: '赵老师', phone: '13900000031', school: '实验小学', roles: [{ role: 'TUTOR', class: '小学语文1班' }] });
    ({ bot, web } = await startConsole(db, { at: '2026-11-23T08:00:00+08:00', setup }));
    const city = await db.prisma.region.findFirstOrThrow({ where: { level: 'CITY' } });
    const countyB = await db.prisma.region.create({ data: { name: '利辛县', level: 'COUNTY', parentId: city.id } });
    await db.prisma.school.create({ data: { name: '利辛县实验小学', regionId: countyB.id } });
    const project = await db.prisma.project.create({ data: { name: '2026年利辛县小学数学培训', level: 'COUNTY', year: 2026, regionId: countyB.id } });
    const classC = await db.prisma.trainingClass.create({ data: { name: '利辛数学班', projectId: project.id } });
    const sun = await db.prisma.person.create({ data: { name: '孙老师', phone: '13900000041', phoneLast4: '0041' } });
    await db.prisma.roleGrant.create({ data: { personId: sun.id, role: 'TUTOR', classId: classC.id } });
    const liu = await db.prisma.person.create({ data: { name: '刘主任', phone: '13900000042', phoneLast4: '0042' } });
    await db.prisma.roleGrant.create({ data: { personId: liu.id, role: 'COUNTY_CONTACT', regionId: countyB.id } });
    for (const name of ['李老师', '赵老师', '孙老师', '王主任', '刘主任']) {
      const person = await db.prisma.person.findFirstOrThrow({ where: { name } });
      cookies[name] = `yanxiu_session=${await startSession(bot.app, person.id)}`;
    }
    cookies['管理员'] = `yanxiu_session=${await startSession(bot.app, null)}`;
    // Each test starts from this state: people, enrolments and the audit log as set up.
    const people = await db.prisma.person.findMany();
    const enrolments = await db.prisma.enrolment.count();
    restore = async () => {
      for (const p of people) await db.prisma.person.update({ where: { id: p.id }, data: { name: p.name, schoolId: p.schoolId, subject: p.subject, stage: p.stage } });
      const added = await db.prisma.enrolment.findMany({ orderBy: { id: 'asc' }, skip: enrolments });
      await db.prisma.enrolment.deleteMany({ where: { id: { in: added.map((e) => e.id) } } });
      await db.prisma.person.deleteMany({ where: { id: { notIn: people.map((p) => p.id) } } });
      await db.prisma.auditLog.deleteMany({ where: { action: { in: ['person.update', 'roster.import'] } } });
      await db.prisma.detailCorrection.deleteMany();
    };
  }, 60_000);
  beforeEach(async () => restore());
  afterAll(async () => {
    await web?.close();
    await bot?.stop();
    await db?.close();
  });

  /** Uploads a CSV as `who` through the preview route, the way the browser form does. */
  const preview = async (who: string, lines: string[]) => {
    const form = await web.inject({ method: 'GET', url: '/console/roster', headers: { cookie: cookies[who]! } });
    const boundary = '----roster-test';
    const part = (headers: string, body: string) => `--${boundary}\r\n${headers}\r\n\r\n${body}\r\n`;
    const payload =
      part('Content-Disposition: form-data; name="_csrf"', csrfIn(form.body)) +
      part('Content-Disposition: form-data; name="file"; filename="名单.csv"\r\nContent-Type: text/csv', [HEADER, ...lines].join('\n')) +
      `--${boundary}--\r\n`;
    const response = await web.inject({ method: 'POST', url: '/console/roster/preview', headers: { cookie: cookies[who]!, 'content-type': `multipart/form-data; boundary=${boundary}` }, payload: Buffer.from(payload) });
    return { status: response.statusCode, body: response.body, token: /name="upload" value="([^"]+)"/.exec(response.body)?.[1] ?? null, csrf: csrfIn(response.body) };
  };
  /** Confirms a previewed upload, ticking `apply` (file lines) as an admin would. */
  const confirm = async (who: string, shown: { token: string | null; csrf: string }, apply: number[] = []) => {
    const body = new URLSearchParams({ _csrf: shown.csrf, upload: shown.token ?? '' });
    for (const line of apply) body.append('apply', String(line));
    return web.inject({ method: 'POST', url: '/console/roster/import', headers: { cookie: cookies[who]!, 'content-type': 'application/x-www-form-urlencoded' }, payload: body.toString() });
  };
  const person = (phone: string) => db.prisma.person.findUniqueOrThrow({ where: { phone }, include: { school: true, enrolments: { include: { class: true } } } });
  const updates = () => db.prisma.auditLog.findMany({ where: { action: 'person.update' }, orderBy: { id: 'asc' } });

  it("when the tutor of another county imports county A's trainee and class A's tutor under other names, both persons stay as they were and the page does not reveal them", async () => {
    const shown = await preview('孙老师', [`张老三,${ZHANG_SAN},利辛县实验小学,利辛数学班,利辛县,语文`, `李大师,${TUTOR_LI},利辛县实验小学,利辛数学班,利辛县,语文`]);
    if (shown.token) await confirm('孙老师', shown);
    const zhang = await person(ZHANG_SAN);
    const li = await person(TUTOR_LI);
    expect([zhang.name, zhang.school?.name, zhang.subject, zhang.enrolments.map((e) => e.class.name)]).toEqual(['张三', '城关小学', '数学', ['小学数学1班']]);
    expect([li.name, li.school?.name, li.enrolments.length]).toEqual(['李老师', '实验小学', 0]);
    expect(shown.status).toBe(422);
    expect(shown.body).toContain('第 2 行：手机号 138****1111 已登记为其他县区的教师，不能由您报名到「利辛数学班」');
    expect(shown.body).toContain('第 3 行：手机号 139****0001 已登记为其他县区的教师');
    expect(shown.body).not.toContain('城关小学');
    expect(shown.body).not.toContain(ZHANG_SAN);
    expect(await updates()).toEqual([]);
  });

  it("when the tutor of class B imports class A's trainee and class A's tutor under other names, only their enrolments are added and the preview says their records are kept", async () => {
    const shown = await preview('赵老师', [`张老三,${ZHANG_SAN},实验小学,小学语文1班,谯城区,语文`, `李大师,${TUTOR_LI},实验小学,小学语文1班,谯城区,`]);
    expect(shown.status).toBe(200);
    const differences = shown.body.slice(shown.body.indexOf('id="roster-differences"'));
    expect(differences).toContain('2 位教师的信息与已有记录不同');
    expect(differences).toMatch(/138\*\*\*\*1111<\/td><td><div>姓名：张三<\/div><div>学校：城关小学<\/div><div>学科：数学<\/div><\/td><td><div>姓名：张老三<\/div><div>学校：实验小学<\/div><div>学科：语文<\/div><\/td><td>保留原记录：此人不在您的管理范围/);
    expect(differences).toMatch(/139\*\*\*\*0001<\/td><td><div>姓名：李老师<\/div><\/td><td><div>姓名：李大师<\/div><\/td><td>保留原记录：此人担任辅导老师或联系人等角色/);
    expect(differences).not.toContain('type="checkbox"');
    const done = await confirm('赵老师', shown, [2, 3]);
    expect(done.statusCode).toBe(200);
    expect(done.body).toContain('2 位教师的信息与名单不同，保留了原记录。');
    const zhang = await person(ZHANG_SAN);
    const li = await person(TUTOR_LI);
    expect([zhang.name, zhang.school?.name, zhang.subject]).toEqual(['张三', '城关小学', '数学']);
    expect(zhang.enrolments.map((e) => e.class.name).sort()).toEqual(['小学数学1班', '小学语文1班']);
    expect([li.name, li.enrolments.map((e) => e.class.name)]).toEqual(['李老师', ['小学语文1班']]);
    expect(await updates()).toEqual([]);
  });

  it('when the tutor of class B uploads the same file twice, the enrolment the first upload made gives no right to change class A\'s trainee the second time', async () => {
    const file = [`张老三,${ZHANG_SAN},实验小学,小学语文1班,谯城区,语文`];
    for (const round of [1, 2]) {
      const shown = await preview('赵老师', file);
      expect(shown.status).toBe(200);
      expect(shown.body).toContain(round === 1 ? '保留原记录：此人不在您的管理范围' : '保留原记录：辅导老师导入只添加报名');
      expect(shown.body).not.toContain('按名单更新');
      expect((await confirm('赵老师', shown)).statusCode).toBe(200);
    }
    const zhang = await person(ZHANG_SAN);
    expect([zhang.name, zhang.school?.name, zhang.subject]).toEqual(['张三', '城关小学', '数学']);
    expect(zhang.enrolments.map((e) => e.class.name).sort()).toEqual(['小学数学1班', '小学语文1班']);
    expect(await updates()).toEqual([]);
  });

  it("when the tutor of class A imports their own trainee with corrected details, the record is kept and shown for a county contact, whose upload of the same file applies it, audited with the phone masked", async () => {
    const file = [`张三丰,${ZHANG_SAN},实验小学,小学数学1班,谯城区,数学`];
    const byTutor = await preview('李老师', file);
    expect(byTutor.body).toMatch(/<div>姓名：张三<\/div><div>学校：城关小学<\/div><\/td><td><div>姓名：张三丰<\/div><div>学校：实验小学<\/div><\/td><td>保留原记录：辅导老师导入只添加报名，不修改已有教师的信息。导入后这处不同会列给县区联系人或管理员核对更正</);
    expect((await confirm('李老师', byTutor)).body).toContain('1 位教师的信息与名单不同，保留了原记录。');
    expect((await person(ZHANG_SAN)).name).toBe('张三');
    expect(await updates()).toEqual([]);
    const byContact = await preview('王主任', file);
    expect(byContact.body).toMatch(/<div>姓名：张三丰<\/div><div>学校：实验小学<\/div><\/td><td>按名单更新</);
    expect((await confirm('王主任', byContact)).body).toContain('按名单更新了 1 位教师的信息。');
    const zhang = await person(ZHANG_SAN);
    expect([zhang.name, zhang.school?.name, zhang.subject]).toEqual(['张三丰', '实验小学', '数学']);
    const audits = await updates();
    expect(audits.map((a) => [a.entityId, a.data])).toEqual([[String(zhang.id), { via: 'roster.import', line: 2, phone: '138****1111', before: { name: '张三', school: '城关小学' }, after: { name: '张三丰', school: '实验小学' } }]]);
    expect(audits[0]!.actorPersonId).toBe((await db.prisma.person.findFirstOrThrow({ where: { name: '王主任' } })).id);
  });

  it('when an admin imports, every difference is shown with a box to tick, only the ticked rows change, and role holders never do', async () => {
    const shown = await preview('管理员', [
      `李思,${LI_SI},城关小学,小学数学1班,谯城区,数学`,
      `王武,${WANG_WU},实验小学,小学数学1班,谯城区,数学`,
      `李大师,${TUTOR_LI},实验小学,小学数学1班,谯城区,`,
      `赵六,${ZHAO_LIU},实验小学,利辛数学班,谯城区,数学`,
    ]);
    expect(shown.status).toBe(200);
    expect(shown.body).toContain('第 5 行的教师登记在其他县区；您是管理员，确认导入即为其报名。');
    expect(shown.body).toContain('name="apply" value="2" form="confirm-import-form"');
    expect(shown.body).toContain('name="apply" value="3" form="confirm-import-form"');
    expect(shown.body).not.toContain('name="apply" value="4"');
    const done = await confirm('管理员', shown, [2, 4]);
    expect(done.body).toContain('按名单更新了 1 位教师的信息。');
    expect(done.body).toContain('2 位教师的信息与名单不同，保留了原记录。');
    expect((await person(LI_SI)).name).toBe('李思');
    expect((await person(WANG_WU)).name).toBe('王五');
    expect((await person(TUTOR_LI)).name).toBe('李老师');
    expect((await person(ZHAO_LIU)).enrolments.map((e) => e.class.name).sort()).toEqual(['利辛数学班', '小学数学1班']);
    const audits = await updates();
    expect(audits.map((a) => [a.actor, a.data])).toEqual([['console:admin', { via: 'roster.import', line: 2, phone: '138****2222', before: { name: '李四' }, after: { name: '李思' } }]]);
  });

  it('when a file names a school not on record (a misspelling), the preview names every school the import would create', async () => {
    const shown = await preview('李老师', [`新人甲,13800009991,实验小校,小学数学1班,谯城区,数学`, `新人乙,13800009992,实验小学,小学数学1班,谯城区,数学`, `新人丙,13800009993,城关二小,小学数学1班,谯城区,数学`]);
    expect(shown.status).toBe(200);
    expect(shown.body).toContain('将新建 2 所学校（若是错别字，请改正文件后重新上传）：</p><p>谯城区 实验小校、谯城区 城关二小</p>');
  });
  const page = (who: string | null, url = '/console/corrections') => web.inject({ method: 'GET', url, headers: who ? { cookie: cookies[who]! } : {} });
  /** Presses a button of the corrections page as `who` (with the page's own token unless told otherwise). */
  const decide = async (who: string, id: number, action: 'apply' | 'dismiss', withToken = true) => {
    const csrf = withToken ? csrfIn((await page(who, '/console')).body) : '';
    return web.inject({ method: 'POST', url: `/console/corrections/${id}/${action}`, headers: { cookie: cookies[who]!, 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams({ _csrf: csrf }).toString() });
  };

  it("when the tutor of class A uploads corrected details for their trainee (twice), the difference is listed once for 谯城区's county contact and an admin, phone masked, and the contact's 按名单更正 applies it with one audit row", async () => {
    const file = [`张三丰,${ZHANG_SAN},实验小学,小学数学1班,谯城区,数学`];
    for (let round = 0; round < 2; round++) await confirm('李老师', await preview('李老师', file));
    expect((await person(ZHANG_SAN)).name).toBe('张三');
    const [waiting] = await db.prisma.detailCorrection.findMany();
    expect(await db.prisma.detailCorrection.count()).toBe(1);

    const home = await page('王主任', '/console');
    expect(home.body).toContain('href="/console/corrections"');
    expect(home.body).toMatch(/<strong id="corrections-waiting">1<\/strong> 条待处理/);
    for (const who of ['王主任', '管理员']) {
      const shown = await page(who);
      expect(shown.statusCode).toBe(200);
      const row = shown.body.slice(shown.body.indexOf('<tr data-correction'));
      expect(row).toMatch(/<td>张三<\/td><td>138\*\*\*\*1111<\/td><td><div>姓名：张三<\/div><div>学校：城关小学<\/div><\/td><td><div>姓名：张三丰<\/div><div>学校：实验小学<\/div><\/td><td>李老师（小学数学1班）/);
      expect(shown.body).not.toContain(ZHANG_SAN);
    }
    // Another county's contact sees nothing of 谯城区's teachers, and cannot apply by guessing the id.
    expect((await page('刘主任')).body).toContain('没有待处理的更正。');
    expect((await decide('刘主任', waiting!.id, 'apply')).headers.location).toBe('/console/corrections?error=gone');
    // The tutor who uploaded it, another tutor, and a visitor who is not signed in are refused.
    for (const who of ['李老师', '赵老师']) {
      const refused = await page(who);
      expect([refused.statusCode, refused.body.includes('只有县区联系人或管理员可以处理教师信息更正。')]).toEqual([403, true]);
      expect((await decide(who, waiting!.id, 'apply')).statusCode).toBe(403);
    }
    expect((await page(null)).statusCode).toBe(401);
    expect((await decide('王主任', waiting!.id, 'apply', false)).statusCode).toBe(403);
    expect((await person(ZHANG_SAN)).name).toBe('张三');
    expect(await updates()).toEqual([]);

    const applied = await decide('王主任', waiting!.id, 'apply');
    expect(applied.headers.location).toBe('/console/corrections?done=applied');
    const after = await page('王主任', applied.headers.location as string);
    expect(after.body).toContain('已按名单更正这位教师的信息。');
    expect(after.body).toContain('没有待处理的更正。');
    const zhang = await person(ZHANG_SAN);
    expect([zhang.name, zhang.school?.name, zhang.subject]).toEqual(['张三丰', '实验小学', '数学']);
    const audits = await updates();
    expect(audits.map((a) => [a.entityId, a.data])).toEqual([[String(zhang.id), { via: 'roster.correction', correction: waiting!.id, phone: '138****1111', before: { name: '张三', school: '城关小学' }, after: { name: '张三丰', school: '实验小学' } }]]);
    expect(audits[0]!.actorPersonId).toBe((await db.prisma.person.findFirstOrThrow({ where: { name: '王主任' } })).id);
    // Pressed again (a second tab): nothing more happens.
    expect((await decide('王主任', waiting!.id, 'apply')).headers.location).toBe('/console/corrections?error=gone');
    expect(await updates()).toHaveLength(1);
  });

  it("when another class's tutor uploads other details for class A's trainee, an admin sees the difference and 忽略 dismisses it: the record stays and nothing is audited", async () => {
    await confirm('赵老师', await preview('赵老师', [`张老三,${ZHANG_SAN},实验小学,小学语文1班,谯城区,语文`]));
    const shown = await page('管理员');
    expect(shown.body).toMatch(/<td><div>姓名：张老三<\/div><div>学校：实验小学<\/div><div>学科：语文<\/div><\/td><td>赵老师（小学语文1班）/);
    const [waiting] = await db.prisma.detailCorrection.findMany();
    const dismissed = await decide('管理员', waiting!.id, 'dismiss');
    expect((await page('管理员', dismissed.headers.location as string)).body).toContain('已忽略这条更正，记录不变。');
    const zhang = await person(ZHANG_SAN);
    expect([zhang.name, zhang.school?.name, zhang.subject]).toEqual(['张三', '城关小学', '数学']);
    expect(await updates()).toEqual([]);
    expect((await page('王主任')).body).toContain('没有待处理的更正。');
  });
});
