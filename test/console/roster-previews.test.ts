import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PREVIEW_LIMITS, previewStore } from '../../src/console/roster-previews.ts';
import type { RosterParseResult } from '../../src/core/roster/parse-roster-csv.ts';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../support/databases.ts';

// Waiting roster previews are bounded per session, overall and in rows, oldest dropped first, and
// still expire after 30 minutes; they wait in the database, so another process (or the same one
// after a restart) confirms them.

const roster = (rows: number): RosterParseResult => ({
  rows: Array.from({ length: rows }, (_, i) => ({ line: i + 2, name: `教师${i}`, phone: `137${String(i).padStart(8, '0')}`, school: '城关小学', className: '1班' })),
  errors: [],
  encoding: 'utf-8',
});

describe.each(databaseKinds())('waiting roster previews on %s', (kind) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await openTestDatabase(kind);
  });
  afterAll(async () => {
    await db.close();
  });
  beforeEach(async () => {
    await db.reset();
  });

  it('when 51 sessions each upload a roster the first one is dropped and the other 50 still confirm', async () => {
    const store = previewStore(db.prisma, 'roster');
    const tokens: string[] = [];
    for (let session = 0; session < 51; session++) tokens.push(await store.add(session, roster(1)));
    expect(await store.size()).toBe(PREVIEW_LIMITS.overall);
    expect(await store.take(tokens[0]!, 0)).toBeNull();
    expect((await store.take(tokens[50]!, 50))?.rows).toHaveLength(1);
  });

  it('when one session uploads a fourth roster its first is dropped and the other three still confirm', async () => {
    const store = previewStore(db.prisma, 'roster');
    const tokens: string[] = [];
    for (let i = 0; i < 4; i++) tokens.push(await store.add(7, roster(1)));
    expect(await store.take(tokens[0]!, 7)).toBeNull();
    for (const token of tokens.slice(1)) expect((await store.take(token, 7))?.rows).toHaveLength(1);
  });

  it('when the waiting rows would pass the total the oldest previews go until the new one fits', async () => {
    const store = previewStore(db.prisma, 'roster', { ...PREVIEW_LIMITS, totalRows: 50_000 });
    const first = await store.add(1, roster(20_000));
    const second = await store.add(2, roster(20_000));
    const third = await store.add(3, roster(20_000));
    expect(await store.take(first, 1)).toBeNull();
    expect((await store.take(second, 2))?.rows).toHaveLength(20_000);
    expect((await store.take(third, 3))?.rows).toHaveLength(20_000);
  });

  it('when a preview is older than 30 minutes, or asked for by another session, it does not confirm', async () => {
    let now = Date.UTC(2026, 10, 23);
    const start = now;
    const store = previewStore(db.prisma, 'roster', PREVIEW_LIMITS, () => now);
    const token = await store.add(1, roster(2));
    expect(await store.take(token, 2)).toBeNull();
    now = start + 30 * 60_000 - 1;
    const fresh = await store.add(1, roster(2));
    now = start + 30 * 60_000;
    expect(await store.take(token, 1)).toBeNull();
    expect((await store.take(fresh, 1))?.rows).toHaveLength(2);
    expect(await store.take(fresh, 1)).toBeNull();
  });

  it('when a roster is previewed before a restart it is confirmed after it, once', async () => {
    const before = previewStore(db.prisma, 'roster');
    const token = await before.add(4, roster(3));
    const after = previewStore(db.prisma, 'roster');
    expect((await after.take(token, 4))?.rows.map((r) => r.name)).toEqual(['教师0', '教师1', '教师2']);
    expect(await before.take(token, 4)).toBeNull();
  });
});
