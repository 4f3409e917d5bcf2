import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyMigrations, MIGRATIONS_DIR, pendingSchemaChange, readMigrations } from '../../src/db/schema-engine.ts';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../support/databases.ts';

describe.each(databaseKinds())('migrations on %s', (kind) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await openTestDatabase(kind);
  });
  afterAll(() => db?.close());

  it('when migrations already ran, running them again applies nothing', async () => {
    expect(await applyMigrations(db.adapterFactory)).toEqual([]);
  });

  it('when Prisma reads _prisma_migrations it finds every migration finished with the checksum of its file', async () => {
    const rows = await db.prisma.$queryRawUnsafe<{ migration_name: string; checksum: string; finished_at: Date | null; rolled_back_at: Date | null }[]>(
      'SELECT migration_name, checksum, finished_at, rolled_back_at FROM _prisma_migrations ORDER BY migration_name',
    );
    const onDisk = (await readMigrations()).migrationDirectories.map((d) => d.path);
    expect(rows.map((r) => r.migration_name)).toEqual(onDisk);
    for (const row of rows) {
      const sql = readFileSync(path.join(MIGRATIONS_DIR, row.migration_name, 'migration.sql'));
      expect(row.checksum).toBe(createHash('sha256').update(sql).digest('hex'));
      expect(row.finished_at).not.toBeNull();
      expect(row.rolled_back_at).toBeNull();
    }
  });
});

describe('the committed migrations', () => {
  it('when the schema changed without a new migration this fails (run npm run db:new-migration -- NAME)', async () => {
    const scratch = await openTestDatabase('pglite');
    try {
      expect(await pendingSchemaChange(scratch.adapterFactory)).toBe('');
    } finally {
      await scratch.close();
    }
  });
});
