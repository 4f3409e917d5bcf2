import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import { PrismaClient } from '../generated/prisma/client.ts';
import { applyMigrations, readMigrations } from './schema-engine.ts';

export type Db = PrismaClient;

/** Runs one SQL statement with $1… parameters and returns its rows. */
export type SqlQuery = <T = Record<string, unknown>>(sql: string, params?: unknown[]) => Promise<T[]>;

/** The same through Prisma's connection (PGlite, and callers that only have the client). */
export const prismaQuery =
  (prisma: PrismaClient): SqlQuery =>
  <T,>(sql: string, params: unknown[] = []) =>
    prisma.$queryRawUnsafe<T[]>(sql, ...params);

export interface Database {
  prisma: PrismaClient;
  kind: 'pglite' | 'postgresql';
  /** The adapter factory, for the schema engine (migrations). */
  adapterFactory: SqlMigrationAwareDriverAdapterFactory;
  /**
   * SQL straight through the driver, for the hot multi-row statements (a 500-row insert costs Prisma
   * more than the database) and benchmark baselines. Return timestamps as numbers (epoch ms): the
   * driver would read \`timestamp\` columns in the process's time zone.
   */
  query: SqlQuery;
  /** PGlite only: its data directory as a tarball, which `snapshot` opens again. */
  dump?: () => Promise<Blob>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** postgresql://… ; when absent the embedded PGlite is used. */
  url?: string;
  /** Directory for PGlite's files; 'memory' keeps it in memory (tests, transcripts). */
  dataDir?: string;
  migrate?: boolean;
  /** A dump of a PGlite data directory (PGlite's dumpDataDir) to start the in-memory database from. */
  snapshot?: Blob;
}

/** Opens PostgreSQL (when a URL is given) or embedded PGlite, applying pending migrations first. */
export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  const db = options.url ? openPostgres(options.url) : await openPglite(options.dataDir ?? 'memory', options.snapshot);
  if ((options.migrate ?? true) && !(await migrationsAllApplied(db.prisma))) await applyMigrations(db.adapterFactory);
  return db;
}

/**
 * True when every migration in prisma/migrations has been applied: then the schema engine (a
 * WebAssembly module that keeps ~35 MB for the life of the process) need not be loaded at all.
 */
async function migrationsAllApplied(prisma: PrismaClient): Promise<boolean> {
  const wanted = (await readMigrations()).migrationDirectories.map((m) => m.path);
  const applied = await prisma
    .$queryRawUnsafe<{ migration_name: string }[]>(`SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`)
    .catch(() => []);
  const done = new Set(applied.map((r) => r.migration_name));
  return wanted.every((name) => done.has(name));
}

function openPostgres(url: string): Database {
  const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: url, max: 10 }) });
  // The schema engine takes PostgreSQL's advisory lock on one connection and releases it on the same
  // one: with a pool it may unlock on another connection and leave the lock held, so one connection.
  const adapterFactory = new PrismaPg({ connectionString: url, max: 1 });
  let rawPool: pg.Pool | undefined;
  return {
    prisma,
    kind: 'postgresql',
    adapterFactory,
    query: async <T,>(sql: string, params?: unknown[]) => {
      if (!rawPool) {
        rawPool = new pg.Pool({ connectionString: url, max: 5 });
        // A connection dropped while idle (a database restart) must not crash the process; the next query reconnects.
        rawPool.on('error', () => undefined);
      }
      return (await rawPool.query(sql, params)).rows as T[];
    },
    close: async () => {
      await prisma.$disconnect();
      await rawPool?.end();
    },
  };
}

async function openPglite(dataDir: string, snapshot?: Blob): Promise<Database> {
  // Loaded only when used: PGlite's module costs ~50 MB of memory that a PostgreSQL deployment needn't carry.
  const [{ PGlite }, { PrismaPGlite }] = await Promise.all([import('@electric-sql/pglite'), import('pglite-prisma-adapter')]);
  let pglite: InstanceType<typeof PGlite>;
  if (dataDir === 'memory') {
    pglite = new PGlite(snapshot ? { loadDataDir: snapshot } : undefined);
  } else {
    const dir = path.resolve(dataDir);
    await mkdir(path.dirname(dir), { recursive: true });
    pglite = new PGlite(dir);
  }
  await pglite.waitReady;
  const adapterFactory = new PrismaPGlite(pglite);
  const prisma = new PrismaClient({ adapter: adapterFactory });
  return {
    prisma,
    kind: 'pglite',
    adapterFactory,
    // PGlite has one connection, shared with Prisma's transactions: go through Prisma to stay out of them.
    query: prismaQuery(prisma),
    dump: () => pglite.dumpDataDir('none'),
    close: async () => {
      await prisma.$disconnect();
      await pglite.close();
    },
  };
}
