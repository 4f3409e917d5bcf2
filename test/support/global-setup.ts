import type { TestProject } from 'vitest/node';
import { buildPgliteSnapshot } from './pglite-snapshot.ts';
import { startPostgresCluster } from './postgres-cluster.ts';

// The database tests run on embedded PGlite and on a real PostgreSQL server. CI (.ci/run) starts the
// server and sets TEST_DATABASE_URL; on a developer machine with PostgreSQL's binaries installed a
// throwaway cluster is started here, so `npm test` alone runs everything.

declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string | null;
    pgliteSnapshot: string;
  }
}

export default async function setup(project: TestProject) {
  const snapshot = await buildPgliteSnapshot();
  project.provide('pgliteSnapshot', snapshot.file);
  const stopPostgres = providePostgres(project);
  return async () => {
    await stopPostgres?.();
    await snapshot.remove();
  };
}

function providePostgres(project: TestProject): (() => unknown) | undefined {
  if (process.env.TEST_DATABASE_URL) {
    project.provide('postgresUrl', process.env.TEST_DATABASE_URL);
    return undefined;
  }
  const cluster = startPostgresCluster();
  if (!cluster) {
    if (process.env.CI) throw new Error('CI needs PostgreSQL: set TEST_DATABASE_URL or install postgresql');
    console.warn('PostgreSQL binaries not found: database tests run on PGlite only');
    project.provide('postgresUrl', null);
    return undefined;
  }
  project.provide('postgresUrl', cluster.url);
  return cluster.stop;
}
