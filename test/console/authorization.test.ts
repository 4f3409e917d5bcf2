import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlaygroundOutbox } from '../../src/adapters/playground/playground-outbox.ts';
import type { Bot } from '../../src/bot/create-bot.ts';
import { startSession } from '../../src/features/access/console-accounts.ts';
import { exampleSetup } from '../support/chat.ts';
import { csrfIn, sessionCookie, startConsole } from '../support/console.ts';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../support/databases.ts';

// Who may see and change what in the web console: class A (小学数学1班, tutor 李老师) and class B
// (小学语文1班, tutor 赵老师); 陈校长 is the contact of 城关小学 (张三 and 李四 of class A). Every
// request goes through the real server (Fastify's inject) and the real database.

const qrDir = mkdtempSync(path.join(tmpdir(), 'yanxiu-qr-'));
const qrFile = path.join(qrDir, 'wechat-login.png');
afterAll(() => rmSync(qrDir, { recursive: true, force: true }));

describe.each(databaseKinds())('console authorization on %s', (kind) => {
  let db: TestDatabase;
  let bot: Bot;
  let web: FastifyInstance;
  let metricsServer: FastifyInstance;
  let chatOutbox: PlaygroundOutbox;
  const ids: Record<string, number> = {};
  const cookies: Record<string, string> = {};

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    const setup = exampleSetup();
    setup.projects.push({ name: '2026年谯城区小学语文教师培训', level: 'COUNTY', year: 2026 });
    setup.classes.push({ name: '小学语文1班', project: '2026年谯城区小学语文教师培训' });
    setup.people.push({ name: '赵老师', phone: '13900000031', school: '实验小学', roles: [{ role: 'TUTOR', class: '小学语文1班' }], accounts: [{ platform: 'playground', userId: 'tutor-zhao' }] });
    setup.people.push({ name: '陈校长', phone: '13900000032', school: '城关小学', roles: [{ role: 'SCHOOL_CONTACT' }], accounts: [{ platform: 'playground', userId: 'contact-cg' }] });
    ({ bot, web, metrics: metricsServer, chatOutbox } = await startConsole(db, { at: '2026-11-23T08:00:00+08:00', setup, wechatQrFile: qrFile }));
    for (const c of await db.prisma.trainingClass.findMany()) ids[c.name] = c.id;
    for (const name of ['李老师', '赵老师', '陈校长', '王主任']) {
      const person = await db.prisma.person.findFirstOrThrow({ where: { name } });
      cookies[name] = `yanxiu_session=${await startSession(bot.app, person.id)}`;
    }
  }, 60_000);
  afterAll(async () => {
    await web?.close();
    await bot?.stop();
    await db?.close();
  });

  const get = (url: string, who?: string) => web.inject({ method: 'GET', url, headers: who ? { cookie: cookies[who]! } : {} });
  const classA = () => `/console/classes/${ids['小学数学1班']}`;
  const classB = () => `/console/classes/${ids['小学语文1班']}`;
  const sessionForm = (csrf: string) => ({ _csrf: csrf, title: '测试课次', date: '2026-11-24', start: '08:30', end: '11:30', hours: '3' });

  it('when nobody is signed in every console page and action answers 401 and changes nothing', async () => {
    for (const url of ['/console', classA(), `${classA()}/export?format=xlsx`, '/console/overview', '/console/roster']) {
      expect((await get(url)).statusCode, url).toBe(401);
    }
    const post = await web.inject({ method: 'POST', url: `${classA()}/sessions`, payload: sessionForm('x') });
    expect(post.statusCode).toBe(401);
    expect(await db.prisma.trainingSession.count()).toBe(0);
  });

  it('when the tutor of class A opens class B, or posts a session to it, the class does not exist for them', async () => {
    expect((await get(classA(), '李老师')).statusCode).toBe(200);
    const home = await get('/console', '李老师');
    expect(home.body).toContain('小学数学1班');
    expect(home.body).not.toContain('小学语文1班');
    for (const url of [classB(), `${classB()}/export?format=xlsx`, `${classB()}/live`]) expect((await get(url, '李老师')).statusCode, url).toBe(404);
    const csrf = csrfIn((await get(classA(), '李老师')).body);
    const post = await web.inject({ method: 'POST', url: `${classB()}/sessions`, headers: { cookie: cookies['李老师']! }, payload: sessionForm(csrf) });
    expect(post.statusCode).toBe(404);
    expect(await db.prisma.trainingSession.count({ where: { classId: ids['小学语文1班'] } })).toBe(0);
  });

  it("when the contact of 城关小学 opens class A they see only their school's teachers, in the page and in the export, and cannot create sessions", async () => {
    const page = await get(classA(), '陈校长');
    expect(page.statusCode).toBe(200);
    expect(await get(classB(), '陈校长').then((r) => r.statusCode)).toBe(404);
    const csv = await get(`${classA()}/export?format=csv&sheet=1`, '陈校长');
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-disposition']).toMatch(/attachment/);
    expect(csv.body).toContain('张三');
    expect(csv.body).toContain('李四');
    expect(csv.body).not.toContain('王五');
    expect(csv.body).not.toContain('钱七');
    const post = await web.inject({ method: 'POST', url: `${classA()}/sessions`, headers: { cookie: cookies['陈校长']! }, payload: sessionForm(csrfIn(page.body)) });
    expect(post.statusCode).toBe(403);
    expect(await db.prisma.trainingSession.count()).toBe(0);
  });

  it("when the contact of 城关小学 opens the overview and its export they cover their school only; the county contact's cover the county", async () => {
    const own = await get('/console/overview', '陈校长');
    expect(own.statusCode).toBe(200);
    expect(own.body).toContain('1 所学校');
    const ownCsv = (await get('/console/overview/export?format=csv&sheet=3', '陈校长')).body;
    expect(ownCsv).toContain('张三');
    expect(ownCsv).not.toContain('王五');
    const county = await get('/console/overview', '王主任');
    expect(county.body).toContain('各校学时达标率');
    expect(county.body).toMatch(/<svg[^>]+role="img"/);
    const countyCsv = (await get('/console/overview/export?format=csv&sheet=3', '王主任')).body;
    for (const name of ['张三', '王五', '钱七']) expect(countyCsv).toContain(name);
  });

  it('when a form is posted from another site, or without the page token, it is refused and nothing is created', async () => {
    const csrf = csrfIn((await get(classA(), '李老师')).body);
    const crossSite = await web.inject({ method: 'POST', url: `${classA()}/sessions`, headers: { cookie: cookies['李老师']!, origin: 'https://evil.example' }, payload: sessionForm(csrf) });
    expect(crossSite.statusCode).toBe(403);
    const noToken = await web.inject({ method: 'POST', url: `${classA()}/sessions`, headers: { cookie: cookies['李老师']! }, payload: { ...sessionForm(''), _csrf: undefined } });
    expect(noToken.statusCode).toBe(403);
    expect(await db.prisma.trainingSession.count()).toBe(0);
    const sameSite = await web.inject({ method: 'POST', url: `${classA()}/sessions`, headers: { cookie: cookies['李老师']!, origin: 'http://console.test:8080', host: 'console.test:8080' }, payload: sessionForm(csrf) });
    expect(sameSite.statusCode).toBe(303);
    expect(await db.prisma.trainingSession.count({ where: { classId: ids['小学数学1班'] } })).toBe(1);
    expect(await db.prisma.auditLog.count({ where: { action: 'session.create', actor: { startsWith: 'console:' } } })).toBe(1);
  });

  it('when 李老师 asks the bot for 登录 the code arrives privately and signs him in once; wrong codes lock it', async () => {
    const li = await db.prisma.person.findFirstOrThrow({ where: { name: '李老师' } });
    await bot.handler.handle({ chat: { platform: 'playground', id: 'tutor-li', kind: 'private' }, sender: { id: 'tutor-li', name: '李老师' }, text: '登录', mentions: [], addressedToBot: true, attachments: [], messageId: 'login-1', sentAt: new Date('2026-11-23T00:00:00Z') });
    const sent = chatOutbox.sent.find((r) => r.text.includes('登录码'));
    expect(sent?.chat).toBe('tutor-li');
    const code = /登录码：(\d{6})/.exec(sent!.text)![1]!;
    const signIn = (c: string) => web.inject({ method: 'POST', url: '/console/login/code', payload: { phone: li.phone!, code: c } });
    const first = await signIn(code);
    expect(first.statusCode).toBe(303);
    expect((await web.inject({ method: 'GET', url: '/console', headers: { cookie: sessionCookie(first) } })).body).toContain('小学数学1班');
    expect((await signIn(code)).statusCode).toBe(401);

    await bot.handler.handle({ chat: { platform: 'playground', id: 'tutor-li', kind: 'private' }, sender: { id: 'tutor-li', name: '李老师' }, text: '登录', mentions: [], addressedToBot: true, attachments: [], messageId: 'login-2', sentAt: new Date('2026-11-23T00:00:01Z') });
    const second = /登录码：(\d{6})/.exec(chatOutbox.sent.filter((r) => r.text.includes('登录码')).at(-1)!.text)![1]!;
    const wrong = second === '000000' ? '111111' : '000000';
    for (let i = 0; i < 5; i++) expect((await signIn(wrong)).statusCode).toBe(401);
    expect((await signIn(second)).statusCode).toBe(401);
  });

  it('when WeChat waits for a scan the administrator sees the QR code and nobody else does', async () => {
    const admin = sessionCookie(await web.inject({ method: 'POST', url: '/console/login/password', payload: { password: 'correct-horse-battery-staple' } }));
    const asAdmin = (url: string) => web.inject({ method: 'GET', url, headers: { cookie: admin } });
    rmSync(qrFile, { force: true });
    expect((await asAdmin('/console/wechat')).body).toContain('没有等待扫描的二维码');
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
    writeFileSync(qrFile, png);
    expect((await asAdmin('/console/wechat')).body).toContain('/console/wechat/qr.png');
    const image = await asAdmin('/console/wechat/qr.png');
    expect(image.headers['content-type']).toBe('image/png');
    expect(image.rawPayload.equals(png)).toBe(true);
    expect((await get('/console/wechat/qr.png', '李老师')).statusCode).toBe(403);
    expect((await get('/console/wechat/qr.png')).statusCode).toBe(401);
  });

  it('when messages come and go the metrics count them per platform', async () => {
    const metrics = (await metricsServer.inject({ method: 'GET', url: '/metrics' })).body;
    expect(metrics).toMatch(/yanxiu_messages_in_total\{platform="playground"\} [1-9]/);
    expect(metrics).toMatch(/yanxiu_messages_out_total\{platform="playground"\} [1-9]/);
    expect(metrics).toContain('# TYPE yanxiu_deliveries gauge');
  });

  it('when the administrator password is wrong there is no session; when right, every class is visible', async () => {
    const wrong = await web.inject({ method: 'POST', url: '/console/login/password', payload: { password: 'guess' } });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.cookies.find((c) => c.name === 'yanxiu_session')).toBeUndefined();
    const right = await web.inject({ method: 'POST', url: '/console/login/password', payload: { password: 'correct-horse-battery-staple' } });
    const home = await web.inject({ method: 'GET', url: '/console', headers: { cookie: sessionCookie(right) } });
    expect(home.body).toContain('小学数学1班');
    expect(home.body).toContain('小学语文1班');
  });

  it('when someone keeps guessing the administrator password they are stopped, the right password included', async () => {
    const attempt = (password: string) => web.inject({ method: 'POST', url: '/console/login/password', payload: { password } });
    let status = 0;
    for (let i = 0; i < 6 && status !== 429; i++) status = (await attempt(`guess-${i}`)).statusCode;
    expect(status).toBe(429);
    const right = await attempt('correct-horse-battery-staple');
    expect(right.statusCode).toBe(429);
    expect(right.headers['retry-after']).toMatch(/^\d+$/);
    expect(right.cookies.find((c) => c.name === 'yanxiu_session')).toBeUndefined();
  });
});
