import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS_DIR } from '../../src/db/schema-engine.ts';
import { openTestDatabase, type TestDatabase } from '../support/databases.ts';

// A deployment where the open demo was abused: its tutor got a console session and a tutor grant in
// a real class. The demo_sandbox migration flags the old demo's personas and class and takes back
// what they were handed, and leaves real teachers alone.

const migration = readFileSync(path.join(MIGRATIONS_DIR, '20261202073333_demo_sandbox', 'migration.sql'), 'utf8');
/** The migration's data statements (its ALTER TABLEs already ran when the test database was made). */
const dataStatements = migration
  .replace(/--.*$/gm, '')
  .split(';')
  .map((s) => s.trim())
  .filter((s) => s && !s.startsWith('ALTER TABLE'));

describe('the demo_sandbox migration', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await openTestDatabase('pglite');
  }, 60_000);
  afterAll(() => db?.close());

  it('when the old demo tutor holds a real class and a console session, it loses both and becomes a sandbox person; real teachers keep theirs', async () => {
    const county = await db.prisma.region.create({ data: { name: '演示县', level: 'COUNTY' } });
    const project = await db.prisma.project.create({ data: { name: '演示项目', level: 'COUNTY', year: 2026, regionId: county.id } });
    const demoClass = await db.prisma.trainingClass.create({ data: { name: '演示班', projectId: project.id } });
    const realProject = await db.prisma.project.create({ data: { name: '2026年真实项目', level: 'COUNTY', year: 2026 } });
    const realClass = await db.prisma.trainingClass.create({ data: { name: '真实班', projectId: realProject.id } });
    await db.prisma.groupChat.create({ data: { platform: 'playground', chatId: 'demo-group', title: '演示班群', scope: 'CLASS', classId: demoClass.id } });
    const demoTutor = await db.prisma.person.create({ data: { name: '演示老师', phone: '10000000000', identities: { create: { platform: 'playground', platformUserId: 'demo-tutor', displayName: '演示老师' } } } });
    const real = await db.prisma.person.create({ data: { name: '李老师', phone: '13900000001', identities: { create: { platform: 'telegram', platformUserId: '42', displayName: '李老师' } } } });
    await db.prisma.roleGrant.createMany({ data: [
      { personId: demoTutor.id, role: 'TUTOR', classId: demoClass.id },
      { personId: demoTutor.id, role: 'TUTOR', classId: realClass.id },
      { personId: real.id, role: 'TUTOR', classId: realClass.id },
    ] });
    const expiresAt = new Date(Date.now() + 3600_000);
    await db.prisma.consoleSession.createMany({ data: [{ tokenHash: 'a', personId: demoTutor.id, csrfToken: 'x', expiresAt }, { tokenHash: 'b', personId: real.id, csrfToken: 'y', expiresAt }] });

    for (const statement of dataStatements) await db.prisma.$executeRawUnsafe(statement);

    expect((await db.prisma.person.findMany({ orderBy: { id: 'asc' } })).map((p) => [p.name, p.sandbox])).toEqual([['演示老师', true], ['李老师', false]]);
    expect((await db.prisma.trainingClass.findMany({ orderBy: { id: 'asc' } })).map((c) => [c.name, c.sandbox])).toEqual([['演示班', true], ['真实班', false]]);
    expect((await db.prisma.roleGrant.findMany({ include: { person: true, class: true }, orderBy: { id: 'asc' } })).map((g) => [g.person.name, g.class?.name])).toEqual([['演示老师', '演示班'], ['李老师', '真实班']]);
    expect((await db.prisma.consoleSession.findMany()).map((s) => s.personId)).toEqual([real.id]);
  });
});
