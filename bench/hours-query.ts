import { formatHoursReport, hoursOf } from '../src/features/hours/hours.ts';
import { createBot } from '../src/bot/create-bot.ts';
import { parseConfig } from '../src/config.ts';
import { ManualClock } from '../src/core/ports.ts';
import type { Database } from '../src/db/client.ts';
import { PlaygroundOutbox } from '../src/adapters/playground/playground-outbox.ts';
import { createLogger } from '../src/logger.ts';

export interface HoursQueryResult {
  teachers: number;
  recordsPerTeacher: number;
  database: string;
  seedSeconds: number;
  queries: number;
  p50Ms: number;
  p99Ms: number;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

/**
 * `teachers` teachers with `perTeacher` hour records each (levels, statuses and years mixed), seeded
 * with set-based SQL; then the 学时 reply (policy lookup through the region chain, all records,
 * every requirement, the formatted text) for `queries` random teachers, one at a time.
 */
export async function hoursQuery(db: Database, teachers: number, perTeacher: number, queries = 1000): Promise<HoursQueryResult> {
  const seedStarted = performance.now();
  const p = db.prisma;
  const province = await p.region.create({ data: { name: '基准省', level: 'PROVINCE' } });
  const county = await p.region.create({ data: { name: '基准县', level: 'COUNTY', parentId: province.id } });
  await p.school.createMany({ data: Array.from({ length: 100 }, (_, i) => ({ name: `基准学校${i}`, regionId: county.id })) });
  const firstSchool = (await p.school.findFirstOrThrow({ orderBy: { id: 'asc' } })).id;
  await db.query(
    `INSERT INTO "Person" (name, phone, "phoneLast4", "schoolId", "createdAt")
     SELECT '教师' || g, '136' || lpad(g::text, 8, '0'), lpad((g % 10000)::text, 4, '0'), $1 + (g % 100), now() FROM generate_series(1, $2) g`,
    [firstSchool, teachers],
  );
  await db.query(
    `INSERT INTO "HourRecord" ("personId", hours, level, category, source, "sourceRef", "earnedOn", status, "createdAt")
     SELECT p.id, 1 + (k % 6), (ARRAY['NATIONAL','PROVINCIAL','CITY','COUNTY','SCHOOL'])[1 + k % 5]::"TrainingLevel",
            (ARRAY['集中培训','学校研修','工作坊','个人自修','网络研修'])[1 + k % 5], (ARRAY['SESSION','LOG','MANUAL','CERTIFICATE','ASSIGNMENT'])[1 + k % 5]::"HourSource",
            'bench:' || k, timestamp '2024-01-01' + ((k * 23) % 1000) * interval '1 day',
            (ARRAY['ACCREDITED','PENDING','ACCREDITED','REJECTED'])[1 + k % 4]::"AccreditationStatus", now()
     FROM "Person" p CROSS JOIN generate_series(1, $1) k`,
    [perTeacher],
  );
  await db.query('ANALYZE');
  const seedSeconds = (performance.now() - seedStarted) / 1000;

  const clock = new ManualClock(new Date('2026-11-23T02:00:00Z'));
  const bot = await createBot({ config: parseConfig({ LOG_LEVEL: 'silent' }), database: db, outbox: new PlaygroundOutbox(clock), clock, log: createLogger('silent') });
  const ids = (await db.prisma.$queryRawUnsafe<{ id: number }[]>('SELECT id FROM "Person" ORDER BY random() LIMIT $1', queries)).map((r) => r.id);
  const latencies: number[] = [];
  for (const id of ids) {
    const t0 = performance.now();
    const { policy, summary } = await hoursOf(bot.app, id);
    formatHoursReport(bot.app.t, '教师', policy, summary);
    latencies.push(performance.now() - t0);
  }
  await bot.stop();
  latencies.sort((a, b) => a - b);
  return { teachers, recordsPerTeacher: perTeacher, database: db.kind, seedSeconds: Number(seedSeconds.toFixed(1)), queries: ids.length, p50Ms: Number(percentile(latencies, 50).toFixed(2)), p99Ms: Number(percentile(latencies, 99).toFixed(2)) };
}
