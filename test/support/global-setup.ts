import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';

// The database tests run on embedded PGlite and on a real PostgreSQL server. CI (.ci/run) starts the
// server and sets TEST_DATABASE_URL; on a developer machine with PostgreSQL's binaries installed a
// throwaway cluster is started here, so `npm test` alone runs everything.

declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string | null;
  }
}

const PG_BIN = ['/usr/lib/postgresql/17/bin', '/usr/lib/postgresql/16/bin', '/usr/lib/postgresql/15/bin'].find((d) => existsSync(path.join(d, 'pg_ctl')));

function asPostgres(args: string[]): void {
  const isRoot = process.getuid?.() === 0;
  const [cmd, ...rest] = args;
  const result = isRoot
    ? spawnSync('su', ['postgres', '-s', '/bin/sh', '-c', args.map((a) => `'${a}'`).join(' ')], { encoding: 'utf8' })
    : spawnSync(cmd!, rest, { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${args.join(' ')} failed: ${result.stderr || result.stdout}`);
}

export default function setup(project: TestProject) {
  if (process.env.TEST_DATABASE_URL) {
    project.provide('postgresUrl', process.env.TEST_DATABASE_URL);
    return;
  }
  if (!PG_BIN) {
    if (process.env.CI) throw new Error('CI needs PostgreSQL: set TEST_DATABASE_URL or install postgresql');
    console.warn('PostgreSQL binaries not found: database tests run on PGlite only');
    project.provide('postgresUrl', null);
    return;
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'yanxiu-pg-'));
  chmodSync(dir, 0o777);
  const port = 54_000 + Math.floor(Math.random() * 1000);
  if (process.getuid?.() === 0) execFileSync('chown', ['postgres', dir]);
  asPostgres([path.join(PG_BIN, 'initdb'), '-D', path.join(dir, 'data'), '-A', 'trust', '-U', 'postgres', '--no-sync']);
  asPostgres([path.join(PG_BIN, 'pg_ctl'), '-D', path.join(dir, 'data'), '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`, '-l', path.join(dir, 'log'), '-w', 'start']);
  project.provide('postgresUrl', `postgresql://postgres@127.0.0.1:${port}/postgres`);
  return () => {
    try {
      asPostgres([path.join(PG_BIN, 'pg_ctl'), '-D', path.join(dir, 'data'), '-m', 'immediate', 'stop']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
}
