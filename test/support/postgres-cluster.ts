import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const PG_BIN = ['/usr/lib/postgresql/17/bin', '/usr/lib/postgresql/16/bin', '/usr/lib/postgresql/15/bin'].find((d) => existsSync(path.join(d, 'pg_ctl')));

function asPostgres(args: string[]): void {
  const isRoot = process.getuid?.() === 0;
  const [cmd, ...rest] = args;
  const result = isRoot
    ? spawnSync('su', ['postgres', '-s', '/bin/sh', '-c', args.map((a) => `'${a}'`).join(' ')], { encoding: 'utf8' })
    : spawnSync(cmd!, rest, { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${args.join(' ')} failed: ${result.stderr || result.stdout}`);
}

/**
 * Starts a throwaway PostgreSQL cluster on loopback from Debian's binaries (tests and benchmarks on a
 * developer machine); null when PostgreSQL is not installed.
 */
export function startPostgresCluster(): { url: string; stop: () => void } | null {
  if (!PG_BIN) return null;
  const dir = mkdtempSync(path.join(tmpdir(), 'yanxiu-pg-'));
  chmodSync(dir, 0o777);
  const port = 54_000 + Math.floor(Math.random() * 1000);
  if (process.getuid?.() === 0) execFileSync('chown', ['postgres', dir]);
  asPostgres([path.join(PG_BIN, 'initdb'), '-D', path.join(dir, 'data'), '-A', 'trust', '-U', 'postgres', '--no-sync']);
  asPostgres([path.join(PG_BIN, 'pg_ctl'), '-D', path.join(dir, 'data'), '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`, '-l', path.join(dir, 'log'), '-w', 'start']);
  return {
    url: `postgresql://postgres@127.0.0.1:${port}/postgres`,
    stop: () => {
      try {
        asPostgres([path.join(PG_BIN, 'pg_ctl'), '-D', path.join(dir, 'data'), '-m', 'immediate', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
