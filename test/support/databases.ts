import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import pg from 'pg';
import { inject } from 'vitest';
import { openDatabase, type Database } from '../../src/db/client.ts';

export type DatabaseKind = 'pglite' | 'postgresql';

/** The databases every database test runs on: PGlite always, PostgreSQL when a server is available. */
export function databaseKinds(): DatabaseKind[] {
  return inject('postgresUrl') ? ['pglite', 'postgresql'] : ['pglite'];
}

export interface TestDatabase extends Database {
  url: string | null;
  /** Empties every table (keeps the migrations), for a fresh start between tests. */
  reset(): Promise<void>;
}

/** Opens a migrated database of a kind: PGlite in memory, or a new database on the PostgreSQL server. */
export async function openTestDatabase(kind: DatabaseKind): Promise<TestDatabase> {
  let url: string | null = null;
  let drop = async () => {};
  if (kind === 'postgresql') {
    const admin = inject('postgresUrl');
    if (!admin) throw new Error('no PostgreSQL server for tests');
    const name = `yx_test_${randomBytes(6).toString('hex')}`;
    const client = new pg.Client({ connectionString: admin });
    await client.connect();
    await client.query(`CREATE DATABASE ${name}`);
    await client.end();
    url = admin.replace(/\/[^/?]*(\?|$)/, `/${name}$1`);
    drop = async () => {
      const c = new pg.Client({ connectionString: admin });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    };
  }
  const db = await openDatabase(url ? { url } : { dataDir: 'memory', snapshot: await migratedSnapshot() });
  const tables = (await db.prisma.$queryRawUnsafe<{ tablename: string }[]>(
    `SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'`,
  )).map((t) => `"${t.tablename}"`);
  return {
    ...db,
    url,
    reset: async () => {
      await db.prisma.$executeRawUnsafe(`TRUNCATE ${tables.join(', ')} RESTART IDENTITY CASCADE`);
    },
    close: async () => {
      await db.close();
      await drop();
    },
  };
}

/** The migrated PGlite the global setup dumped (loading it is much faster than migrating again). */
async function migratedSnapshot(): Promise<Blob> {
  return new Blob([await readFile(inject('pgliteSnapshot'))]);
}
