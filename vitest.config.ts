import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 30_000,
    // Database set-up loads a migrated PGlite dump (test/support/pglite-snapshot.ts); the margin is for loaded CI machines.
    hookTimeout: 120_000,
    pool: 'forks',
    // Vitest's default on a 2-core machine is one worker; most files wait on PostgreSQL, Redis and sockets,
    // so two at once nearly halve the run (CI stays well under 20 minutes).
    maxWorkers: 2,
  },
});
