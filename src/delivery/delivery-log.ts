import { randomUUID } from 'node:crypto';
import { Prisma } from '../generated/prisma/client.ts';
import type { OutboundMessage } from '../core/message.ts';
import type { Db } from '../db/client.ts';

// Times that decide ownership (leases, retry-after) come from the database's clock, so workers on
// several machines agree on them. Columns are timestamp without time zone, written in UTC.
const NOW = Prisma.sql`(now() AT TIME ZONE 'UTC')`;
/** The transaction lock that takes claims one at a time (any fixed number no other code uses). */
const CLAIM_LOCK = 0x79616e78;
const ms = (n: number) => Prisma.sql`(${n} * interval '1 millisecond')`;

export interface ClaimedDelivery {
  id: number;
  platform: string;
  message: OutboundMessage;
  attempts: number;
}

export type DeliveryCounts = Record<'queued' | 'sent' | 'failed' | 'uncertain', number>;

/** The delivery log in the database: what is queued, who is sending what, and how each send ended. */
export class DeliveryLog {
  constructor(private readonly db: Db) {}

  /** Queues a message; one with a key already queued is ignored. Returns whether it was new. */
  async enqueue(message: OutboundMessage): Promise<boolean> {
    const key = message.delivery?.key ?? randomUUID();
    const inserted = await this.db.$executeRaw`
      INSERT INTO "Delivery" ("key", "source", "platform", "chatId", "chatKind", "message", "notBefore", "createdAt")
      VALUES (${key}, ${message.delivery?.source ?? null}, ${message.chat.platform}, ${message.chat.id}, ${message.chat.kind}, ${JSON.stringify(message)}::jsonb, ${NOW}, ${NOW})
      ON CONFLICT ("key") DO NOTHING`;
    return inserted === 1;
  }

  /**
   * Takes up to `limit` due rows for these platforms, those marked `first` (an author's receipt) and
   * then the oldest first, skipping rows another worker is taking. A chat whose earlier rows another
   * worker holds is left to that worker, so each chat's messages leave in order whoever sends them;
   * claims are taken one at a time (a transaction lock) so that each sees what the others took.
   */
  async claim(worker: string, platforms: string[], limit: number, leaseMs: number): Promise<ClaimedDelivery[]> {
    if (platforms.length === 0 || limit <= 0) return [];
    const [, rows] = await this.db.$transaction([
      this.db.$queryRaw`SELECT pg_advisory_xact_lock(${CLAIM_LOCK}::bigint)::text`,
      this.db.$queryRaw<ClaimedDelivery[]>`
      UPDATE "Delivery" SET "status" = 'CLAIMED', "worker" = ${worker}, "leaseUntil" = ${NOW} + ${ms(leaseMs)}
      WHERE "id" IN (
        SELECT d."id" FROM "Delivery" d
        WHERE d."status" = 'QUEUED' AND d."notBefore" <= ${NOW} AND d."platform" IN (${Prisma.join(platforms)})
          AND NOT EXISTS (
            SELECT 1 FROM "Delivery" e
            WHERE e."status" IN ('CLAIMED', 'SENDING') AND e."worker" <> ${worker} AND e."platform" = d."platform" AND e."chatId" = d."chatId" AND e."id" < d."id")
        ORDER BY (d."message"->>'first') IS NULL, d."id" LIMIT ${limit} FOR UPDATE SKIP LOCKED)
      RETURNING "id", "platform", "message", "attempts"`,
    ]);
    return rows.sort((a, b) => Number(!a.message.first) - Number(!b.message.first) || a.id - b.id);
  }

  /** Marks a claimed row as being sent, right before the platform call; false when this worker no longer owns it. */
  async markSending(id: number, worker: string, leaseMs: number): Promise<boolean> {
    const updated = await this.db.$executeRaw`
      UPDATE "Delivery" SET "status" = 'SENDING', "attempts" = "attempts" + 1, "leaseUntil" = ${NOW} + ${ms(leaseMs)}
      WHERE "id" = ${id} AND "worker" = ${worker} AND "status" = 'CLAIMED'`;
    return updated === 1;
  }

  async markSent(id: number, worker: string, platformMessageIds: string[]): Promise<void> {
    await this.db.$executeRaw`
      UPDATE "Delivery" SET "status" = 'SENT', "platformMessageIds" = ${platformMessageIds}, "sentAt" = ${NOW}, "worker" = NULL, "leaseUntil" = NULL, "error" = NULL
      WHERE "id" = ${id} AND "worker" = ${worker}`;
  }

  /** Ends a row as FAILED or UNCERTAIN with the reason. */
  async markEnded(id: number, worker: string, status: 'FAILED' | 'UNCERTAIN', error: string): Promise<void> {
    await this.db.$executeRaw`
      UPDATE "Delivery" SET "status" = ${status}::"DeliveryStatus", "error" = ${error}, "worker" = NULL, "leaseUntil" = NULL
      WHERE "id" = ${id} AND "worker" = ${worker}`;
  }

  /** Puts a row that certainly did not go out back in the queue, due after `delayMs`; `uncounted`: this try does not count as an attempt. */
  async retryLater(id: number, worker: string, delayMs: number, error: string, options: { uncounted?: boolean } = {}): Promise<void> {
    const refund = options.uncounted ? 1 : 0;
    await this.db.$executeRaw`
      UPDATE "Delivery" SET "status" = 'QUEUED', "notBefore" = ${NOW} + ${ms(delayMs)}, "error" = ${error}, "worker" = NULL, "leaseUntil" = NULL,
        "attempts" = GREATEST("attempts" - ${refund}, 0)
      WHERE "id" = ${id} AND "worker" = ${worker}`;
  }

  /** Gives back rows this worker claimed but has not started sending (shutdown). */
  async release(worker: string): Promise<void> {
    await this.db.$executeRaw`UPDATE "Delivery" SET "status" = 'QUEUED', "worker" = NULL, "leaseUntil" = NULL WHERE "worker" = ${worker} AND "status" = 'CLAIMED'`;
  }

  async extendLeases(worker: string, leaseMs: number): Promise<void> {
    await this.db.$executeRaw`UPDATE "Delivery" SET "leaseUntil" = ${NOW} + ${ms(leaseMs)} WHERE "worker" = ${worker} AND "status" IN ('CLAIMED', 'SENDING')`;
  }

  /**
   * Settles rows whose worker stopped renewing its lease (it died): claimed rows go back to the
   * queue; rows it was sending become UNCERTAIN. Returns the uncertain ones.
   */
  async recoverExpired(): Promise<{ id: number; source: string | null }[]> {
    await this.db.$executeRaw`UPDATE "Delivery" SET "status" = 'QUEUED', "worker" = NULL, "leaseUntil" = NULL WHERE "status" = 'CLAIMED' AND "leaseUntil" < ${NOW}`;
    return this.db.$queryRaw<{ id: number; source: string | null }[]>`
      UPDATE "Delivery" SET "status" = 'UNCERTAIN', "error" = 'the worker stopped during the platform call', "worker" = NULL, "leaseUntil" = NULL
      WHERE "status" = 'SENDING' AND "leaseUntil" < ${NOW}
      RETURNING "id", "source"`;
  }

  /**
   * Queues again, as new deliveries keyed `<key>:again`, the UNCERTAIN rows of a source (after a
   * person checked that they did not arrive); the original rows stay as they were, and asking twice
   * sends once. Returns how many were queued now.
   */
  async resendUncertain(source: string): Promise<number> {
    const rows = await this.db.delivery.findMany({ where: { source, status: 'UNCERTAIN' }, orderBy: { id: 'asc' } });
    let queued = 0;
    for (const row of rows) {
      const message = row.message as unknown as OutboundMessage;
      if (await this.enqueue({ ...message, delivery: { key: `${row.key}:again`, source } })) queued++;
    }
    return queued;
  }

  /** Rows not yet settled (queued, claimed or being sent) for these platforms. */
  async open(platforms: string[]): Promise<number> {
    return this.db.delivery.count({ where: { platform: { in: platforms }, status: { in: ['QUEUED', 'CLAIMED', 'SENDING'] } } });
  }

  /** How the deliveries of one source (a notice, a broadcast) ended so far. */
  async countsFor(source: string): Promise<DeliveryCounts> {
    const groups = await this.db.delivery.groupBy({ by: ['status'], where: { source }, _count: true });
    const n = (...s: string[]) => groups.filter((g) => s.includes(g.status)).reduce((sum, g) => sum + g._count, 0);
    return { queued: n('QUEUED', 'CLAIMED', 'SENDING'), sent: n('SENT'), failed: n('FAILED'), uncertain: n('UNCERTAIN') };
  }
}
