import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openDatabase } from '../../src/db/client.ts';

// Opening PGlite and applying every migration took over a minute in a file's beforeAll on a loaded
// 2-core CI machine. The global setup migrates one database, dumps it, and each file loads that dump.
export async function buildPgliteSnapshot(): Promise<{ file: string; remove: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'yx-pglite-'));
  const db = await openDatabase({ dataDir: 'memory' });
  const dump = await db.dump!();
  await db.close();
  const file = path.join(dir, 'migrated.tar');
  await writeFile(file, Buffer.from(await dump.arrayBuffer()));
  return { file, remove: () => rm(dir, { recursive: true, force: true }) };
}
