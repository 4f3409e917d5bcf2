import { defineConfig } from 'prisma/config';

// Used by the ordinary Prisma CLI (for those who can download its engines). The bot itself migrates
// through src/db/schema-engine.ts, which needs no download.
export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL ?? 'postgresql://postgres@localhost:5432/yanxiu' },
});
