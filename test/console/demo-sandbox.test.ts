import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlaygroundOutbox } from '../../src/adapters/playground/playground-outbox.ts';
import type { Bot } from '../../src/bot/create-bot.ts';
import { exampleSetup } from '../support/chat.ts';
import { startSession } from '../../src/features/access/console-accounts.ts';
import { csrfIn, startConsole } from '../support/console.ts';
import { demoBrowser } from '../support/demo.ts';
import { openTestDatabase, type TestDatabase } from '../support/databases.ts';

// The public /demo as an outsider uses it: through its real routes, on a real port for the live
// feed. The demo is a sandbox — its personas may run only the demo's commands, in their own room's
// class — and every visitor has a room of their own.

const REFUSED = '演示群里不能使用这个命令';
const REAL_PROJECT = '2026年谯城区小学数学骨干教师培训';

describe('the public demo as a sandbox', () => {
  let db: TestDatabase;
  let bot: Bot;
  let web: FastifyInstance;
  let chatOutbox: PlaygroundOutbox;
  let base: string;

  beforeAll(async () => {
    db = await openTestDatabase('pglite');
    ({ bot, web, chatOutbox } = await startConsole(db, { at: '2026-11-23T08:20:00+08:00', setup: exampleSetup() }));
    base = await web.listen({ port: 0, host: '127.0.0.1' });
  }, 60_000);
  afterAll(async () => {
    await web.close();
    await bot.stop();
    await db.close();
  });

  const visit = () => demoBrowser(web, base).visit();
  const say = async (cookie: string, as: string, text: string, privately = false) => expect(await demoBrowser(web, base).say(cookie, as, text, privately)).toBe(200);
  const feed = (cookie: string, as: string) => demoBrowser(web, base).feed(cookie, as);
  const allFeeds = async (cookie: string) => (await Promise.all(['demo-tutor', 'demo-1', 'demo-2'].map((as) => feed(cookie, as)))).flat();
  const lastBotLine = async (cookie: string, as: string) => (await feed(cookie, as)).filter((l) => l.from === '研修助手').at(-1)?.text ?? '';

  it('when the demo tutor sends 登录 in the group or privately, no login code is issued and none appears in any feed', async () => {
    const visitor = await visit();
    await say(visitor, 'demo-tutor', '登录');
    await say(visitor, 'demo-tutor', '登录', true);
    expect(await db.prisma.consoleLoginCode.count()).toBe(0);
    const lines = await allFeeds(visitor);
    expect(lines.filter((l) => l.from === '研修助手').map((l) => l.text)).toEqual(expect.arrayContaining([expect.stringContaining(REFUSED)]));
    expect(lines.map((l) => l.text).join('\n')).not.toMatch(/\d{6}|\/console\/login\/link/);
  });

  it('when the demo tutor tries to create a class in a real project, no class is created', async () => {
    const visitor = await visit();
    const before = await db.prisma.trainingClass.count();
    await say(visitor, 'demo-tutor', `创建班级 钓鱼班 ${REAL_PROJECT}`, true);
    expect(await lastBotLine(visitor, 'demo-tutor')).toContain(REFUSED);
    expect(await db.prisma.trainingClass.count()).toBe(before);
  });

  it('when the demo tutor tries to record or accredit hours, no hour record is written or changed', async () => {
    const visitor = await visit();
    const before = JSON.stringify(await db.prisma.hourRecord.findMany({ select: { id: true, status: true } }));
    await say(visitor, 'demo-tutor', '登记学时 张伟 100 学校研修');
    expect(await lastBotLine(visitor, 'demo-tutor')).toContain(REFUSED);
    await say(visitor, 'demo-tutor', '认定学时', true);
    expect(await lastBotLine(visitor, 'demo-tutor')).toContain(REFUSED);
    expect(JSON.stringify(await db.prisma.hourRecord.findMany({ select: { id: true, status: true } }))).toBe(before);
  });

  it('when the demo tutor sends a notice, an opening notice or a broadcast, nothing is created and nobody outside the demo gets a message', async () => {
    const visitor = await visit();
    const sentBefore = chatOutbox.sent.length;
    await say(visitor, 'demo-tutor', '@研修助手 通知 明天上课 http://phish.example', true);
    await say(visitor, 'demo-tutor', `开班通知 小学数学1班 12月1日报到 http://phish.example`, true);
    await say(visitor, 'demo-tutor', '确认', true);
    expect(await db.prisma.broadcast.count()).toBe(0);
    expect(await db.prisma.openingNotice.count()).toBe(0);
    expect(chatOutbox.sent.slice(sentBefore)).toEqual([]);
    expect((await feed(visitor, 'demo-tutor')).filter((l) => l.from === '研修助手').every((l) => l.text.includes(REFUSED))).toBe(true);
  });

  it('when two visitors play at once, neither sees the other’s lines, in the group or privately', async () => {
    const a = await visit();
    const b = await visit();
    await say(a, 'demo-1', '签到');
    await say(a, 'demo-1', '学时 A的私聊', true);
    await say(b, 'demo-2', '请假 B家里有事');
    await say(b, 'demo-tutor', '帮助 B的私聊', true);
    const seenByA = (await allFeeds(a)).map((l) => l.text).join('\n');
    const seenByB = (await allFeeds(b)).map((l) => l.text).join('\n');
    expect(seenByA).toContain('学时 A的私聊');
    expect(seenByB).toContain('请假 B家里有事');
    expect(seenByA).not.toMatch(/B家里有事|B的私聊/);
    expect(seenByB).not.toMatch(/A的私聊/);
    expect(seenByB).not.toContain('签到\n');
    // A persona's private lines stay out of the other personas' view within one room, too.
    expect((await feed(a, 'demo-2')).map((l) => l.text)).not.toContain('学时 A的私聊');
  });

  it('when a visitor plays a session, the tutor opens it in their own demo class and the trainee checks in there', async () => {
    const visitor = await visit();
    await say(visitor, 'demo-tutor', '创建课次 今天 8:30-11:30 学时3');
    const sessions = await db.prisma.trainingSession.findMany({ include: { class: true } });
    expect(sessions).toHaveLength(1);
    expect(sessions[0]!.class.sandbox).toBe(true);
    await say(visitor, 'demo-1', '签到');
    const checkIns = await db.prisma.checkIn.findMany({ include: { person: true } });
    expect(checkIns.map((c) => [c.sessionId, c.person.name, c.person.sandbox])).toEqual([[sessions[0]!.id, '张伟', true]]);
  });

  it('when a demo persona somehow holds grants in a real class and county, it still cannot act outside its demo class', async () => {
    const visitor = await visit();
    await say(visitor, 'demo-tutor', '帮助', true);
    const tutor = await db.prisma.person.findFirstOrThrow({ where: { sandbox: true, name: '演示老师', identities: { some: { platformUserId: { startsWith: 'demo-r' } } } }, orderBy: { id: 'desc' } });
    const real = await db.prisma.trainingClass.findFirstOrThrow({ where: { name: '小学数学1班' } });
    const county = await db.prisma.region.findFirstOrThrow({ where: { name: '谯城区' } });
    await db.prisma.roleGrant.createMany({ data: [{ personId: tutor.id, role: 'TUTOR', classId: real.id }, { personId: tutor.id, role: 'COUNTY_CONTACT', regionId: county.id }, { personId: tutor.id, role: 'ADMIN' }] });
    const sessionsBefore = await db.prisma.trainingSession.count({ where: { classId: real.id } });
    await say(visitor, 'demo-tutor', `创建班级 钓鱼班 ${REAL_PROJECT}`, true);
    await say(visitor, 'demo-tutor', '登录', true);
    await say(visitor, 'demo-tutor', '创建课次 明天 8:30-11:30 学时3', true);
    await say(visitor, 'demo-tutor', '签到情况');
    await say(visitor, 'demo-tutor', '帮助', true);
    expect(await db.prisma.trainingClass.count({ where: { name: '钓鱼班' } })).toBe(0);
    expect(await db.prisma.consoleLoginCode.count()).toBe(0);
    expect(await db.prisma.trainingSession.count({ where: { classId: real.id } })).toBe(sessionsBefore);
    const seen = (await feed(visitor, 'demo-tutor')).filter((l) => l.from === '研修助手').map((l) => l.text).join('\n');
    expect(seen).not.toMatch(/小学数学1班|谯城区|骨干教师|孙八/);
    const help = (await lastBotLine(visitor, 'demo-tutor')).split('\n');
    expect(help.filter((l) => l.startsWith('· ')).map((l) => l.slice(2).split(/[ —]/)[0])).toEqual(['签到', '请假', '学时', '帮助', '创建课次', '签到情况', '结束签到']);
  });
  it('when /demo was visited, the administrator\'s class list, 全县概览, and the 新建班级 default know nothing of it, a demo class page is 404, and a roster without a 县区 column still imports', async () => {
    const visitor = await visit();
    await say(visitor, 'demo-tutor', '创建课次 今天 8:30-11:30 学时3');
    await say(visitor, 'demo-1', '签到');
    const admin = `yanxiu_session=${await startSession(bot.app, null)}`;
    const home = (await web.inject({ method: 'GET', url: '/console', headers: { cookie: admin } })).body;
    expect(home).toContain('小学数学1班');
    expect(home).not.toMatch(/演示班|演示项目|演示县|演示小学/);
    expect(/<select id="c-project" name="project"><option value="\d+">([^<]+)<\/option>/.exec(home)?.[1]).toBe(REAL_PROJECT);
    const overview = (await web.inject({ method: 'GET', url: '/console/overview', headers: { cookie: admin } })).body;
    expect(overview).toContain('城关小学');
    expect(overview).not.toMatch(/演示班|演示项目|演示县|演示小学/);
    const demoClass = await db.prisma.trainingClass.findFirstOrThrow({ where: { sandbox: true } });
    expect((await web.inject({ method: 'GET', url: `/console/classes/${demoClass.id}`, headers: { cookie: admin } })).statusCode).toBe(404);
    // A roster file of one county, without a 县区 column, as most are.
    const boundary = '----demo-roster';
    const part = (headers: string, body: string) => `--${boundary}\r\n${headers}\r\n\r\n${body}\r\n`;
    const payload = part('Content-Disposition: form-data; name="_csrf"', csrfIn(home)) + part('Content-Disposition: form-data; name="file"; filename="名单.csv"\r\nContent-Type: text/csv', '姓名,手机号,学校,班级,学科\n周杰,13800009991,城关小学,小学数学1班,数学') + `--${boundary}--\r\n`;
    const preview = await web.inject({ method: 'POST', url: '/console/roster/preview', headers: { cookie: admin, 'content-type': `multipart/form-data; boundary=${boundary}` }, payload: Buffer.from(payload) });
    expect(preview.statusCode).toBe(200);
    expect(preview.body).not.toContain('有多个县区');
    // Nor can a roster name the demo's class.
    const intoDemo = part('Content-Disposition: form-data; name="_csrf"', csrfIn(home)) + part('Content-Disposition: form-data; name="file"; filename="名单.csv"\r\nContent-Type: text/csv', `姓名,手机号,学校,班级,县区\n周杰,13800009991,演示小学,${demoClass.name},演示县`) + `--${boundary}--\r\n`;
    const refused = await web.inject({ method: 'POST', url: '/console/roster/preview', headers: { cookie: admin, 'content-type': `multipart/form-data; boundary=${boundary}` }, payload: Buffer.from(intoDemo) });
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toContain('县区「演示县」不存在');
  });

  it('when the demo tutor creates sessions far ahead or many of them, the room keeps a handful within the week', async () => {
    const visitor = await visit();
    await say(visitor, 'demo-tutor', '创建课次 2029年12月30日 8:30-11:30 学时3');
    expect(await lastBotLine(visitor, 'demo-tutor')).toContain('演示群只能创建今天到 7 天内的课次。');
    for (const hour of [9, 10, 11, 12, 13, 14, 15]) await say(visitor, 'demo-tutor', `创建课次 明天 ${hour}:00-${hour}:30 学时1`);
    expect(await lastBotLine(visitor, 'demo-tutor')).toContain('每个演示房间最多 6 个课次，请先用已有的课次体验签到。');
    const sessions = await db.prisma.trainingSession.findMany({ where: { class: { sandbox: true } } });
    expect(sessions.filter((x) => x.startsAt.getTime() >= new Date('2026-11-24T00:00:00+08:00').getTime())).toHaveLength(6);
    expect(sessions.some((x) => x.startsAt.getFullYear() > 2026)).toBe(false);
  });
});
