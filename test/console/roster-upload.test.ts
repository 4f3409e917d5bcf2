import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Bot } from '../../src/bot/create-bot.ts';
import { startSession } from '../../src/features/access/console-accounts.ts';
import { exampleSetup } from '../support/chat.ts';
import { csrfIn, startConsole } from '../support/console.ts';
import { openTestDatabase, type TestDatabase } from '../support/databases.ts';
import { farColumnWorkbook, lyingZipBomb, zipBomb } from '../support/xlsx-zip.ts';

// Roster uploads on the real console over a real port: hostile files are refused politely and quickly
// while the bot keeps answering (its memory and /healthz unaffected), big honest files do not stall it,
// nothing is written for a refused file, and waiting previews are bounded.

const MB = 1024 * 1024;
const roster = (count: number, first = 0) =>
  `姓名,手机号,学校,班级\n${Array.from({ length: count }, (_, i) => `教师${first + i},137${String(first + i).padStart(8, '0')},城关小学,小学数学1班`).join('\n')}\n`;

describe('uploading a roster to the console', () => {
  let db: TestDatabase;
  let bot: Bot;
  let web: FastifyInstance;
  let base: string;
  let cookie: string;

  beforeAll(async () => {
    db = await openTestDatabase('pglite');
    ({ bot, web } = await startConsole(db, { at: '2026-11-23T08:00:00+08:00', setup: exampleSetup() }));
    base = await web.listen({ host: '127.0.0.1', port: 0 });
    const contact = await db.prisma.person.findFirstOrThrow({ where: { name: '王主任' } });
    cookie = `yanxiu_session=${await startSession(bot.app, contact.id)}`;
  }, 60_000);
  afterAll(async () => {
    await web?.close();
    await bot?.stop();
    await db?.close();
  });

  const rosterPage = async () => (await fetch(`${base}/console/roster`, { headers: { cookie } })).text();
  const upload = async (name: string, bytes: Uint8Array | string) => {
    const form = new FormData();
    form.set('_csrf', csrfIn(await rosterPage()));
    form.set('file', new Blob([bytes]), name);
    const response = await fetch(`${base}/console/roster/preview`, { method: 'POST', body: form, headers: { cookie } });
    return { status: response.status, body: await response.text() };
  };
  const confirm = async (token: string) => {
    const response = await fetch(`${base}/console/roster/import`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: csrfIn(await rosterPage()), upload: token }),
    });
    return { status: response.status, body: await response.text() };
  };
  const tokenIn = (body: string) => /name="upload" value="([^"]+)"/.exec(body)?.[1] ?? '';
  /** Runs `work` while asking /healthz again and again; the slowest answer in milliseconds. */
  const slowestHealthzDuring = async <T>(work: Promise<T>): Promise<{ result: T; slowest: number; probes: number }> => {
    let done = false;
    const finished = work.finally(() => (done = true));
    let slowest = 0;
    let probes = 0;
    do {
      const started = performance.now();
      expect((await fetch(`${base}/healthz`)).status).toBe(200);
      slowest = Math.max(slowest, performance.now() - started);
      probes++;
      await new Promise((resolve) => setTimeout(resolve, 10));
    } while (!done);
    return { result: await finished, slowest, probes };
  };

  it('when the page is opened it states the limits', async () => {
    expect(await rosterPage()).toContain('一次最多 20000 行、50 列，文件最大 10 MB。');
  });

  it('when the 9 KB workbook with a cell in column XFD on 1,500 rows is uploaded it is refused within a second, and the bot is unaffected', async () => {
    expect((await upload('名单.csv', roster(1))).status).toBe(200); // the parsing workers are up
    const people = await db.prisma.person.count();
    const workbook = farColumnWorkbook();
    expect(workbook.length).toBeLessThan(10 * 1024);
    const rssBefore = process.memoryUsage().rss;
    const started = performance.now();
    const { result, slowest, probes } = await slowestHealthzDuring(upload('名单.xlsx', workbook));
    const took = performance.now() - started;
    const grown = (process.memoryUsage().rss - rssBefore) / MB;
    expect(result.status).toBe(422);
    expect(result.body).toContain('列数太多：名单最多 50 列，单元格 XFD2 超出了范围。');
    expect(result.body).toContain('id="roster-form"');
    expect(took).toBeLessThan(1000);
    expect(probes).toBeGreaterThan(0);
    expect(slowest).toBeLessThan(1000);
    expect(grown).toBeLessThan(100);
    expect(await db.prisma.person.count()).toBe(people);
  });

  it('when a zip bomb is uploaded, honest about its size or not, it is refused and nothing is written', async () => {
    const people = await db.prisma.person.count();
    for (const bomb of [zipBomb(100), lyingZipBomb(20)]) {
      const { result, slowest } = await slowestHealthzDuring(upload('名单.xlsx', bomb));
      expect(result.status).toBe(422);
      expect(result.body).toContain('这个 Excel 文件解压后超过 128 MB，不像是一份名单，已拒绝。');
      expect(slowest).toBeLessThan(1000);
    }
    expect(await db.prisma.person.count()).toBe(people);
  });

  it('when a 5,000-row CSV is uploaded the preview has every row and /healthz keeps answering meanwhile', async () => {
    const { result, slowest } = await slowestHealthzDuring(upload('全县名单.csv', roster(5000, 10_000)));
    expect(result.status).toBe(200);
    expect(result.body).toContain('共 5000 行，全部可以导入。');
    expect(slowest).toBeLessThan(1000);
  });

  it('when a file is larger than 10 MB it is refused as too large', async () => {
    const big = `姓名,手机号,学校,班级\n${'张三,13800001111,城关小学,小学数学1班\n'.repeat(Math.ceil((10.5 * MB) / 40))}`;
    const { status, body } = await upload('大名单.csv', big);
    expect(status).toBe(413);
    expect(body).toContain('文件太大：名单文件最大 10 MB。');
  });

  it('when one session uploads a fourth roster before confirming, the oldest preview is dropped and the newest still imports', async () => {
    const tokens: string[] = [];
    for (let i = 0; i < 4; i++) tokens.push(tokenIn((await upload(`名单${i}.csv`, roster(2, 20_000 + i * 10))).body));
    expect(new Set(tokens).size).toBe(4);
    const oldest = await confirm(tokens[0]!);
    expect(oldest.status).toBe(410);
    expect(oldest.body).toContain('预览已过期，请重新上传文件。');
    const newest = await confirm(tokens[3]!);
    expect(newest.status).toBe(200);
    expect(newest.body).toContain('已导入 2 位教师的报名');
    expect(await db.prisma.person.count({ where: { phone: { in: ['13700020030', '13700020031'] } } })).toBe(2);
  });
});
