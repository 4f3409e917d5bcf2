import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { arrivalPattern } from '../../../bench/arrival-pattern.ts';
import { openTestDatabase, type TestDatabase } from '../../support/databases.ts';

// The arrival patterns on the virtual clock with a fixed seed: trainees trickling in one by
// one must not flood the group, and everyone must still be named there within a minute.

describe('check-in acknowledgements under Poisson arrivals', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await openTestDatabase('pglite');
  });
  afterAll(() => db?.close());
  beforeEach(() => db.reset());

  it('when 50 trainees trickle into a WeChat room over 5 minutes the room gets at most 6 messages and each is named within 60 s', { timeout: 120_000 }, async () => {
    const r = await arrivalPattern(db, { platform: 'wechat', trainees: 50, minutes: 5 });
    expect(r.groupMessages).toBeLessThanOrEqual(6);
    expect(r.groupMessages).toBeGreaterThanOrEqual(2);
    expect(r.unnamed).toBe(0);
    expect(r.maxNamedSeconds).toBeLessThanOrEqual(60);
  });

  it('when 500 trainees trickle into a WeChat room over 10 minutes the room gets at most 12 messages and each is named within 60 s', { timeout: 240_000 }, async () => {
    const r = await arrivalPattern(db, { platform: 'wechat', trainees: 500, minutes: 10 });
    expect(r.groupMessages).toBeLessThanOrEqual(12);
    expect(r.unnamed).toBe(0);
    expect(r.maxNamedSeconds).toBeLessThanOrEqual(60);
  });

  it('when 500 trainees trickle into a Telegram group over 10 minutes the announcement is edited in place, no new message, and each is named within 60 s', { timeout: 240_000 }, async () => {
    const r = await arrivalPattern(db, { platform: 'telegram', trainees: 500, minutes: 10 });
    expect(r.groupMessages).toBe(0);
    expect(r.edits).toBeGreaterThan(10);
    expect(r.unnamed).toBe(0);
    expect(r.maxNamedSeconds).toBeLessThanOrEqual(60);
  });
});
