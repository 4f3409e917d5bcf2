import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openDatabase, type Database } from '../src/db/client.ts';
import { checkinBurst } from './checkin-burst.ts';
import { hoursQuery } from './hours-query.ts';
import { noticeFanout } from './notice-fanout.ts';
import { memoryAfterBurst } from './memory.ts';
import { queueOverhead } from './queue-overhead.ts';

// npm run bench [-- --trainees 500 --recipients 2000 --teachers 100000 --jobs 2000 --only checkin|fanout|hours|queue|memory]
// (BENCH_DATABASE_URL=postgresql://… to measure on PostgreSQL; each benchmark gets an empty database.)
// Prints a table per benchmark and writes bench/results/<name>.json. Figures are ratios against a
// baseline measured in the same run (raw INSERTs) or against the configured limit, so they mean the
// same on any machine.

const { values } = parseArgs({
  options: {
    trainees: { type: 'string', default: '500' },
    recipients: { type: 'string', default: '2000' },
    schools: { type: 'string', default: '40' },
    teachers: { type: 'string' },
    jobs: { type: 'string', default: '2000' },
    only: { type: 'string' },
  },
});
const dir = path.resolve(import.meta.dirname, 'results');
await mkdir(dir, { recursive: true });

async function withDatabase<T>(run: (db: Database) => Promise<T>): Promise<T> {
  const url = process.env.BENCH_DATABASE_URL;
  const db = await openDatabase(url ? { url } : { dataDir: 'memory' });
  try {
    if (url) await db.rawQuery(`DO $$ DECLARE t text; BEGIN FOR t IN SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> '_prisma_migrations' LOOP EXECUTE format('TRUNCATE %I RESTART IDENTITY CASCADE', t); END LOOP; END $$`);
    return await run(db);
  } finally {
    await db.close();
  }
}

async function record(name: string, result: object): Promise<void> {
  await writeFile(path.join(dir, `${name}.json`), `${JSON.stringify({ at: new Date().toISOString(), ...result }, null, 2)}\n`);
}

if (!values.only || values.only === 'checkin') {
  const n = Number(values.trainees);
  const result = await withDatabase((db) => checkinBurst(db, n));
  console.log('\ncheck-in burst');
  console.table({
    'check-ins / s (inbound path)': result.checkinsPerSecond,
    'raw single-row INSERTs / s': result.rawInsertsPerSecond,
    'ratio (target ≥ 1.0 in issue 8)': result.ratio,
    'p50 ms per message': result.p50Ms,
    'p99 ms per message': result.p99Ms,
    'check-ins recorded': result.recorded,
    'messages the bot sent': result.outboundMessages,
  });
  await record('checkin-burst', result);
  if (result.recorded !== n) {
    console.error(`lost check-ins: ${n - result.recorded}`);
    process.exitCode = 1;
  }
}

if (!values.only || values.only === 'fanout') {
  const result = await withDatabase((db) => noticeFanout(db, Number(values.recipients), Number(values.schools)));
  console.log('\nopening-notice fan-out (Telegram limits, delivery log, local Bot API server)');
  console.table({
    recipients: result.recipients,
    'configured limit / s': result.configuredPerSecond,
    'achieved / s': result.achievedPerSecond,
    'fraction of limit (target ≥ 0.9)': result.fractionOfLimit,
    'most sends in any 1 s window': result.busiestSecond,
    duplicates: result.duplicates,
    losses: result.losses,
    seconds: result.seconds,
  });
  await record('notice-fanout', result);
  if (result.duplicates || result.losses || result.busiestSecond > result.configuredPerSecond) process.exitCode = 1;
}

if (!values.only || values.only === 'hours') {
  // 100,000 teachers on PostgreSQL as issue 8 asks; the embedded database gets 10,000 by default.
  const teachers = Number(values.teachers ?? (process.env.BENCH_DATABASE_URL ? 100_000 : 10_000));
  const result = await withDatabase((db) => hoursQuery(db, teachers, 40));
  console.log('\n学时 query');
  console.table({
    database: result.database,
    teachers: result.teachers,
    'records per teacher': result.recordsPerTeacher,
    'seconds to seed': result.seedSeconds,
    queries: result.queries,
    'p50 ms (target p99 ≤ 50)': result.p50Ms,
    'p99 ms': result.p99Ms,
  });
  await record('hours-query', result);
}

if (!values.only || values.only === 'queue') {
  const result = await queueOverhead(Number(values.jobs));
  console.log('\nqueue overhead (one local redis-server)');
  console.table({
    jobs: result.jobs,
    'BullMQ no-op jobs / s': result.rawJobsPerSecond,
    'our scheduler jobs / s': result.schedulerJobsPerSecond,
    'ratio (target ≥ 0.5)': result.ratio,
  });
  await record('queue-overhead', result);
}

if (!values.only || values.only === 'memory') {
  const result = await withDatabase((db) => memoryAfterBurst(db, 100, 100));
  console.log('\nmemory: 100 groups × 100 trainees, everyone checked in');
  console.table({
    database: result.database,
    trainees: result.trainees,
    'check-ins recorded': result.checkIns,
    'resident MB before the bot': result.rssMbBefore,
    'resident MB after the burst (target ≤ 250)': result.rssMbAfter,
    'JS heap MB after': result.heapMbAfter,
  });
  await record('memory', result);
}
