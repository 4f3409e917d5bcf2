import type { FastifyInstance } from 'fastify';
import { type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlaygroundOutbox } from '../../src/adapters/playground/playground-outbox.ts';
import type { Bot } from '../../src/bot/create-bot.ts';
import { createSession } from '../../src/features/attendance/sessions.ts';
import { checkIn } from '../../src/features/attendance/checkin.ts';
import { loadActor } from '../../src/app/actor.ts';
import { exampleSetup } from '../support/chat.ts';
import { consoleSessions, haveChromium, launchChromium, signedInPage } from '../support/chromium.ts';
import { startConsole } from '../support/console.ts';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../support/databases.ts';

// The tutor 李老师 has the class page open during the morning session 新课标解读 (张三 checked in by
// hand before, the others not yet) with the afternoon's 教学设计工作坊 still ahead. In Chromium: a
// check-in made in chat moves the card and the roll together; cancelling the afternoon asks for a
// reason, does nothing until confirmed, then tells the class group with the reason and says so on the page.

describe.skipIf(!haveChromium)('cancelling a session and the live roll on the class page', () => {
  let db: TestDatabase;
  let bot: Bot;
  let web: FastifyInstance;
  let chatOutbox: PlaygroundOutbox;
  let browser: Browser;
  let page: Page;
  let base: string;
  let classId: number;
  let afternoonId: number;

  beforeAll(async () => {
    db = await openTestDatabase(databaseKinds().at(-1)!);
    ({ bot, web, chatOutbox } = await startConsole(db, { at: '2026-11-23T08:40:00+08:00', setup: exampleSetup() }));
    classId = (await db.prisma.trainingClass.findFirstOrThrow({ where: { name: '小学数学1班' } })).id;
    await db.prisma.groupChat.create({ data: { platform: 'playground', chatId: 'g-math1', title: '小学数学1班群', scope: 'CLASS', classId } });
    const system = { personId: null, label: 'test' };
    const morning = await createSession(bot.app, system, { classId, title: '新课标解读', startsAt: new Date('2026-11-23T08:30:00+08:00'), endsAt: new Date('2026-11-23T11:30:00+08:00'), hours: 3 }, { announce: false });
    afternoonId = (await createSession(bot.app, system, { classId, title: '教学设计工作坊', startsAt: new Date('2026-11-23T14:00:00+08:00'), endsAt: new Date('2026-11-23T17:00:00+08:00'), hours: 3 }, { announce: false })).id;
    const zhang = await db.prisma.person.findFirstOrThrow({ where: { name: '张三' } });
    await db.prisma.checkIn.create({ data: { sessionId: morning.id, personId: zhang.id, status: 'PRESENT', checkedInAt: new Date('2026-11-23T08:25:00+08:00') } });
    const li4 = await db.prisma.person.findFirstOrThrow({ where: { name: '李四' } });
    await db.prisma.identity.create({ data: { platform: 'playground', platformUserId: 'u-li4', displayName: '李四', personId: li4.id } });
    const cookies = await consoleSessions(bot.app, db, ['李老师']);
    base = await web.listen({ host: '127.0.0.1', port: 0 });
    browser = await launchChromium();
    page = await signedInPage(browser, base, cookies['李老师']!);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await web?.close();
    await bot?.stop();
    await db?.close();
  });

  const card = (title: string) => page.locator('[data-session]:not(#roll)', { hasText: title });
  const rollNames = () => page.locator('#roll tr[data-person] td:first-child').allTextContents();

  it('when a trainee checks in from chat while the page is open, the card counts one more and the roll no longer lists them', { timeout: 60_000 }, async () => {
    await page.goto(`${base}/console/classes/${classId}`);
    expect(await card('新课标解读').locator('.count').textContent()).toBe('1');
    expect(await page.textContent('#roll .roll-count')).toBe('5');
    expect(await rollNames()).toContain('李四');
    expect(await page.locator('#roll h3').allTextContents()).toEqual(['城关小学（1 人）', '古井镇中心小学（2 人）', '实验小学（2 人）']);

    await bot.handler.handle({ chat: { platform: 'playground', id: 'u-li4', kind: 'private' }, sender: { id: 'u-li4', name: '李四' }, text: '签到', mentions: [], addressedToBot: true, attachments: [], messageId: 'cancel-e2e-checkin', sentAt: bot.app.clock.now() });
    await page.waitForSelector('[data-session] .checkins >> text=李四', { timeout: 15_000 });
    expect(await card('新课标解读').locator('.count').textContent()).toBe('2');
    expect(await page.textContent('#roll .roll-count')).toBe('4');
    expect(await rollNames()).not.toContain('李四');
    // 城关小学 has nobody left to list, so its heading goes, as it would on a fresh page.
    expect(await page.locator('#roll h3').allTextContents()).toEqual(['古井镇中心小学（2 人）', '实验小学（2 人）']);

    await page.reload();
    expect(await card('新课标解读').locator('.count').textContent()).toBe('2');
    expect(await page.textContent('#roll .roll-count')).toBe('4');
    expect(await page.locator('#roll h3').allTextContents()).toEqual(['古井镇中心小学（2 人）', '实验小学（2 人）']);
  });

  it('when a trainee\'s 签到 arrives twice (delivered again, retried after a lost answer, typed again), the 今日签到 card counts them once, live and after a reload', { timeout: 60_000 }, async () => {
    await page.goto(`${base}/console/classes/${classId}`);
    const before = Number(await card('新课标解读').locator('.count').textContent());
    const wang = await db.prisma.person.findFirstOrThrow({ where: { name: '王五' } });
    await db.prisma.identity.create({ data: { platform: 'playground', platformUserId: 'u-wang5', displayName: '王五', personId: wang.id } });
    const typed = (messageId: string) => ({ chat: { platform: 'playground' as const, id: 'u-wang5', kind: 'private' as const }, sender: { id: 'u-wang5', name: '王五' }, text: '签到', mentions: [], addressedToBot: true, attachments: [], messageId, sentAt: bot.app.clock.now() });
    await bot.handler.handle(typed('twice-1'));
    await page.waitForSelector('[data-session] .checkins >> text=王五', { timeout: 15_000 });
    await bot.handler.handle(typed('twice-1'));
    await bot.handler.handle(typed('twice-2'));
    // The same message's write retried after its answer was lost reports "recorded" again and is announced again.
    const actor = await loadActor(db.prisma, 'playground', { id: 'u-wang5', name: '王五' });
    expect((await checkIn(bot.app, { actor, chat: typed('twice-1').chat, binding: null, messageId: 'twice-1', at: bot.app.clock.now() })).kind).toBe('recorded');
    // A later check-in (another trainee) is the sign that every earlier event has reached the page.
    const sun = await db.prisma.person.findFirstOrThrow({ where: { name: '孙八' } });
    await db.prisma.identity.create({ data: { platform: 'playground', platformUserId: 'u-sun8', displayName: '孙八', personId: sun.id } });
    await bot.handler.handle({ ...typed('twice-sun'), chat: { platform: 'playground', id: 'u-sun8', kind: 'private' }, sender: { id: 'u-sun8', name: '孙八' } });
    await page.waitForSelector('[data-session] .checkins >> text=孙八', { timeout: 15_000 });
    expect(await card('新课标解读').locator('.count').textContent()).toBe(String(before + 2));
    expect(await card('新课标解读').locator('.checkins tr', { hasText: '王五' }).count()).toBe(1);
    expect(await db.prisma.checkIn.count({ where: { personId: wang.id } })).toBe(1);
    await page.reload();
    expect(await card('新课标解读').locator('.count').textContent()).toBe(String(before + 2));
    expect(await card('新课标解读').locator('.checkins tr', { hasText: '王五' }).count()).toBe(1);
  });

  it('when the tutor presses 取消 a reason is asked for, and leaving without confirming cancels nothing and tells nobody', { timeout: 60_000 }, async () => {
    await page.goto(`${base}/console/classes/${classId}`);
    const sent = chatOutbox.sent.length;
    const row = page.locator('tr', { hasText: '教学设计工作坊' });
    await row.locator('details.cancel summary').click();
    const reason = row.locator('details.cancel input[name=reason]');
    expect(await reason.isVisible()).toBe(true);
    // An empty reason is not sent: the browser holds the form back.
    await row.locator('details.cancel button').click();
    expect(await reason.evaluate((el) => (el as unknown as { validity: { valid: boolean } }).validity.valid)).toBe(false);
    await page.goto(`${base}/console/classes/${classId}`);
    expect((await db.prisma.trainingSession.findUniqueOrThrow({ where: { id: afternoonId } })).status).toBe('SCHEDULED');
    expect(chatOutbox.sent.length).toBe(sent);
    expect(await page.locator('#notice').count()).toBe(0);
  });

  it('when the tutor gives a reason and confirms, the session is cancelled, the group is told why and the page says so', { timeout: 60_000 }, async () => {
    await page.goto(`${base}/console/classes/${classId}`);
    const row = page.locator('tr', { hasText: '教学设计工作坊' });
    await row.locator('details.cancel summary').click();
    await row.locator('details.cancel input[name=reason]').fill('专家航班延误');
    await row.locator('details.cancel button').click();
    await page.waitForSelector('#notice');
    expect(await page.textContent('#notice')).toBe('已取消「教学设计工作坊」，已通知班级群。');
    expect((await db.prisma.trainingSession.findUniqueOrThrow({ where: { id: afternoonId } })).status).toBe('CANCELLED');
    const told = chatOutbox.sent.filter((m) => m.chat === 'g-math1' && m.text.includes('教学设计工作坊'));
    expect(told).toHaveLength(1);
    expect(told[0]!.text).toContain('已取消');
    expect(told[0]!.text).toContain('原因：专家航班延误');
    expect(await page.locator('tr', { hasText: '教学设计工作坊' }).count()).toBe(0);
  });
});
