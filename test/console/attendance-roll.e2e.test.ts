import type { FastifyInstance } from 'fastify';
import { type Browser, type Page } from 'playwright-core';
import { haveChromium, launchChromium, consoleSessions, signedInPage } from '../support/chromium.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSession, closeSession } from '../../src/features/attendance/sessions.ts';
import type { Bot } from '../../src/bot/create-bot.ts';
import { exampleSetup } from '../support/chat.ts';
import { csrfIn, startConsole } from '../support/console.ts';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../support/databases.ts';

// The class page's roll of a closed morning session (张三 checked in, five did not): the tutor sees
// the five by school in Chromium and corrects two through the page's own forms; the hours follow.
// Over HTTP: a tutor of another class, a school contact, a trainee, a stranger and a post without
// the CSRF token are refused and change nothing.


describe.skipIf(!haveChromium)('the attendance roll on the class page', () => {
  let db: TestDatabase;
  let bot: Bot;
  let web: FastifyInstance;
  let browser: Browser;
  let page: Page;
  let base: string;
  let classId: number;
  let sessionId: number;
  const cookies: Record<string, string> = {};

  beforeAll(async () => {
    db = await openTestDatabase(databaseKinds().at(-1)!);
    const setup = exampleSetup();
    setup.projects.push({ name: '2026年谯城区小学语文教师培训', level: 'COUNTY', year: 2026 });
    setup.classes.push({ name: '小学语文1班', project: '2026年谯城区小学语文教师培训' });
    setup.people.push({ name: '赵老师', phone: '13900000031', school: '实验小学', roles: [{ role: 'TUTOR', class: '小学语文1班' }] });
    Object.assign(setup.people.find((p: { name: string }) => p.name === '周校长'), { roles: [{ role: 'SCHOOL_CONTACT' }] });
    ({ bot, web } = await startConsole(db, { at: '2026-11-23T08:00:00+08:00', setup }));
    classId = (await db.prisma.trainingClass.findFirstOrThrow({ where: { name: '小学数学1班' } })).id;
    const system = { personId: null, label: 'test' };
    const session = await createSession(bot.app, system, { classId, title: '新课标解读', startsAt: new Date('2026-11-23T08:30:00+08:00'), endsAt: new Date('2026-11-23T11:30:00+08:00'), hours: 3 }, { announce: false });
    sessionId = session.id;
    const zhang = await db.prisma.person.findFirstOrThrow({ where: { name: '张三' } });
    await db.prisma.checkIn.create({ data: { sessionId, personId: zhang.id, status: 'PRESENT', checkedInAt: new Date('2026-11-23T08:20:00+08:00') } });
    await closeSession(bot.app, sessionId, system);
    Object.assign(cookies, await consoleSessions(bot.app, db, ['李老师', '赵老师', '周校长', '钱七']));
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

  const marks = async () => Object.fromEntries((await db.prisma.checkIn.findMany({ include: { person: true } })).map((c) => [c.person.name, `${c.status}${c.remark ? `:${c.remark}` : ''}`]));
  const hours = async () => (await db.prisma.hourRecord.findMany({ include: { person: true } })).map((h) => h.person.name).sort();
  const schoolsOnPage = async () => page.locator('#roll h3').allTextContents();

  it('when the tutor opens the class page the trainees who did not check in are listed by school, and a correction through the form marks one present with the hours', { timeout: 60_000 }, async () => {
    await page.goto(`${base}/console/classes/${classId}`);
    expect(await page.textContent('#roll .roll-count')).toBe('5');
    expect(await schoolsOnPage()).toEqual(['城关小学（1 人）', '古井镇中心小学（2 人）', '实验小学（2 人）']);
    expect(await page.locator('#roll tr[data-person] td:first-child').allTextContents()).toEqual(['李四', '钱七', '孙八', '王五', '赵六']);

    const li4 = page.locator('#roll tr[data-person]', { hasText: '李四' });
    await li4.locator('select[name=status]').selectOption('PRESENT');
    await li4.locator('input[name=remark]').fill('手机没电');
    await li4.locator('button').click();
    await page.waitForURL(`${base}/console/classes/${classId}?session=${sessionId}`);
    expect(await page.textContent('#roll .roll-count')).toBe('4');
    expect(await schoolsOnPage()).toEqual(['古井镇中心小学（2 人）', '实验小学（2 人）']);
    expect((await marks())['李四']).toBe('PRESENT:手机没电');
    expect(await hours()).toEqual(['张三', '李四']);

    const wang5 = page.locator('#roll tr[data-person]', { hasText: '王五' });
    await wang5.locator('select[name=status]').selectOption('LEAVE');
    await wang5.locator('input[name=remark]').fill('事先报备');
    await wang5.locator('button').click();
    await page.waitForSelector('#roll tr[data-person]:has-text("王五") td.mark:text("请假")');
    expect((await marks())['王五']).toBe('LEAVE:事先报备');
    expect(await db.prisma.auditLog.count({ where: { action: 'attendance.correct', actor: { startsWith: 'console:' } } })).toBe(2);
  });

  it('when someone who may not correct posts the form, or the post lacks its token, nothing changes', async () => {
    const before = JSON.stringify([await marks(), await hours()]);
    const sun = await db.prisma.person.findFirstOrThrow({ where: { name: '孙八' } });
    const url = `/console/classes/${classId}/sessions/${sessionId}/attendance`;
    const post = async (who: string | null, withToken = true) => {
      const headers = { ...(who ? { cookie: `yanxiu_session=${cookies[who]}` } : {}), origin: 'http://console.test', host: 'console.test' };
      const csrf = who && withToken ? csrfIn((await web.inject({ method: 'GET', url: '/console', headers })).body) : '';
      return (await web.inject({ method: 'POST', url, headers, payload: { _csrf: csrf, personId: String(sun.id), status: 'PRESENT', remark: '越权' } })).statusCode;
    };
    expect(await post('赵老师')).toBe(404);
    expect(await post('周校长')).toBe(403);
    expect(await post('钱七')).toBe(401);
    expect(await post(null)).toBe(401);
    expect(await post('李老师', false)).toBe(403);
    expect(JSON.stringify([await marks(), await hours()])).toBe(before);
    // The tutor's own well-formed post goes through the same route.
    expect(await post('李老师')).toBe(303);
    expect((await marks())['孙八']).toBe('PRESENT:越权');
  });

  it('when 赵六 is swapped out (换人) after the session closed, the roll of that session still lists 赵六 and the form corrects 赵六 with the hours, while the newcomer is not on it', { timeout: 60_000 }, async () => {
    const zhao = await db.prisma.person.findFirstOrThrow({ where: { name: '赵六' } });
    const newcomer = await db.prisma.person.create({ data: { name: '周新', phone: '13800009999', phoneLast4: '9999', schoolId: zhao.schoolId } });
    // What an approved 换人 leaves (substitutions.ts): the old enrolment SUBSTITUTED, the newcomer SELECTED in their place.
    await db.prisma.enrolment.update({ where: { classId_personId: { classId, personId: zhao.id } }, data: { status: 'SUBSTITUTED' } });
    await db.prisma.enrolment.create({ data: { classId, personId: newcomer.id, status: 'SELECTED', substitutedForId: zhao.id } });

    await page.goto(`${base}/console/classes/${classId}?session=${sessionId}`);
    const names = await page.locator('#roll tr[data-person] td:first-child').allTextContents();
    expect(names).toContain('赵六');
    expect(names).not.toContain('周新');
    const row = page.locator('#roll tr[data-person]', { hasText: '赵六' });
    await row.locator('select[name=status]').selectOption('PRESENT');
    await row.locator('input[name=remark]').fill('签到表漏登');
    await row.locator('button').click();
    await page.waitForURL(`${base}/console/classes/${classId}?session=${sessionId}`);
    expect(await page.locator('.error').count()).toBe(0);
    expect(await page.locator('#roll tr[data-person] td:first-child').allTextContents()).not.toContain('赵六');
    expect((await marks())['赵六']).toBe('PRESENT:签到表漏登');
    expect(await hours()).toContain('赵六');

    // The newcomer was never on that session's list: the form refuses them politely and records nothing.
    const csrf = csrfIn((await web.inject({ method: 'GET', url: '/console', headers: { cookie: `yanxiu_session=${cookies['李老师']}` } })).body);
    const refused = await web.inject({ method: 'POST', url: `/console/classes/${classId}/sessions/${sessionId}/attendance`, headers: { cookie: `yanxiu_session=${cookies['李老师']}` }, payload: { _csrf: csrf, personId: String(newcomer.id), status: 'PRESENT' } });
    expect((await web.inject({ method: 'GET', url: refused.headers.location as string, headers: { cookie: `yanxiu_session=${cookies['李老师']}` } })).body).toContain('这位学员不在本班名单里。');
    expect((await marks())['周新']).toBeUndefined();
  });
});
