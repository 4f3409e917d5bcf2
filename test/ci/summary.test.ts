import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import semver from 'semver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// What CI and an install report about themselves: .ci/run's summary line on a run with a planted
// failing hook (a real vitest run of two small files), and npm's engine check against the lock.

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../..');

describe('.ci/run and the install', () => {
  let dir: string;
  beforeAll(async () => {
    // Inside the project so the files find vitest; a hidden folder the suite's own pattern never reads.
    dir = await mkdtemp(path.join(root, '.ci-planted-'));
    await writeFile(path.join(dir, 'vitest.config.mjs'), 'export default { test: { include: ["*.planted.ts"], hookTimeout: 5000 } };\n');
    await writeFile(path.join(dir, 'fine.planted.ts'), "import { expect, it } from 'vitest';\nit('adds', () => expect(1 + 1).toBe(2));\nit('joins', () => expect('a' + 'b').toBe('ab'));\n");
    await writeFile(path.join(dir, 'hook.planted.ts'), "import { beforeAll, it } from 'vitest';\nbeforeAll(() => { throw new Error('planted: the database did not open'); });\nit('never runs', () => { throw new Error('unreachable: the hook failed first'); });\n");
  }, 60_000);
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('when a test file fails in its beforeAll, the summary line counts it as failed and CI exits non-zero', { timeout: 120_000 }, async () => {
    const report = path.join(dir, 'report.json');
    await run(process.execPath, [path.join(root, 'node_modules/vitest/vitest.mjs'), 'run', '--root', dir, '--config', path.join(dir, 'vitest.config.mjs'), '--reporter=json', `--outputFile=${report}`], { cwd: dir }).catch(() => undefined);
    expect(JSON.parse(await readFile(report, 'utf8')).numFailedTests).toBe(0);
    const summary = await run(process.execPath, [path.join(root, '.ci/summarize.mjs'), report]).then(
      (done) => ({ code: 0, out: done.stdout }),
      (error: { code: number; stdout: string }) => ({ code: error.code, out: error.stdout }),
    );
    expect(summary.code).toBe(1);
    expect(summary.out).toContain('2 passed, 1 failed');
    expect(summary.out).toMatch(/FAILED FILE .*hook\.planted\.ts: .*planted: the database did not open/);
    expect(summary.out).toContain('(1 of 2 files failed)');
  });

  it('when the lock is installed on the lowest Node package.json allows, no package wants a newer one (npm would print EBADENGINE)', async () => {
    const manifest = JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8')) as { engines: { node: string } };
    const lowest = semver.minVersion(manifest.engines.node)!.version;
    const lock = JSON.parse(await readFile(path.join(root, 'package-lock.json'), 'utf8')) as { packages: Record<string, { engines?: { node?: string } | string[]; os?: string[]; cpu?: string[] }> };
    // npm checks only what it installs here: optional builds for other systems are skipped, not checked.
    const installed = Object.entries(lock.packages).filter(([name, p]) => name !== '' && (!p.os || p.os.includes(process.platform)) && (!p.cpu || p.cpu.includes(process.arch)));
    const wanting = installed.filter(([, p]) => {
      const wants = !Array.isArray(p.engines) ? p.engines?.node : undefined;
      return wants !== undefined && !semver.satisfies(lowest, wants, { includePrerelease: true });
    });
    expect(installed.length).toBeGreaterThan(100);
    expect(wanting.map(([name, p]) => `${name} wants node ${(p.engines as { node: string }).node}`)).toEqual([]);
  });
});
