import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app/app.ts';
import { toCsv, writeExport } from '../../src/features/reports/exports.ts';
import type { Bot } from '../../src/bot/create-bot.ts';
import { ConfigError, parseConfig } from '../../src/config.ts';
import { issueLoginCode, redeemCode, startSession } from '../../src/features/access/console-accounts.ts';
import type { ManualClock } from '../../src/core/ports.ts';
import { exampleSetup } from '../support/chat.ts';
import { csrfIn, sessionCookie, startConsole } from '../support/console.ts';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../support/databases.ts';

// The console's "medium and low" findings of issue 13, each as a visitor or an attacker would meet
// it: on the real server (Fastify inject, and a real port for event streams) and the real database.
// The server trusts one proxy (HTTP_TRUST_PROXY=on), caps streams at 2 per session and 4 in all, and
// re-checks a stream's session every 200 ms.

const TOKEN = 'scrape-token-for-prometheus-0123';

describe('console hardening', () => {
  let db: TestDatabase;
  let bot: Bot;
  let web: FastifyInstance;
  let metrics: FastifyInstance;
  let clock: ManualClock;
  let base: string;
  let classA: string;
  let adminCookie: string;
  // Each test signs in from an address of its own, so the sign-in limits of one do not stop another.
  let nextClient = 0;
  const client = () => ({ 'x-forwarded-for': `198.51.100.${++nextClient}` });

  beforeAll(async () => {
    db = await openTestDatabase(databaseKinds().at(-1)!);
    ({ bot, web, metrics, clock } = await startConsole(db, {
      at: '2026-11-23T08:00:00+08:00',
      setup: exampleSetup(),
      env: { HTTP_TRUST_PROXY: 'on', METRICS_TOKEN: TOKEN },
      streams: { perKey: 2, total: 4 },
      streamRecheckMs: 200,
    }));
    base = await web.listen({ host: '127.0.0.1', port: 0 });
    classA = `/console/classes/${(await db.prisma.trainingClass.findFirstOrThrow({ where: { name: '小学数学1班' } })).id}`;
    adminCookie = `yanxiu_session=${await startSession(bot.app, null)}`;
  }, 60_000);
  afterAll(async () => {
    await web?.close();
    await bot?.stop();
    await db?.close();
  });

  const personId = async (name: string) => (await db.prisma.person.findFirstOrThrow({ where: { name } })).id;
  const cookieOf = async (name: string) => `yanxiu_session=${await startSession(bot.app, await personId(name))}`;
  const get = (url: string, cookie?: string) => web.inject({ method: 'GET', url, headers: cookie ? { cookie } : {} });
  const csrfOf = async (cookie: string) => csrfIn((await get('/console', cookie)).body);
  const sessionForm = (title: string, date: string) => ({ title, date, start: '08:30', end: '11:30', hours: '3' });

  it('when a client rotates the X-Forwarded-For entries it writes itself, the sign-in limit still stops it', async () => {
    const attempt = (forwarded: string, remoteAddress?: string) =>
      web.inject({ method: 'POST', url: '/console/login/code', remoteAddress, headers: { 'x-forwarded-for': forwarded }, payload: { phone: '13900000001', code: '000000' } });
    const statuses = [];
    for (let i = 0; i < 12; i++) statuses.push((await attempt(`10.${i}.0.1, 203.0.113.7`)).statusCode);
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
    // Another client behind the same proxy still gets in.
    expect((await attempt('10.0.0.1, 203.0.113.8')).statusCode).toBe(401);
    // A client that reaches the port directly cannot pick its address with the header at all.
    const direct = [];
    for (let i = 0; i < 12; i++) direct.push((await attempt(`203.0.113.${100 + i}`, '192.0.2.50')).statusCode);
    expect(direct.at(-1)).toBe(429);
  });

  it('when a teacher or school name starts like a formula, every CSV export writes it as text', async () => {
    expect(toCsv({ name: 'x', columns: ['单元格'], rows: [['=1+1'], ['+86 139'], ['-2+3'], ['@SUM(A1)'], ['\t=1'], ['\r=1'], [-5], ['张三']] })).toBe(
      `\uFEFF单元格\r\n'=1+1\r\n'+86 139\r\n'-2+3\r\n'@SUM(A1)\r\n'\t=1\r\n"'\r=1"\r\n-5\r\n张三\r\n`,
    );
    const zhang = await personId('张三');
    await db.prisma.person.update({ where: { id: zhang }, data: { name: '=HYPERLINK("http://evil.example","点我")' } });
    try {
      const download = await get(`${classA}/export?format=csv&sheet=3`, await cookieOf('李老师'));
      expect(download.statusCode).toBe(200);
      expect(download.body).toContain(`"'=HYPERLINK(""http://evil.example"",""点我"")"`);
      expect(download.body).not.toMatch(/(^|,)"?[=+@-]/m);
      // 导出 in chat writes its CSV files with the same builder.
      const dir = await mkdtemp(path.join(tmpdir(), 'yanxiu-csv-'));
      try {
        const classId = Number(classA.split('/').at(-1));
        const files = await writeExport(bot.app, { classIds: [classId], title: '小学数学1班' }, 'csv', undefined, dir);
        const totals = await readFile(files.find((f) => f.endsWith('学时汇总.csv'))!, 'utf8');
        expect(totals).toContain(`"'=HYPERLINK(`);
        expect(totals).not.toMatch(/(^|,)"?[=+@-]/m);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    } finally {
      await db.prisma.person.update({ where: { id: zhang }, data: { name: '张三' } });
    }
  });

  it('when a form comes as multipart without the page token it is refused like any other post; with the token header it works', async () => {
    const li = await cookieOf('李老师');
    const csrf = await csrfOf(li);
    expect((await web.inject({ method: 'POST', url: `${classA}/sessions`, headers: { cookie: li }, payload: { _csrf: csrf, ...sessionForm('多部分测试课', '2026-11-26') } })).statusCode).toBe(303);
    const session = await db.prisma.trainingSession.findFirstOrThrow({ where: { title: '多部分测试课' } });
    const multipart = (fields: Record<string, string>) => {
      const boundary = '----yanxiu-test-boundary';
      const parts = Object.entries(fields).map(([name, value]) => `--${boundary}\r\ncontent-disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`);
      return { payload: `${parts.join('')}--${boundary}--\r\n`, type: `multipart/form-data; boundary=${boundary}` };
    };
    const post = (url: string, cookie: string, fields: Record<string, string>, headers: Record<string, string> = {}) => {
      const body = multipart(fields);
      return web.inject({ method: 'POST', url, headers: { cookie, 'content-type': body.type, ...headers }, payload: body.payload });
    };

    expect((await post(`${classA}/sessions/${session.id}/cancel`, li, { reason: '伪造' })).statusCode).toBe(403);
    expect((await db.prisma.trainingSession.findUniqueOrThrow({ where: { id: session.id } })).status).toBe('SCHEDULED');
    const other = await cookieOf('李老师');
    expect((await post('/console/logout', other, {})).statusCode).toBe(403);
    expect((await get('/console', other)).statusCode).toBe(200);
    const boundary = '----yanxiu-file-boundary';
    const upload = `--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="名单.csv"\r\ncontent-type: text/csv\r\n\r\n姓名,手机号,学校,班级\r\n--${boundary}--\r\n`;
    const roster = await web.inject({ method: 'POST', url: '/console/roster/preview', headers: { cookie: li, 'content-type': `multipart/form-data; boundary=${boundary}` }, payload: upload });
    expect(roster.statusCode).toBe(403);

    expect((await post(`${classA}/sessions/${session.id}/cancel`, li, { reason: '天气', confirm: 'yes' }, { 'x-csrf-token': csrf })).statusCode).toBe(303);
    expect((await db.prisma.trainingSession.findUniqueOrThrow({ where: { id: session.id } })).status).toBe('CANCELLED');
  });

  it('when a cancel is posted without a reason or without the confirmation, urlencoded or multipart, nothing is cancelled and the page says why in Chinese', async () => {
    const li = await cookieOf('李老师');
    const csrf = await csrfOf(li);
    await web.inject({ method: 'POST', url: `${classA}/sessions`, headers: { cookie: li }, payload: { _csrf: csrf, ...sessionForm('确认测试课', '2026-11-27') } });
    const session = await db.prisma.trainingSession.findFirstOrThrow({ where: { title: '确认测试课' } });
    const url = `${classA}/sessions/${session.id}/cancel`;
    const urlencoded = (fields: Record<string, string>) => web.inject({ method: 'POST', url, headers: { cookie: li }, payload: { _csrf: csrf, ...fields } });
    const multipart = (fields: Record<string, string>) => {
      const boundary = '----yanxiu-cancel-boundary';
      const parts = Object.entries(fields).map(([name, value]) => `--${boundary}\r\ncontent-disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`);
      return web.inject({ method: 'POST', url, headers: { cookie: li, 'x-csrf-token': csrf, 'content-type': `multipart/form-data; boundary=${boundary}` }, payload: `${parts.join('')}--${boundary}--\r\n` });
    };
    const said = async (location: string | undefined) => (await get(location!, li)).body;
    for (const send of [urlencoded, multipart]) {
      for (const [fields, message] of [
        [{}, '请填写取消原因（会发到班级群），再按「确认取消并通知班级群」。课次没有取消。'],
        [{ reason: '   ', confirm: 'yes' }, '请填写取消原因（会发到班级群），再按「确认取消并通知班级群」。课次没有取消。'],
        [{ reason: '专家临时有事' }, '请按「确认取消并通知班级群」确认。课次没有取消。'],
      ] as const) {
        const refused = await send(fields);
        expect(refused.statusCode).toBe(303);
        expect(await said(refused.headers.location as string)).toContain(message);
        expect((await db.prisma.trainingSession.findUniqueOrThrow({ where: { id: session.id } })).status).toBe('SCHEDULED');
      }
    }
    expect(await db.prisma.auditLog.count({ where: { action: 'session.cancel', entityId: String(session.id) } })).toBe(0);
    const done = await multipart({ reason: '专家临时有事', confirm: 'yes' });
    expect(await said(done.headers.location as string)).toContain('已取消「确认测试课」，已通知班级群。');
    expect((await db.prisma.trainingSession.findUniqueOrThrow({ where: { id: session.id } })).status).toBe('CANCELLED');
  });

  it('when any console or demo page is served it forbids inline scripts, framing, referrers and sniffing, and signed-in pages are not cached', async () => {
    const li = await cookieOf('李老师');
    const responses = {
      login: await get('/console/login'),
      home: await get('/console', li),
      classPage: await get(classA, li),
      roster: await get('/console/roster', li),
      demo: await get('/demo'),
      download: await get(`${classA}/export?format=csv&sheet=0`, li),
    };
    for (const [name, response] of Object.entries(responses)) {
      expect(response.statusCode, name).toBe(200);
      const csp = String(response.headers['content-security-policy']);
      expect(csp, name).toContain("frame-ancestors 'none'");
      expect(/script-src ([^;]*)/.exec(csp)?.[1], name).toBe("'self'");
      expect(response.headers['referrer-policy'], name).toBe('same-origin');
      expect(response.headers['x-content-type-options'], name).toBe('nosniff');
      if (name !== 'download') expect(response.body, name).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>/);
    }
    for (const name of ['home', 'classPage', 'roster', 'download'] as const) expect(responses[name].headers['cache-control'], name).toBe('no-store');
    for (const script of ['/console/assets/live.js', '/console/assets/upload.js', '/demo/demo.js']) {
      const file = await get(script);
      expect(file.statusCode, script).toBe(200);
      expect(file.headers['content-type'], script).toContain('javascript');
    }
    expect((await get('/console/assets/constructor')).statusCode).toBe(404);
  });

  it('when someone asks the console port for /metrics there is none; the metrics listener wants its token and is loopback unless one is set', async () => {
    expect((await get('/metrics')).statusCode).toBe(404);
    expect((await metrics.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(401);
    expect((await metrics.inject({ method: 'GET', url: '/metrics', headers: { authorization: 'Bearer wrong-token-wrong-token' } })).statusCode).toBe(401);
    const scrape = await metrics.inject({ method: 'GET', url: '/metrics', headers: { authorization: `Bearer ${TOKEN}` } });
    expect(scrape.statusCode).toBe(200);
    expect(scrape.body).toContain('# TYPE yanxiu_deliveries gauge');
    expect(parseConfig({}).metrics).toEqual({ host: '127.0.0.1', port: 9464, token: undefined });
    expect(() => parseConfig({ METRICS_HOST: '0.0.0.0' })).toThrow(ConfigError);
    expect(parseConfig({ METRICS_HOST: '0.0.0.0', METRICS_TOKEN: TOKEN }).metrics?.host).toBe('0.0.0.0');
    expect(parseConfig({ METRICS_PORT: 'off' }).metrics).toBeUndefined();
  });

  /** Opens an event stream on the real port; `ended` settles when the server ends it. */
  const openStream = async (url: string, cookie?: string) => {
    const abort = new AbortController();
    const response = await fetch(`${base}${url}`, { headers: cookie ? { cookie, accept: 'text/event-stream' } : { accept: 'text/event-stream' }, signal: abort.signal });
    const ended =
      response.status === 200 && response.body
        ? (async () => {
            const reader = response.body!.getReader();
            try {
              while (!(await reader.read()).done);
            } catch {
              // aborted by the test
            }
          })()
        : Promise.resolve();
    return { status: response.status, ended, close: () => abort.abort() };
  };
  const endsSoon = (ended: Promise<void>) =>
    Promise.race([ended.then(() => 'ended'), new Promise((resolve) => setTimeout(() => resolve('still open'), 5_000))]);

  it('when a teacher signs out, the live board of that session stops delivering', { timeout: 20_000 }, async () => {
    const li = await cookieOf('李老师');
    const stream = await openStream(`${classA}/live`, li);
    expect(stream.status).toBe(200);
    const logout = await web.inject({ method: 'POST', url: '/console/logout', headers: { cookie: li }, payload: { _csrf: await csrfOf(li) } });
    expect(logout.statusCode).toBe(303);
    expect(await endsSoon(stream.ended)).toBe('ended');
  });

  it('when a session is ended elsewhere (another process, or an admin clearing it), its open live board ends within seconds', { timeout: 20_000 }, async () => {
    const li = await cookieOf('李老师');
    const stream = await openStream(`${classA}/live`, li);
    expect(stream.status).toBe(200);
    await db.prisma.consoleSession.deleteMany({ where: { csrfToken: await csrfOf(li) } });
    expect(await endsSoon(stream.ended)).toBe('ended');
  });

  it('when a session or a client opens too many event streams the extra ones are refused politely, the demo feed too', { timeout: 30_000 }, async () => {
    const [li, wang] = [await cookieOf('李老师'), await cookieOf('王主任')];
    const open = [await openStream(`${classA}/live`, li), await openStream(`${classA}/live`, li)];
    expect(open.map((s) => s.status)).toEqual([200, 200]);
    const third = await fetch(`${base}${classA}/live`, { headers: { cookie: li } });
    expect(third.status).toBe(429);
    expect(await third.text()).toContain('实时页面太多');
    open.push(await openStream(`${classA}/live`, wang), await openStream(`${classA}/live`, wang));
    expect(open.slice(2).map((s) => s.status)).toEqual([200, 200]);
    expect((await fetch(`${base}/demo/feed`)).status).toBe(429);
    for (const stream of open) stream.close();

    // Once they are closed the budget is free again; the demo feed counts per client address.
    // A visitor's feed stays open only with their demo room's cookie (without one it ends at once).
    const visit = await fetch(`${base}/demo`);
    const visitor = (visit.headers.get('set-cookie') ?? '').split(';')[0]!;
    expect(visitor).toMatch(/=./);
    const demo: Awaited<ReturnType<typeof openStream>>[] = [];
    for (let tries = 0; tries < 50 && demo.length < 2; tries++) {
      const stream = await openStream('/demo/feed', visitor);
      if (stream.status === 200) demo.push(stream);
      else await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(demo).toHaveLength(2);
    expect((await fetch(`${base}/demo/feed`, { headers: { cookie: visitor } })).status).toBe(429);
    for (const stream of demo) stream.close();
  });

  it('when a link puts its own words in ?error= the class page shows nothing; a real refusal shows its message, with its details', async () => {
    const li = await cookieOf('李老师');
    const crafted = await get(`${classA}?error=${encodeURIComponent('系统升级，请加QQ群 123456 领取补贴')}`, li);
    expect(crafted.statusCode).toBe(200);
    expect(crafted.body).not.toContain('领取补贴');
    expect(crafted.body).not.toContain('class="error card"');

    const csrf = await csrfOf(li);
    const post = (form: Record<string, string>) => web.inject({ method: 'POST', url: `${classA}/sessions`, headers: { cookie: li }, payload: { _csrf: csrf, ...form } });
    expect((await post(sessionForm('第一次课', '2026-11-27'))).statusCode).toBe(303);
    const overlap = await post({ ...sessionForm('重叠的课', '2026-11-27'), start: '09:00' });
    expect(overlap.headers.location).toBe(`${classA}?error=session.overlaps`);
    const shown = await get(overlap.headers.location as string, li);
    expect(shown.body).toContain('class="error card"');
    expect(shown.body).toContain('第一次课');
    // The key alone (someone else's link) shows the message without this session's details.
    expect((await get(`${classA}?error=session.endBeforeStart`, li)).body).toContain('class="error card"');
  });

  it('when a class or session id is out of range or not a number the console answers 404 or a polite refusal, never 500', async () => {
    for (const id of ['2147483648', '99999999999', '-1', '1e3', 'abc', '0', '01']) {
      for (const suffix of ['', '/live', '/export?format=csv']) {
        const response = await get(`/console/classes/${id}${suffix}`, adminCookie);
        expect(response.statusCode, `${id}${suffix}`).toBe(404);
      }
    }
    const csrf = await csrfOf(adminCookie);
    for (const sessionId of ['2147483648', '-1', 'abc']) {
      const cancel = await web.inject({ method: 'POST', url: `${classA}/sessions/${sessionId}/cancel`, headers: { cookie: adminCookie }, payload: { _csrf: csrf } });
      expect(cancel.statusCode, sessionId).toBe(303);
      expect(cancel.headers.location).toBe(`${classA}?error=console.noSuchSession`);
    }
  });

  it('when a one-time link is opened it only asks; the button signs in once, and not from another site', async () => {
    const { linkToken } = await issueLoginCode(bot.app, await personId('李老师'));
    const url = `/console/login/link/${linkToken}`;
    // What a chat app's link preview, or a page that embeds the link, gets: a question, no session.
    const opened = await web.inject({ method: 'GET', url, headers: client() });
    expect(opened.statusCode).toBe(200);
    expect(opened.body).toContain(`action="${url}"`);
    expect(opened.cookies.find((c) => c.name === 'yanxiu_session')).toBeUndefined();
    expect((await web.inject({ method: 'GET', url, headers: client() })).statusCode).toBe(200);

    const crossSite = await web.inject({ method: 'POST', url, headers: { ...client(), origin: 'https://evil.example', host: 'console.test' } });
    expect(crossSite.statusCode).toBe(403);
    const confirmed = await web.inject({ method: 'POST', url, headers: { ...client(), origin: 'http://console.test', host: 'console.test' } });
    expect(confirmed.statusCode).toBe(303);
    expect((await get('/console', sessionCookie(confirmed))).body).toContain('小学数学1班');
    expect((await web.inject({ method: 'POST', url, headers: client() })).statusCode).toBe(401);
    expect((await web.inject({ method: 'GET', url, headers: client() })).statusCode).toBe(401);
  });

  it('when five wrong codes void a sign-in code, the link sent with it stops working too', async () => {
    const { linkToken } = await issueLoginCode(bot.app, await personId('李老师'));
    const headers = client();
    for (let i = 0; i < 5; i++) {
      const wrong = await web.inject({ method: 'POST', url: '/console/login/code', headers, payload: { phone: '13900000001', code: 'x' } });
      expect(wrong.statusCode).toBe(401);
    }
    const link = await web.inject({ method: 'POST', url: `/console/login/link/${linkToken}`, headers });
    expect(link.statusCode).toBe(401);
    expect(link.cookies.find((c) => c.name === 'yanxiu_session')).toBeUndefined();
  });

  it('when a phone number is unknown, signing in does the same database work as for a known one', async () => {
    const operations: string[] = [];
    const counting = bot.app.db.$extends({
      query: {
        $allModels: {
          async $allOperations({ model, operation, args, query }) {
            operations.push(`${model}.${operation}`);
            return query(args);
          },
        },
      },
    });
    const app = { ...bot.app, db: counting as unknown as App['db'] };
    await issueLoginCode(bot.app, await personId('王主任'));
    const work = async (phone: string) => {
      operations.length = 0;
      expect(await redeemCode(app, phone, '999999x')).toBeNull();
      return [...operations];
    };
    const known = await work('13900000009');
    const unknown = await work('13911112222');
    expect(known.length).toBeGreaterThan(1);
    expect(unknown).toEqual(known);
  });

  // Last: the clock only moves forward.
  it('when a session expires while its live board is open, the board ends within seconds', { timeout: 20_000 }, async () => {
    const li = await cookieOf('李老师');
    const stream = await openStream(`${classA}/live`, li);
    expect(stream.status).toBe(200);
    clock.advance(13 * 3_600_000);
    expect(await endsSoon(stream.ended)).toBe('ended');
  });
});
