import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openDatabase } from '../src/db/client.ts';
import { checkinBurst } from './checkin-burst.ts';

// npm run bench [-- --trainees 500]   (BENCH_DATABASE_URL=postgresql://… to measure on PostgreSQL)
// Prints a table and writes bench/results/checkin-burst.json. Figures are ratios against a raw
// baseline measured in the same run, on the same database, so they mean the same on any machine.

const { values } = parseArgs({ options: { trainees: { type: 'string', default: '500' } } });
const n = Number(values.trainees);
const db = await openDatabase(process.env.BENCH_DATABASE_URL ? { url: process.env.BENCH_DATABASE_URL } : { dataDir: 'memory' });
try {
  const result = await checkinBurst(db, n);
  console.table({
    'check-ins / s (inbound path)': result.checkinsPerSecond,
    'raw single-row INSERTs / s': result.rawInsertsPerSecond,
    'ratio (target ≥ 1.0 in issue 8)': result.ratio,
    'p50 ms per message': result.p50Ms,
    'p99 ms per message': result.p99Ms,
    'check-ins recorded': result.recorded,
    'messages the bot sent': result.outboundMessages,
  });
  const dir = path.resolve(import.meta.dirname, 'results');
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, 'checkin-burst.json'), `${JSON.stringify({ at: new Date().toISOString(), ...result }, null, 2)}\n`);
  if (result.recorded !== n) {
    console.error(`lost check-ins: ${n - result.recorded}`);
    process.exitCode = 1;
  }
} finally {
  await db.close();
}
