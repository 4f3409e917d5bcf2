import { describe, expect, it } from 'vitest';
import { PREVIEW_LIMITS, previewStore } from '../../src/console/roster-previews.ts';
import type { RosterParseResult } from '../../src/core/roster/parse-roster-csv.ts';

// Waiting roster previews are bounded per session, overall and in rows, oldest dropped first, and
// still expire after 30 minutes.

const roster = (rows: number): RosterParseResult => ({
  rows: Array.from({ length: rows }, (_, i) => ({ line: i + 2, name: `教师${i}`, phone: `137${String(i).padStart(8, '0')}`, school: '城关小学', className: '1班' })),
  errors: [],
  encoding: 'utf-8',
});

describe('waiting roster previews', () => {
  it('when 51 sessions each upload a roster the first one is dropped and the other 50 still confirm', () => {
    const store = previewStore();
    const tokens = Array.from({ length: 51 }, (_, session) => store.add(session, roster(1)));
    expect(store.size()).toBe(PREVIEW_LIMITS.overall);
    expect(store.take(tokens[0]!, 0)).toBeNull();
    expect(store.take(tokens[50]!, 50)?.rows).toHaveLength(1);
  });

  it('when the waiting rows would pass the total the oldest previews go until the new one fits', () => {
    const store = previewStore({ ...PREVIEW_LIMITS, totalRows: 50_000 });
    const first = store.add(1, roster(20_000));
    const second = store.add(2, roster(20_000));
    const third = store.add(3, roster(20_000));
    expect(store.take(first, 1)).toBeNull();
    expect(store.take(second, 2)?.rows).toHaveLength(20_000);
    expect(store.take(third, 3)?.rows).toHaveLength(20_000);
  });

  it('when a preview is older than 30 minutes, or asked for by another session, it does not confirm', () => {
    let now = 0;
    const store = previewStore(PREVIEW_LIMITS, () => now);
    const token = store.add(1, roster(2));
    expect(store.take(token, 2)).toBeNull();
    now = 30 * 60_000 - 1;
    const fresh = store.add(1, roster(2));
    now = 30 * 60_000;
    expect(store.take(token, 1)).toBeNull();
    expect(store.take(fresh, 1)?.rows).toHaveLength(2);
    expect(store.take(fresh, 1)).toBeNull();
  });
});
