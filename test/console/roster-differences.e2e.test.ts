import type { FastifyInstance } from 'fastify';
import { type Browser, type Page } from 'playwright-core';
import { haveChromium, launchChromium } from '../support/chromium.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Bot } from '../../src/bot/create-bot.ts';
import { exampleSetup } from '../support/chat.ts';
import { ADMIN_PASSWORD, startConsole } from '../support/console.ts';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../support/databases.ts';

// The admin's decision in a real browser: the boxes in the differences table sit outside the
// confirm form (they belong to it through the `form` attribute), so only a browser shows that a
// ticked box really reaches the import.


describe.skipIf(!haveChromium)('roster differences in Chromium', () => {
  let db: TestDatabase;
  let bot: Bot;
  let web: FastifyInstance;
  let browser: Browser;
  let page: Page;
  let base: string;

  beforeAll(async () => {
    db = await openTestDatabase(databaseKinds().at(-1)!);
    ({ bot, web } = await startConsole(db, { at: '2026-11-23T08:20:00+08:00', setup: exampleSetup() }));
    base = await web.listen({ host: '127.0.0.1', port: 0 });
    browser = await launchChromium();
    page = await (await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN' })).newPage();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await web?.close();
    await bot?.stop();
    await db?.close();
  });

  it('when the admin ticks one of two differing rows and confirms, only that person is renamed', { timeout: 60_000 }, async () => {
    await page.goto(`${base}/console/login`);
    await page.fill('#password', ADMIN_PASSWORD);
    await page.click('form[action="/console/login/password"] button');
    await page.waitForURL(`${base}/console`);
    await page.goto(`${base}/console/roster`);
    const file = '姓名,手机号,学校,班级\n张三丰,13800001111,城关小学,小学数学1班\n李思,13800002222,城关小学,小学数学1班\n';
    await page.setInputFiles('#roster-file', { name: '名单.csv', mimeType: 'text/csv', buffer: Buffer.from(file) });
    await page.click('#roster-form button');
    await page.waitForSelector('#roster-differences');
    expect(await page.locator('#roster-differences tbody tr').count()).toBe(2);
    await page.check('#roster-differences tr[data-line="3"] input[type="checkbox"]');
    await page.click('#confirm-import');
    await page.waitForSelector('text=导入完成');
    expect(await page.textContent('main')).toContain('按名单更新了 1 位教师的信息。');
    const names = await db.prisma.person.findMany({ where: { phone: { in: ['13800001111', '13800002222'] } }, orderBy: { phone: 'asc' } });
    expect(names.map((p) => p.name)).toEqual(['张三', '李思']);
  });
});
