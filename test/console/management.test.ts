import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlaygroundOutbox } from '../../src/adapters/playground/playground-outbox.ts';
import type { Bot } from '../../src/bot/create-bot.ts';
import { startSession } from '../../src/features/access/console-accounts.ts';
import { exampleSetup } from '../support/chat.ts';
import { csrfIn, startConsole } from '../support/console.ts';
import { openTestDatabase, type TestDatabase } from '../support/databases.ts';
import { jobKinds, jobsOption, useTestRedis } from '../support/redis.ts';

const redis = useTestRedis();

// Classes, tutors, sessions and assignments made in the console reach the same data and the same
// group messages as when made in chat.

describe.each(jobKinds)('managing classes from the console, jobs %s', (jobs) => {
  let db: TestDatabase;
  let bot: Bot;
  let web: FastifyInstance;
  let chatOutbox: PlaygroundOutbox;
  const cookie: Record<string, string> = {};

  beforeAll(async () => {
    db = await openTestDatabase('pglite');
    const setup = exampleSetup();
    setup.groups = [{ platform: 'playground', chatId: 'g-math1', title: '小学数学1班群', class: '小学数学1班' }];
    setup.people.push({ name: '赵老师', phone: '13900000031', school: '实验小学' });
    ({ bot, web, chatOutbox } = await startConsole(db, { at: '2026-11-23T08:00:00+08:00', setup, ...jobsOption(jobs, redis) }));
    for (const name of ['李老师', '王主任', '赵老师']) {
      const person = await db.prisma.person.findFirstOrThrow({ where: { name } });
      cookie[name] = `yanxiu_session=${await startSession(bot.app, person.id)}`;
    }
  }, 60_000);
  afterAll(async () => {
    await web?.close();
    await bot?.stop();
    await db?.close();
  });

  const page = (url: string, who: string) => web.inject({ method: 'GET', url, headers: { cookie: cookie[who]! } });
  const post = async (url: string, who: string, form: Record<string, string>, from = '/console') =>
    web.inject({ method: 'POST', url, headers: { cookie: cookie[who]! }, payload: { _csrf: csrfIn((await page(from, who)).body), ...form } });
  const classId = async (name: string) => (await db.prisma.trainingClass.findFirstOrThrow({ where: { name } })).id;

  it('when the county contact creates a class and names its tutor by phone, the tutor sees it in the console', async () => {
    const project = await db.prisma.project.findFirstOrThrow();
    const created = await post('/console/classes', '王主任', { project: String(project.id), name: '小学英语1班' });
    expect(created.statusCode).toBe(303);
    const id = await classId('小学英语1班');
    expect(created.headers.location).toBe(`/console/classes/${id}`);
    expect((await page('/console', '赵老师')).body).not.toContain('小学英语1班');
    expect((await post(`/console/classes/${id}/tutors`, '王主任', { phone: '139 0000 0031' })).statusCode).toBe(303);
    expect((await page('/console', '赵老师')).body).toContain('小学英语1班');
    expect((await page(`/console/classes/${id}`, '王主任')).body).toContain('辅导老师：赵老师');
    // A tutor cannot name tutors.
    expect((await post(`/console/classes/${await classId('小学数学1班')}/tutors`, '李老师', { phone: '13900000031' })).statusCode).toBe(403);
    expect(await db.prisma.auditLog.count({ where: { action: { in: ['class.create', 'role.grant'] }, actor: { startsWith: 'console:' } } })).toBe(2);
  });

  it('when the tutor sets an assignment in the console the class group is told, and the board lists who has not handed in', async () => {
    const id = await classId('小学数学1班');
    const response = await post(`/console/classes/${id}/assignments`, '李老师', { title: '教学设计', description: '分数单元一课时', date: '2026-11-25', time: '18:00', hours: '2' });
    expect(response.statusCode).toBe(303);
    expect(chatOutbox.sent.filter((r) => r.chat === 'g-math1').map((r) => r.text).join('\n')).toContain('教学设计');
    const board = (await page(`/console/classes/${id}`, '李老师')).body;
    expect(board).toContain('未交 6 人');
    expect(board).toContain('张三、李四、王五');
  });

  it('when the tutor cancels a session in the console the group hears it; the tutor of another class cannot', async () => {
    const id = await classId('小学数学1班');
    await post(`/console/classes/${id}/sessions`, '李老师', { title: '专家讲座', date: '2026-11-24', start: '14:00', end: '17:00', hours: '3' });
    const session = await db.prisma.trainingSession.findFirstOrThrow({ where: { title: '专家讲座' } });
    const english = await classId('小学英语1班');
    const foreign = await post(`/console/classes/${english}/sessions/${session.id}/cancel`, '赵老师', {});
    expect(foreign.headers.location).toContain('error=');
    expect((await db.prisma.trainingSession.findUniqueOrThrow({ where: { id: session.id } })).status).toBe('SCHEDULED');
    expect((await post(`/console/classes/${id}/sessions/${session.id}/cancel`, '赵老师', {})).statusCode).toBe(404);
    expect((await post(`/console/classes/${id}/sessions/${session.id}/cancel`, '李老师', { reason: '专家行程变更', confirm: 'yes' })).statusCode).toBe(303);
    expect((await db.prisma.trainingSession.findUniqueOrThrow({ where: { id: session.id } })).status).toBe('CANCELLED');
    expect(chatOutbox.sent.filter((r) => r.chat === 'g-math1').at(-1)?.text).toContain('专家行程变更');
  });

  it('when the tutor moves a session in the console its window moves and the group is told', async () => {
    const id = await classId('小学数学1班');
    await post(`/console/classes/${id}/sessions`, '李老师', { title: '课例研讨', date: '2026-11-26', start: '08:30', end: '11:30', hours: '3' });
    const session = await db.prisma.trainingSession.findFirstOrThrow({ where: { title: '课例研讨' } });
    const moved = await post(`/console/classes/${id}/sessions/${session.id}/move`, '李老师', { date: '2026-11-27', start: '14:00', end: '17:00' });
    expect(moved.headers.location).toBe(`/console/classes/${id}`);
    const after = await db.prisma.trainingSession.findUniqueOrThrow({ where: { id: session.id } });
    expect(after.startsAt.toISOString()).toBe('2026-11-27T06:00:00.000Z');
    expect(after.checkinOpensAt.toISOString()).toBe('2026-11-27T05:30:00.000Z');
    expect(chatOutbox.sent.filter((r) => r.chat === 'g-math1').at(-1)?.text).toContain('11月27日 14:00');
    const unreadable = await post(`/console/classes/${id}/sessions/${session.id}/move`, '李老师', { date: '明天', start: '14:00', end: '17:00' });
    expect((await page(unreadable.headers.location as string, '李老师')).body).toContain('请填写日期、开始和结束时间');
  });

  it('when the tutor gives a session a check-in code in the console, 签到 without it is refused and with it recorded', async () => {
    const id = await classId('小学数学1班');
    await post(`/console/classes/${id}/sessions`, '李老师', { title: '口令课', date: '2026-11-23', start: '08:30', end: '11:30', hours: '3', code: 'A7' });
    const session = await db.prisma.trainingSession.findFirstOrThrow({ where: { title: '口令课' } });
    expect(session.code).toBe('A7');
    const say = (text: string, n: number) =>
      bot.handler.handle({ chat: { platform: 'playground', id: 'g-math1', kind: 'group', title: '小学数学1班群' }, sender: { id: 'u-zhang3', name: '张三' }, text, mentions: [], addressedToBot: false, attachments: [], messageId: `code-${n}`, sentAt: new Date('2026-11-23T00:20:00Z') });
    await bot.handler.handle({ chat: { platform: 'playground', id: 'g-math1', kind: 'group', title: '小学数学1班群' }, sender: { id: 'u-zhang3', name: '张三' }, text: '绑定 张三 1111', mentions: [], addressedToBot: false, attachments: [], messageId: 'code-bind', sentAt: new Date('2026-11-23T00:19:00Z') });
    await say('签到', 1);
    expect(await db.prisma.checkIn.count({ where: { sessionId: session.id } })).toBe(0);
    await say('签到 a7', 2);
    expect(await db.prisma.checkIn.count({ where: { sessionId: session.id } })).toBe(1);
    const bad = await post(`/console/classes/${id}/sessions`, '李老师', { title: '坏口令', date: '2026-11-28', start: '08:30', end: '11:30', hours: '3', code: '口令' });
    expect((await page(bad.headers.location as string, '李老师')).body).toContain('签到口令只能是');
  });
});
