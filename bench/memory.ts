import { PlaygroundOutbox } from '../src/adapters/playground/playground-outbox.ts';
import { createBot } from '../src/bot/create-bot.ts';
import { parseConfig } from '../src/config.ts';
import { ManualClock } from '../src/core/ports.ts';
import type { Database } from '../src/db/client.ts';
import { createLogger } from '../src/logger.ts';

export interface MemoryResult {
  groups: number;
  trainees: number;
  checkIns: number;
  database: string;
  rssMbBefore: number;
  rssMbAfter: number;
  heapMbAfter: number;
}

const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;

/**
 * The bot serving `groups` class groups of `perGroup` trainees each, all with a session open, after
 * every trainee checked in once: the process's resident memory (the embedded database included when
 * it is PGlite, which lives in this process).
 */
export async function memoryAfterBurst(db: Database, groups: number, perGroup: number): Promise<MemoryResult> {
  const p = db.prisma;
  const province = await p.region.create({ data: { name: '内存省', level: 'PROVINCE' } });
  const county = await p.region.create({ data: { name: '内存县', level: 'COUNTY', parentId: province.id } });
  const school = await p.school.create({ data: { name: '内存小学', regionId: county.id } });
  const project = await p.project.create({ data: { name: '内存项目', level: 'COUNTY', year: 2026, regionId: county.id } });
  const startsAt = new Date('2026-11-23T00:30:00Z');
  for (let g = 0; g < groups; g++) {
    const cls = await p.trainingClass.create({ data: { name: `内存班${g}`, projectId: project.id } });
    await p.person.createMany({ data: Array.from({ length: perGroup }, (_, i) => ({ name: `学员${g}-${i}`, phone: `135${String(g * perGroup + i).padStart(8, '0')}`, schoolId: school.id })) });
    const persons = await p.person.findMany({ where: { name: { startsWith: `学员${g}-` } }, select: { id: true } });
    await p.identity.createMany({ data: persons.map((x, i) => ({ platform: 'playground', platformUserId: `m-${g}-${i}`, displayName: `学员${g}-${i}`, personId: x.id })) });
    await p.enrolment.createMany({ data: persons.map((x) => ({ classId: cls.id, personId: x.id })) });
    await p.groupChat.create({ data: { platform: 'playground', chatId: `mem-${g}`, title: `内存群${g}`, scope: 'CLASS', classId: cls.id } });
    await p.trainingSession.create({
      data: { classId: cls.id, title: '上午', startsAt, endsAt: new Date(startsAt.getTime() + 3 * 3600_000), checkinOpensAt: new Date(startsAt.getTime() - 1800_000), checkinClosesAt: new Date(startsAt.getTime() + 3 * 3600_000), lateAfter: new Date(startsAt.getTime() + 600_000), hours: 3 },
    });
  }
  global.gc?.();
  const before = process.memoryUsage().rss;
  const clock = new ManualClock(new Date(startsAt.getTime() - 300_000));
  const outbox = new PlaygroundOutbox(clock);
  const bot = await createBot({ config: parseConfig({ LOG_LEVEL: 'silent' }), database: db, outbox, clock, log: createLogger('silent') });
  let n = 0;
  for (let g = 0; g < groups; g++) {
    for (let i = 0; i < perGroup; i++) {
      await bot.handler.handle({ chat: { platform: 'playground', id: `mem-${g}`, kind: 'group' }, sender: { id: `m-${g}-${i}`, name: `学员${g}-${i}` }, text: '签到', mentions: [], addressedToBot: false, attachments: [], messageId: `mem-${n++}`, sentAt: clock.now() });
    }
  }
  clock.advance(10_000);
  await bot.scheduler.runDue();
  global.gc?.();
  const after = process.memoryUsage();
  await bot.stop();
  return { groups, trainees: groups * perGroup, checkIns: await p.checkIn.count(), database: db.kind, rssMbBefore: mb(before), rssMbAfter: mb(after.rss), heapMbAfter: mb(after.heapUsed) };
}
