import { randomBytes } from 'node:crypto';
import type { RosterParseResult } from '../core/roster/parse-roster-csv.ts';
import type { Db } from '../db/client.ts';
import { heldStates } from '../app/held-state.ts';

// Roster previews wait in the database (every process sees them, a restart keeps them) until
// confirmed (导入) or expired. They are bounded: a few per console session, a few dozen in all, and a
// total number of rows, the oldest dropped first — so that uploading over and over cannot grow the
// database without end.

export interface PreviewLimits {
  perSession: number;
  overall: number;
  totalRows: number;
  ttlMs: number;
}

export const PREVIEW_LIMITS: PreviewLimits = { perSession: 3, overall: 50, totalRows: 200_000, ttlMs: 30 * 60_000 };

export interface PreviewStore<T extends { rows: readonly unknown[] } = RosterParseResult> {
  /** Keeps a checked file (a roster, a timetable) for its session and returns the token that confirms it; older previews may be dropped. */
  add(sessionId: number, parsed: T): Promise<string>;
  /** The file of a token, once: only for the session that uploaded it and before it expires. */
  take(token: string, sessionId: number): Promise<T | null>;
  /** How many previews are waiting (after dropping the expired). */
  size(): Promise<number>;
}

/** The previews of one kind of upload (`kind`: roster, timetable) held to `limits`. */
export function previewStore<T extends { rows: readonly unknown[] } = RosterParseResult>(db: Db, kind: string, limits: PreviewLimits = PREVIEW_LIMITS, now: () => number = Date.now): PreviewStore<T> {
  const held = heldStates<T>(db, `preview.${kind}`);
  return {
    async add(sessionId, parsed) {
      const at = new Date(now());
      const waiting = await held.list(at);
      const own = waiting.filter((p) => p.owner === String(sessionId));
      const drop = new Set(own.slice(0, Math.max(0, own.length - limits.perSession + 1)).map((p) => p.key));
      let count = waiting.length - drop.size;
      let rows = waiting.reduce((sum, p) => sum + (drop.has(p.key) ? 0 : p.size), 0);
      for (const p of waiting) {
        if (count < limits.overall && rows + parsed.rows.length <= limits.totalRows) break;
        if (drop.has(p.key)) continue;
        drop.add(p.key);
        count--;
        rows -= p.size;
      }
      await held.drop([...drop]);
      const token = randomBytes(16).toString('base64url');
      await held.put(token, String(sessionId), parsed, { now: at, ttlMs: limits.ttlMs, size: parsed.rows.length });
      return token;
    },
    async take(token, sessionId) {
      return (await held.take(token, new Date(now()), String(sessionId)))?.value ?? null;
    },
    async size() {
      return (await held.list(new Date(now()))).length;
    },
  };
}
