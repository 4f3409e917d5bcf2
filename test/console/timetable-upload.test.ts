import { Queue } from 'bullmq';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Bot } from '../../src/bot/create-bot.ts';
import { startSession } from '../../src/features/access/console-accounts.ts';
import { jobId } from '../../src/core/job-id.ts';
import { formatChinaDateTime } from '../../src/core/time/parse-time-phrase.ts';
import { exampleSetup } from '../support/chat.ts';
import { csrfIn, startConsole } from '../support/console.ts';
import { openTestDatabase, type TestDatabase } from '../support/databases.ts';
import { freshQueueName, jobKinds, useTestRedis } from '../support/redis.ts';

// A tutor uploads the class's timetable on the class page through the console's real routes: a file
// with one bad row (and one clash) writes nothing and lists the lines; the corrected file is previewed
// and, confirmed, becomes sessions whose open/remind/close jobs are scheduled (on BullMQ in Redis too).
// The class's dates and venue are saved from the same page. Trainees, strangers, the tutor of another
// class, a post without the CSRF token or from another site are refused and change nothing.

const redis = useTestRedis();
const BAD = '日期,开始,结束,课程,学时,主讲,地点\n2026-12-07,8:30,11:30,开班仪式,3,王教授,报告厅\n2026-12-07,14:30,17:30,新课标解读,3,李教授,报告厅\n2026-12-08,8:30,7:30,,3,,\n2026-12-08,9:00,10:00,,3,,\n';
const GOOD = '日期,开始,结束,课程,学时,主讲,地点\n2026-12-07,8:30,11:30,开班仪式,3,王教授,报告厅\n2026-12-07,14:30,17:30,新课标解读,3,李教授,报告厅\n12月8日,14:30,17:30,课例研讨,3,,三楼会议室\n';

describe.each(jobKinds)('the timetable upload on the console, jobs %s', (jobs) => {
  let db: TestDatabase;
  let bot: Bot;
  let web: FastifyInstance;
  let base: string;
  let tutor: string;
  let classId: number;
  const queueName = freshQueueName('timetable-console');

  beforeAll(async () => {
    db = await openTestDatabase('pglite');
    const setup = exampleSetup();
    setup.projects.push({ name: '2026年谯城区小学语文教师培训', level: 'COUNTY', year: 2026 });
    setup.classes.push({ name: '小学语文1班', project: '2026年谯城区小学语文教师培训' });
    setup.people.push({ name: '赵老师', phone: '13900000031', school: '实验小学', roles: [{ role: 'TUTOR', class: '小学语文1班' }] });
    ({ bot, web } = await startConsole(db, { at: '2026-12-03T09:00:00+08:00', setup, ...(jobs === 'bullmq' ? { bullmq: { url: redis(), queue: queueName } } : {}) }));
    base = await web.listen({ host: '127.0.0.1', port: 0 });
    const li = await db.prisma.person.findFirstOrThrow({ where: { name: '李老师' } });
    tutor = `yanxiu_session=${await startSession(bot.app, li.id)}`;
    classId = (await db.prisma.trainingClass.findFirstOrThrow({ where: { name: '小学数学1班' } })).id;
    // An existing session the file's last bad row clashes with.
    await db.prisma.trainingSession.create({
      data: { classId, title: '已有课次', startsAt: new Date('2026-12-08T09:30:00+08:00'), endsAt: new Date('2026-12-08T10:30:00+08:00'), checkinOpensAt: new Date('2026-12-08T09:00:00+08:00'), lateAfter: new Date('2026-12-08T09:40:00+08:00'), checkinClosesAt: new Date('2026-12-08T10:30:00+08:00'), hours: 1 },
    });
  }, 60_000);
  afterAll(async () => {
    await web?.close();
    await bot?.stop();
    await db?.close();
  });

  const page = async (cookie: string) => fetch(`${base}/console/classes/${classId}`, { headers: { cookie } });
  const upload = async (cookie: string, csv: string, csrf?: string, headers: Record<string, string> = {}) => {
    const form = new FormData();
    form.set('_csrf', csrf ?? csrfIn(await (await page(cookie)).text()));
    form.set('file', new Blob([csv]), 'timetable.csv');
    const response = await fetch(`${base}/console/classes/${classId}/timetable/preview`, { method: 'POST', body: form, headers: { cookie, ...headers } });
    return { status: response.status, body: await response.text() };
  };
  const sessions = () => db.prisma.trainingSession.findMany({ where: { classId, title: { not: '已有课次' } }, orderBy: { startsAt: 'asc' } });

  it('when the tutor opens the class page it offers the dates-and-venue form and the timetable upload', async () => {
    const body = await (await page(tutor)).text();
    expect(body).toContain('导入课表');
    expect(body).toContain('action="/console/classes/' + classId + '/timetable/preview"');
    expect(body).toContain('培训日期与地点');
  });

  it('when the file has a bad row and a clash nothing is written and each line is named', async () => {
    const { status, body } = await upload(tutor, BAD);
    expect(status).toBe(422);
    expect(body).toContain('整份课表都没有导入');
    expect(body).toContain('第 4 行：结束时间应晚于开始时间');
    expect(body).toContain('第 5 行：12月8日 09:00–10:00 与已有课次「已有课次」');
    expect(body).not.toContain('确认导入');
    expect(await sessions()).toEqual([]);
  });

  it('when a file holds more sessions or days than the chat allows (2,000 rows, or dates 70 days apart) it is refused with the cap and nothing is written', async () => {
    const header = '日期,开始,结束,课程,学时\n';
    const day = (offset: number) => new Date(Date.UTC(2026, 11, 10 + offset)).toISOString().slice(0, 10);
    const many = Array.from({ length: 2000 }, (_, i) => `${day(Math.floor(i / 4) % 60)},${8 + (i % 4) * 3}:00,${9 + (i % 4) * 3}:00,第${i + 1}次,1`).join('\n');
    const big = await upload(tutor, header + many);
    expect(big.status).toBe(422);
    expect(big.body).toContain('一次最多创建 200 个课次');
    expect(big.body).not.toContain('确认导入');
    const far = await upload(tutor, `${header}${day(0)},8:30,11:30,开班,3\n${day(70)},8:30,11:30,结业,3\n`);
    expect(far.status).toBe(422);
    expect(far.body).toContain('一次最多排 62 天的课表');
    const fits = await upload(tutor, header + Array.from({ length: 200 }, (_, i) => `${day(Math.floor(i / 4))},${8 + (i % 4) * 3}:00,${9 + (i % 4) * 3}:00,第${i + 1}次,1`).join('\n'));
    expect(fits.body).toContain('共 200 个课次，全部可以导入');
    expect(await sessions()).toEqual([]);
  });

  it('when the corrected file is previewed and confirmed the sessions are created with lecturer and place, and their jobs scheduled', async () => {
    const preview = await upload(tutor, GOOD);
    expect(preview.status).toBe(200);
    expect(preview.body).toContain('共 3 个课次，全部可以导入');
    expect(await sessions()).toEqual([]);
    const token = /name="upload" value="([^"]+)"/.exec(preview.body)![1]!;
    const pending = () => (bot.app.scheduler as unknown as { pendingCount(): number }).pendingCount();
    const pendingBefore = jobs === 'in-process' ? pending() : 0;
    const done = await fetch(`${base}/console/classes/${classId}/timetable/import`, {
      method: 'POST',
      headers: { cookie: tutor, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: csrfIn(preview.body), upload: token }),
    });
    expect(done.status).toBe(200);
    expect(await done.text()).toContain('已创建 3 个课次');
    const made = await sessions();
    expect(made.map((s) => [formatChinaDateTime(s.startsAt), s.title, s.lecturer, s.place, Number(s.hours)])).toEqual([
      ['12月7日 08:30', '开班仪式', '王教授', '报告厅', 3],
      ['12月7日 14:30', '新课标解读', '李教授', '报告厅', 3],
      ['12月8日 14:30', '课例研讨', null, '三楼会议室', 3],
    ]);
    if (jobs === 'bullmq') {
      const queue = new Queue(queueName, { connection: { host: new URL(redis()).hostname, port: Number(new URL(redis()).port) } });
      try {
        for (const s of made) {
          for (const kind of ['open', 'remind', 'close']) expect((await queue.getJob(jobId('session', s.id, kind)))?.name, `${kind} of ${s.id}`).toBeTruthy();
          expect((await queue.getJob(jobId('session', s.id, 'open')))!.data.__at).toBe(s.checkinOpensAt.toISOString());
        }
      } finally {
        await queue.close();
      }
    } else {
      // Three sessions, each with its opening, reminder and close.
      expect(pending() - pendingBefore).toBe(9);
    }
    // The same token twice creates nothing more.
    const again = await fetch(`${base}/console/classes/${classId}/timetable/import`, {
      method: 'POST',
      headers: { cookie: tutor, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: csrfIn(preview.body), upload: token }),
    });
    expect(again.status).toBe(410);
    expect(await sessions()).toHaveLength(3);
  });

  it('when the tutor saves dates and venue on the class page the class has them; bad coordinates are refused politely', async () => {
    const csrf = csrfIn(await (await page(tutor)).text());
    const post = (fields: Record<string, string>) =>
      fetch(`${base}/console/classes/${classId}/info`, { method: 'POST', redirect: 'manual', headers: { cookie: tutor, 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ _csrf: csrf, ...fields }) });
    expect((await post({ startsOn: '2026-12-07', endsOn: '2026-12-18', venue: '县教师发展中心三楼报告厅', latitude: '33.85', longitude: '115.78', radius: '300' })).status).toBe(303);
    const cls = await db.prisma.trainingClass.findUniqueOrThrow({ where: { id: classId } });
    expect(cls).toMatchObject({ venue: '县教师发展中心三楼报告厅', venueLatitude: 33.85, venueLongitude: 115.78, venueRadiusMeters: 300 });
    expect(cls.startsOn?.toISOString().slice(0, 10)).toBe('2026-12-07');
    const refused = await post({ latitude: '133', longitude: '115.78' });
    const location = refused.headers.get('location')!;
    expect(location).toContain('error=classInfo.badCoordinates');
    expect(await (await fetch(`${base}${location}`, { headers: { cookie: tutor } })).text()).toContain('坐标请写成「纬度,经度」');
    expect((await db.prisma.trainingClass.findUniqueOrThrow({ where: { id: classId } })).venueLatitude).toBe(33.85);
  });

  it('when a trainee, a stranger, another class’s tutor, a forged or cross-site post tries the upload it is refused and nothing changes', async () => {
    const before = await sessions();
    const zhao = await db.prisma.person.findFirstOrThrow({ where: { name: '赵老师' } });
    const other = `yanxiu_session=${await startSession(bot.app, zhao.id)}`;
    const zhang = await db.prisma.person.findFirstOrThrow({ where: { name: '张三' } });
    const trainee = `yanxiu_session=${await startSession(bot.app, zhang.id)}`;
    const NEW = '日期,开始,结束\n2026-12-09,8:30,11:30\n';
    expect((await upload(other, NEW, 'x')).status).toBe(404);
    // A trainee holds no role: the console does not know them at all.
    expect((await upload(trainee, NEW, 'x')).status).toBe(401);
    expect((await upload('yanxiu_session=nobody', NEW, 'x')).status).toBe(401);
    expect((await upload(tutor, NEW, 'forged')).status).toBe(403);
    expect((await upload(tutor, NEW, undefined, { origin: 'https://evil.example' })).status).toBe(403);
    expect(await sessions()).toEqual(before);
  });
});
