import type { Db } from '../db/client.ts';
import type { Prisma } from '../generated/prisma/client.ts';

// Things waiting for someone — a roster preview for 导入, a timetable draft for 确认, a demo room — are
// kept in the database: every process sees them (the next request may reach another one) and a
// restart keeps them until they expire.

const DATE = '$date';

/** JSON that gives Dates back as Dates. */
function encode(value: unknown): Prisma.InputJsonValue {
  return JSON.parse(JSON.stringify(value, function (this: Record<string, unknown>, key, v: unknown) {
    const raw = this[key];
    return raw instanceof Date ? { [DATE]: raw.toISOString() } : v;
  })) as Prisma.InputJsonValue;
}

function decode<T>(value: unknown): T {
  return JSON.parse(JSON.stringify(value), (_key, v: unknown) => (v && typeof v === 'object' && DATE in v && Object.keys(v).length === 1 ? new Date((v as Record<string, string>)[DATE]!) : v)) as T;
}

export interface Held<T> {
  key: string;
  owner: string;
  value: T;
  size: number;
  createdAt: Date;
}

/** The waiting things of one kind, oldest first. */
export interface HeldStates<T> {
  put(key: string, owner: string, value: T, options: { now: Date; ttlMs: number; size?: number }): Promise<void>;
  /** The thing if it has not expired. */
  get(key: string, now: Date): Promise<Held<T> | null>;
  /** The thing, once: whoever takes it first (in any process) gets it. */
  take(key: string, now: Date, owner?: string): Promise<Held<T> | null>;
  drop(keys: string[]): Promise<void>;
  /** What has not expired (dropping what has), oldest first; `owner` narrows it. Values are left out. */
  list(now: Date, owner?: string): Promise<Omit<Held<T>, 'value'>[]>;
}

export function heldStates<T>(db: Db, kind: string): HeldStates<T> {
  const toHeld = (row: { key: string; owner: string; value: unknown; size: number; createdAt: Date }): Held<T> => ({ key: row.key, owner: row.owner, value: decode<T>(row.value), size: row.size, createdAt: row.createdAt });
  return {
    async put(key, owner, value, { now, ttlMs, size = 0 }) {
      const data = { owner, value: encode(value), size, createdAt: now, expiresAt: new Date(now.getTime() + ttlMs) };
      await db.heldState.upsert({ where: { kind_key: { kind, key } }, create: { kind, key, ...data }, update: data });
    },
    async get(key, now) {
      const row = await db.heldState.findFirst({ where: { kind, key, expiresAt: { gt: now } } });
      return row ? toHeld(row) : null;
    },
    async take(key, now, owner) {
      const row = await db.heldState.findFirst({ where: { kind, key, expiresAt: { gt: now }, ...(owner === undefined ? {} : { owner }) } });
      if (!row) return null;
      const { count } = await db.heldState.deleteMany({ where: { kind, key, seq: row.seq } });
      return count === 1 ? toHeld(row) : null;
    },
    async drop(keys) {
      if (keys.length) await db.heldState.deleteMany({ where: { kind, key: { in: keys } } });
    },
    async list(now, owner) {
      await db.heldState.deleteMany({ where: { kind, expiresAt: { lte: now } } });
      return db.heldState.findMany({ where: { kind, ...(owner === undefined ? {} : { owner }) }, orderBy: { seq: 'asc' }, select: { key: true, owner: true, size: true, createdAt: true } });
    },
  };
}
