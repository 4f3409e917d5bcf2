import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { haveChromium, launchChromium } from '../support/chromium.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Bot } from '../../src/bot/create-bot.ts';
import { exampleSetup } from '../support/chat.ts';
import { ADMIN_PASSWORD, startConsole } from '../support/console.ts';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../support/databases.ts';

// The console in a real browser: Debian's chromium driven by Playwright's library (no browser
// download). An administrator signs in, imports a roster (first with a bad row), opens a class,
// creates a session, watches a check-in made in chat arrive on the live board, sees the charts
// drawn, and downloads the export. (The public demo's classes are not in the console at all.)


describe.skipIf(!haveChromium)('the web console in Chromium', () => {
  let db: TestDatabase;
  let bot: Bot;
  let web: FastifyInstance;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let base: string;

  beforeAll(async () => {
    db = await openTestDatabase(databaseKinds().at(-1)!);
    ({ bot, web } = await startConsole(db, { at: '2026-11-23T08:20:00+08:00', setup: exampleSetup() }));
    base = await web.listen({ host: '127.0.0.1', port: 0 });
    browser = await launchChromium();
    // A phone-sized screen: the console must work there.
    context = await browser.newContext({ acceptDownloads: true, viewport: { width: 390, height: 844 }, locale: 'zh-CN' });
    page = await context.newPage();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await web?.close();
    await bot?.stop();
    await db?.close();
  });

  it('when the administrator signs in with the password the class list appears', { timeout: 60_000 }, async () => {
    const first = await page.goto(`${base}/console`);
    expect(first?.status()).toBe(401);
    await page.fill('#password', ADMIN_PASSWORD);
    await page.click('form[action="/console/login/password"] button');
    await page.waitForURL(`${base}/console`);
    expect(await page.textContent('h1')).toBe('我的班级');
    expect(await page.textContent('main')).toContain('小学数学1班');
  });

  it('when a roster has one bad row the preview names that row and nothing is written; the corrected file imports', { timeout: 60_000 }, async () => {
    const rows = (phone: string) => `姓名,手机号,学校,班级\n周一,13700000001,城关小学,小学数学1班\n吴二,${phone},实验小学,小学数学1班\n郑三,13700000003,古井镇中心小学,小学数学1班\n`;
    await page.goto(`${base}/console/roster`);
    await page.setInputFiles('#roster-file', { name: '名单.csv', mimeType: 'text/csv', buffer: Buffer.from(rows('1370000')) });
    await page.click('#roster-form button');
    await page.waitForSelector('ul.errors li');
    const errors = await page.locator('ul.errors li').allTextContents();
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain('第 3 行');
    expect(await page.locator('tr.bad').count()).toBe(1);
    expect(await db.prisma.person.count({ where: { name: { in: ['周一', '吴二', '郑三'] } } })).toBe(0);

    await page.goto(`${base}/console/roster`);
    await page.setInputFiles('#roster-file', { name: '名单.csv', mimeType: 'text/csv', buffer: Buffer.from(rows('13700000002')) });
    await page.click('#roster-form button');
    await page.click('#confirm-import');
    await page.waitForSelector('text=导入完成');
    expect(await db.prisma.enrolment.count({ where: { person: { name: { in: ['周一', '吴二', '郑三'] } } } })).toBe(3);
  });

  it('when a session is created for a class and 张三 checks in from chat, the live board shows it without a reload', { timeout: 60_000 }, async () => {
    const zhang = await db.prisma.person.findFirstOrThrow({ where: { name: '张三' } });
    await db.prisma.identity.create({ data: { platform: 'playground', platformUserId: 'u-zhang3', displayName: '张三', personId: zhang.id } });
    await page.goto(`${base}/console`);
    await page.click('text=小学数学1班');
    await page.fill('#s-title', '开班第一课');
    await page.fill('#s-date', '2026-11-23');
    await page.fill('#s-start', '08:30');
    await page.fill('#s-end', '11:30');
    await page.click('form[action$="/sessions"] button');
    await page.waitForSelector('[data-session] >> text=开班第一课');
    expect(await page.textContent('[data-session] .count')).toBe('0');
    const loadedAt = await page.evaluate(() => performance.timeOrigin);

    await bot.handler.handle({ chat: { platform: 'playground', id: 'u-zhang3', kind: 'private' }, sender: { id: 'u-zhang3', name: '张三' }, text: '签到', mentions: [], addressedToBot: true, attachments: [], messageId: 'e2e-checkin-1', sentAt: bot.app.clock.now() });
    await page.waitForSelector('[data-session] .checkins >> text=张三', { timeout: 15_000 });
    expect(await page.textContent('[data-session] .count')).toBe('1');
    expect(await page.evaluate(() => performance.timeOrigin)).toBe(loadedAt);
  });

  it('when the class page is open the charts are drawn', { timeout: 60_000 }, async () => {
    await page.reload();
    const chart = page.locator('.charts .chart').first();
    type Drawn = { getBBox(): { width: number; height: number } };
    const drawn = await chart.locator('[data-value]').evaluateAll((els) => els.map((e) => (e as unknown as Drawn).getBBox().width + (e as unknown as Drawn).getBBox().height));
    expect(drawn.length).toBeGreaterThan(0);
    expect(drawn.every((size) => size > 0)).toBe(true);
    // A screenshot of the chart holds far more than one of an empty box of the same size.
    const shot = await chart.screenshot();
    const box = await chart.boundingBox();
    await page.evaluate(`(() => {
      const div = document.createElement('div');
      div.id = 'blank';
      div.style.cssText = 'position:fixed;left:0;top:0;width:${box!.width}px;height:${box!.height}px;background:#fff;z-index:9999';
      document.body.appendChild(div);
    })()`);
    const empty = await page.locator('#blank').screenshot();
    expect(shot.length).toBeGreaterThan(empty.length * 2);
  });

  it('when the export is downloaded it is a workbook whose attendance sheet lists 张三', { timeout: 60_000 }, async () => {
    await page.reload();
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-xlsx')]);
    expect(download.suggestedFilename()).toMatch(/^小学数学1班-.*\.xlsx$/);
    const file = await download.path();
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(readFileSync(file) as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['学时登记', '出勤', '作业', '学时汇总']);
    const names: string[] = [];
    workbook.getWorksheet('出勤')!.eachRow((row) => names.push(String(row.getCell(1).value)));
    expect(names).toContain('张三');
  });
});
