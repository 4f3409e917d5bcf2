import { createRequire } from 'node:module';
import type { FastifyInstance } from 'fastify';
import jsQR from 'jsqr';
import { type Browser, type Page } from 'playwright-core';
import { haveChromium, launchChromium, consoleSessions } from '../support/chromium.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSession } from '../../src/features/attendance/sessions.ts';
import type { Bot } from '../../src/bot/create-bot.ts';
import type { ManualClock } from '../../src/core/ports.ts';
import { exampleSetup } from '../support/chat.ts';
import { startConsole } from '../support/console.ts';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../support/databases.ts';

// The 签到大屏 in a real browser: the tutor opens it for a session with a 30-second rotating code; the
// code, its countdown and the QR code (decoded from a screenshot) are there; the server's clock moves
// on one step and the page shows the new code without a reload; a check-in made in the chat raises
// the count. Trainees, strangers, a school contact and another class's tutor get no code.

const { PNG } = createRequire(import.meta.url)('pngjs') as { PNG: { sync: { read(b: Buffer): { width: number; height: number; data: Buffer } } } };

describe.skipIf(!haveChromium)('the check-in screen in Chromium', () => {
  let db: TestDatabase;
  let bot: Bot;
  let web: FastifyInstance;
  let clock: ManualClock;
  let browser: Browser;
  let page: Page;
  let base: string;
  let screen: string;
  const cookies: Record<string, string> = {};

  beforeAll(async () => {
    db = await openTestDatabase(databaseKinds().at(-1)!);
    const setup = exampleSetup();
    setup.projects.push({ name: '2026年谯城区小学语文教师培训', level: 'COUNTY', year: 2026 });
    setup.classes.push({ name: '小学语文1班', project: '2026年谯城区小学语文教师培训' });
    setup.people.push({ name: '赵老师', phone: '13900000031', school: '实验小学', roles: [{ role: 'TUTOR', class: '小学语文1班' }] });
    setup.people.push({ name: '陈校长', phone: '13900000032', school: '城关小学', roles: [{ role: 'SCHOOL_CONTACT' }] });
    setup.people.find((p: { name: string }) => p.name === '张三').accounts = [{ platform: 'playground', userId: 'u-zhang3' }];
    setup.groups = [{ platform: 'playground', chatId: 'g-math1', title: '小学数学1班群', class: '小学数学1班' }];
    ({ bot, web, clock } = await startConsole(db, { at: '2026-11-23T08:20:00+08:00', setup }));
    const cls = await db.prisma.trainingClass.findFirstOrThrow({ where: { name: '小学数学1班' } });
    const tutor = await db.prisma.person.findFirstOrThrow({ where: { name: '李老师' } });
    const session = await createSession(bot.app, { personId: tutor.id, label: 'test' }, { classId: cls.id, title: '新课标解读', startsAt: new Date('2026-11-23T08:30:00+08:00'), endsAt: new Date('2026-11-23T11:30:00+08:00'), hours: 3, rotatingStepSeconds: 30 });
    screen = `/console/classes/${cls.id}/sessions/${session.id}/screen`;
    Object.assign(cookies, await consoleSessions(bot.app, db, ['李老师', '赵老师', '陈校长', '张三']));
    base = await web.listen({ host: '127.0.0.1', port: 0 });
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
    await context.addCookies([{ name: 'yanxiu_session', value: cookies['李老师']!, url: base }]);
    page = await context.newPage();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await web?.close();
    await bot?.stop();
    await db?.close();
  });

  const codeOnPage = async () => (await page.textContent('#code'))?.trim() ?? '';

  it('when the tutor opens the screen it shows the code, a countdown and a QR code carrying 「签到 <code>」', { timeout: 60_000 }, async () => {
    await page.goto(`${base}${screen}`);
    await page.waitForFunction(() => /^\d{6}$/.test((globalThis as unknown as { document: { getElementById(id: string): { textContent: string | null } | null } }).document.getElementById('code')?.textContent ?? ''));
    const code = await codeOnPage();
    const session = await db.prisma.trainingSession.findFirstOrThrow({ where: { title: '新课标解读' } });
    expect(await page.content()).not.toContain(session.codeSecret!);
    await page.waitForFunction(() => /^\d+$/.test((globalThis as unknown as { document: { getElementById(id: string): { textContent: string | null } | null } }).document.getElementById('countdown')?.textContent ?? ''));
    const left = Number(await page.textContent('#countdown'));
    expect(left).toBeGreaterThan(0);
    expect(left).toBeLessThanOrEqual(30);
    const shot = PNG.sync.read(await page.locator('#qr svg').screenshot());
    const decoded = jsQR(new Uint8ClampedArray(shot.data), shot.width, shot.height);
    expect(decoded?.data).toBe(`签到 ${code}`);
  });

  it('when the step passes the page shows the next code without a reload, and a check-in with it raises the count', { timeout: 60_000 }, async () => {
    const loadedAt = await page.evaluate(() => performance.timeOrigin);
    const first = await codeOnPage();
    clock.advance(30_000);
    await page.waitForFunction((old) => {
      const t = (globalThis as unknown as { document: { getElementById(id: string): { textContent: string | null } | null } }).document.getElementById('code')?.textContent ?? '';
      return /^\d{6}$/.test(t) && t !== old;
    }, first, { timeout: 15_000 });
    const second = await codeOnPage();
    expect(second).not.toBe(first);
    expect(await page.evaluate(() => performance.timeOrigin)).toBe(loadedAt);
    // 张三 types what the screen shows: checked in, and the count on the screen goes up.
    expect(await page.textContent('#count')).toBe('0');
    const outcome = await bot.handler.handle({ chat: { platform: 'playground', id: 'g-math1', kind: 'group', title: '小学数学1班群' }, sender: { id: 'u-zhang3', name: '张三' }, text: `签到 ${second}`, mentions: [], addressedToBot: false, attachments: [], messageId: 'screen-1', sentAt: clock.now() });
    expect(outcome).toBe('handled');
    await page.waitForFunction(() => (globalThis as unknown as { document: { getElementById(id: string): { textContent: string | null } | null } }).document.getElementById('count')?.textContent === '1', undefined, { timeout: 15_000 });
    expect(await page.textContent('#expected')).toBe('6');
  });

  it('when a stranger, a trainee, a school contact or another class’s tutor asks for the screen or its feed they get no code', async () => {
    for (const url of [screen, `${screen}.json`]) {
      const as = (who?: string) => web.inject({ method: 'GET', url, headers: who ? { cookie: `yanxiu_session=${cookies[who]}` } : {} });
      const answers = { stranger: await as(), trainee: await as('张三'), school: await as('陈校长'), other: await as('赵老师'), tutor: await as('李老师') };
      expect(answers.stranger.statusCode, url).toBe(401);
      expect(answers.trainee.statusCode, url).toBe(401);
      expect(answers.school.statusCode, url).toBe(403);
      expect(answers.other.statusCode, url).toBe(404);
      expect(answers.tutor.statusCode, url).toBe(200);
      for (const a of [answers.stranger, answers.trainee, answers.school, answers.other]) expect(a.body).not.toMatch(/"code":"\d{6}"/);
    }
    const feed = JSON.parse((await web.inject({ method: 'GET', url: `${screen}.json`, headers: { cookie: `yanxiu_session=${cookies['李老师']}` } })).body);
    expect(feed).toMatchObject({ open: true, code: expect.stringMatching(/^\d{6}$/) });
    expect(JSON.stringify(feed)).not.toContain((await db.prisma.trainingSession.findFirstOrThrow({ where: { title: '新课标解读' } })).codeSecret!);
  });
});
