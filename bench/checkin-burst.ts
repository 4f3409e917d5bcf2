import { PlaygroundOutbox } from '../src/adapters/playground/playground-outbox.ts';
import { createBot } from '../src/bot/create-bot.ts';
import { parseConfig } from '../src/config.ts';
import type { InboundMessage } from '../src/core/message.ts';
import { ManualClock } from '../src/core/ports.ts';
import type { Database } from '../src/db/client.ts';
import { createLogger } from '../src/logger.ts';

export interface BurstResult {
  trainees: number;
  database: string;
  checkinsPerSecond: number;
  rawInsertsPerSecond: number;
  ratio: number;
  p50Ms: number;
  p99Ms: number;
  recorded: number;
  outboundMessages: number;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

/** Seeds one class of `n` bound trainees with an open session, directly through Prisma. */
async function seed(db: Database, n: number, startsAt: Date) {
  const p = db.prisma;
  const province = await p.region.create({ data: { name: '基准省', level: 'PROVINCE' } });
  const county = await p.region.create({ data: { name: '基准县', level: 'COUNTY', parentId: province.id } });
  const school = await p.school.create({ data: { name: '基准小学', regionId: county.id } });
  const project = await p.project.create({ data: { name: '基准项目', level: 'COUNTY', year: 2026, regionId: county.id } });
  const cls = await p.trainingClass.create({ data: { name: '基准班', projectId: project.id } });
  await p.person.createMany({ data: Array.from({ length: n }, (_, i) => ({ name: `学员${i}`, phone: `139${String(i).padStart(8, '0')}`, phoneLast4: String(i).padStart(4, '0'), schoolId: school.id })) });
  const persons = await p.person.findMany({ where: { schoolId: school.id }, orderBy: { id: 'asc' } });
  await p.identity.createMany({ data: persons.map((x, i) => ({ platform: 'playground', platformUserId: `bench-${i}`, displayName: x.name, personId: x.id })) });
  await p.enrolment.createMany({ data: persons.map((x) => ({ classId: cls.id, personId: x.id })) });
  await p.groupChat.create({ data: { platform: 'playground', chatId: 'bench-group', title: '基准群', scope: 'CLASS', classId: cls.id } });
  const minute = 60_000;
  await p.trainingSession.create({
    data: {
      classId: cls.id,
      title: '基准课次',
      startsAt,
      endsAt: new Date(startsAt.getTime() + 180 * minute),
      checkinOpensAt: new Date(startsAt.getTime() - 30 * minute),
      checkinClosesAt: new Date(startsAt.getTime() + 180 * minute),
      lateAfter: new Date(startsAt.getTime() + 10 * minute),
      hours: 3,
    },
  });
}

/**
 * N trainees of one group send 签到 within a second through the platform-neutral inbound path, one
 * message at a time as a platform delivers one chat's updates; the baseline is the same number of
 * single-row INSERTs through the raw driver into the same database, measured in the same run.
 */
export async function checkinBurst(db: Database, n: number): Promise<BurstResult> {
  const startsAt = new Date('2026-11-23T00:30:00Z');
  await seed(db, n, startsAt);
  const clock = new ManualClock(new Date(startsAt.getTime() - 5 * 60_000));
  const outbox = new PlaygroundOutbox(clock);
  const bot = await createBot({ config: parseConfig({ LOG_LEVEL: 'silent' }), database: db, outbox, clock, log: createLogger('silent') });
  const latencies: number[] = [];
  const started = performance.now();
  for (let i = 0; i < n; i++) {
    const message: InboundMessage = {
      chat: { platform: 'playground', id: 'bench-group', kind: 'group', title: '基准群' },
      sender: { id: `bench-${i}`, name: `学员${i}` },
      text: '签到',
      mentions: [],
      addressedToBot: false,
      attachments: [],
      messageId: `bench-msg-${i}`,
      sentAt: new Date(clock.now().getTime() + Math.floor((i / n) * 1000)),
    };
    const t0 = performance.now();
    await bot.handler.handle(message);
    latencies.push(performance.now() - t0);
  }
  const elapsed = (performance.now() - started) / 1000;
  clock.advance(10_000);
  await bot.scheduler.runDue();
  await bot.stop();
  const recorded = await db.prisma.checkIn.count();

  await db.rawQuery('CREATE TABLE bench_raw (session_id int NOT NULL, person_id int NOT NULL, status text NOT NULL, at timestamptz NOT NULL, UNIQUE (session_id, person_id))');
  const rawStarted = performance.now();
  for (let i = 0; i < n; i++) await db.rawQuery('INSERT INTO bench_raw VALUES ($1, $2, $3, $4)', [1, i, 'PRESENT', new Date()]);
  const rawElapsed = (performance.now() - rawStarted) / 1000;
  await db.rawQuery('DROP TABLE bench_raw');

  latencies.sort((a, b) => a - b);
  const checkinsPerSecond = n / elapsed;
  const rawInsertsPerSecond = n / rawElapsed;
  return {
    trainees: n,
    database: db.kind,
    checkinsPerSecond: Math.round(checkinsPerSecond),
    rawInsertsPerSecond: Math.round(rawInsertsPerSecond),
    ratio: Number((checkinsPerSecond / rawInsertsPerSecond).toFixed(3)),
    p50Ms: Number(percentile(latencies, 50).toFixed(2)),
    p99Ms: Number(percentile(latencies, 99).toFixed(2)),
    recorded,
    outboundMessages: outbox.sent.length,
  };
}
