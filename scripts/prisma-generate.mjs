// Generates the Prisma client into src/generated/prisma without downloading Prisma's native engine:
// `prisma generate` only checks that a schema-engine binary exists, so a stub satisfies it.
// (Migrations run through Prisma's WebAssembly schema engine instead; see src/db/schema-engine.ts.)
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const stub = path.join(mkdtempSync(path.join(tmpdir(), 'prisma-stub-')), 'schema-engine');
writeFileSync(stub, '#!/bin/sh\nexit 0\n');
chmodSync(stub, 0o755);
const env = { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? stub, PRISMA_HIDE_UPDATE_MESSAGE: '1' };
const result = spawnSync(process.execPath, ['node_modules/prisma/build/index.js', 'generate'], { stdio: 'inherit', env });
process.exit(result.status ?? 1);
