import { randomBytes } from 'node:crypto';
import type { RosterParseResult } from '../core/roster/parse-roster-csv.ts';

// Roster previews wait in memory until confirmed (导入) or expired. They are bounded: a few per
// console session, a few dozen in all, and a total number of rows, the oldest dropped first — so that
// uploading over and over cannot grow the bot's memory.

export interface PreviewLimits {
  perSession: number;
  overall: number;
  totalRows: number;
  ttlMs: number;
}

export const PREVIEW_LIMITS: PreviewLimits = { perSession: 3, overall: 50, totalRows: 200_000, ttlMs: 30 * 60_000 };

interface Preview<T> {
  parsed: T;
  sessionId: number;
  expires: number;
}

export interface PreviewStore<T extends { rows: readonly unknown[] } = RosterParseResult> {
  /** Keeps a checked file (a roster, a timetable) for its session and returns the token that confirms it; older previews may be dropped. */
  add(sessionId: number, parsed: T): string;
  /** The file of a token, once: only for the session that uploaded it and before it expires. */
  take(token: string, sessionId: number): T | null;
  /** How many previews are waiting (after dropping the expired). */
  size(): number;
}

/** An in-memory store of uploaded-file previews held to `limits`. */
export function previewStore<T extends { rows: readonly unknown[] } = RosterParseResult>(limits: PreviewLimits = PREVIEW_LIMITS, now: () => number = Date.now): PreviewStore<T> {
  const previews = new Map<string, Preview<T>>(); // insertion order is age
  let rows = 0;
  const drop = (token: string) => {
    rows -= previews.get(token)?.parsed.rows.length ?? 0;
    previews.delete(token);
  };
  const dropExpired = () => {
    for (const [token, preview] of previews) if (preview.expires <= now()) drop(token);
  };
  return {
    add(sessionId, parsed) {
      dropExpired();
      const own = [...previews].filter(([, p]) => p.sessionId === sessionId).map(([token]) => token);
      for (const token of own.slice(0, Math.max(0, own.length - limits.perSession + 1))) drop(token);
      for (const token of previews.keys()) {
        if (previews.size < limits.overall && rows + parsed.rows.length <= limits.totalRows) break;
        drop(token);
      }
      const token = randomBytes(16).toString('base64url');
      previews.set(token, { parsed, sessionId, expires: now() + limits.ttlMs });
      rows += parsed.rows.length;
      return token;
    },
    take(token, sessionId) {
      dropExpired();
      const preview = previews.get(token);
      if (!preview || preview.sessionId !== sessionId) return null;
      drop(token);
      return preview.parsed;
    },
    size() {
      dropExpired();
      return previews.size;
    },
  };
}
