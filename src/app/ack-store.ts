import { randomUUID } from 'node:crypto';
import type { ChatRef } from '../core/message.ts';
import { MicroBatch } from '../core/micro-batch.ts';
import type { Db, SqlQuery } from '../db/client.ts';
import { isDatabaseUnavailable } from '../db/unavailable.ts';

export interface AckEntry {
  name: string;
  /** PRESENT and LATE acknowledge check-ins, CONFIRMED a 收到 to an opening notice. */
  status: 'PRESENT' | 'LATE' | 'CONFIRMED';
  minutesLate?: number;
  /** The session a check-in belongs to: on platforms that edit, its live list is refreshed. */
  sessionId?: number;
  /** The platform id of the session's live list, when the check-in came from its button. */
  liveMessageId?: string;
}

/** How long a process may hold a group's acknowledgements before another may take them over. */
export const ACK_LEASE_MS = 30_000;

/** What the group's lease holder knows of it: when it was last posted to, the day's 收到 names. */
export interface AckChatState {
  lastPostAt: number;
  confirmed: { day: string; names: string[] } | undefined;
}

/** One post's worth of entries, under the key its post is sent with (the same after a takeover). */
export interface AckBatch {
  key: string;
  entries: AckEntry[];
}

export const chatKey = (chat: Pick<ChatRef, 'platform' | 'id'>) => `${chat.platform}:${chat.id}`;

function splitKey(key: string): { platform: string; chatId: string } {
  const at = key.indexOf(':');
  return { platform: key.slice(0, at), chatId: key.slice(at + 1) };
}

/**
 * The pending acknowledgements of every group, in the database, shared by every process. Adding is
 * batched across the messages arriving together (one multi-row insert for a burst); posting is done
 * by whichever process holds the group's lease, so exactly one process posts or edits at a time, and
 * the pacing (the last post's time) is the group's, not a process's.
 */
export class AckStore {
  /** This process, as a lease holder. */
  readonly holder = randomUUID();
  private readonly inserts: MicroBatch<{ chat: ChatRef; entry: AckEntry; at: Date }, undefined>;

  constructor(
    private readonly db: Db,
    query: SqlQuery,
  ) {
    // Straight through the driver: a burst's entries are one statement, not Prisma's per-row work.
    this.inserts = new MicroBatch({
      maxSize: 1000,
      retryable: isDatabaseUnavailable,
      giveUpAfterMs: 120_000,
      run: async (items) => {
        const column = <T>(pick: (item: (typeof items)[number]) => T) => items.map(pick);
        await query(
          `INSERT INTO "PendingAck" ("platform", "chatId", "chatTitle", "entry", "createdAt")
           SELECT platform, chat_id, chat_title, entry::jsonb, at AT TIME ZONE 'UTC'
             FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::timestamptz[]) AS u(platform, chat_id, chat_title, entry, at)`,
          [column((i) => i.chat.platform), column((i) => i.chat.id), column((i) => i.chat.title ?? i.chat.id), column((i) => JSON.stringify({ ...i.entry, kind: i.chat.kind })), column((i) => i.at.toISOString())],
        );
        return items.map(() => undefined);
      },
    });
  }

  add(chat: ChatRef, entry: AckEntry, at: Date): Promise<void> {
    return this.inserts.submit({ chat, entry, at });
  }

  /** The groups with entries waiting (this process's or another's). */
  async waitingChats(): Promise<string[]> {
    const rows = await this.db.pendingAck.findMany({ distinct: ['platform', 'chatId'], select: { platform: true, chatId: true } });
    return rows.map((r) => `${r.platform}:${r.chatId}`);
  }

  /**
   * Takes the group's lease: its state when this process now holds it, else when the current holder's
   * lease runs out (it is posting, or it died and another may take over then).
   */
  async claim(key: string, now: Date): Promise<{ state: AckChatState } | { heldUntil: number }> {
    const { platform, chatId } = splitKey(key);
    const leaseUntil = new Date(now.getTime() + ACK_LEASE_MS);
    const where = { platform, chatId, OR: [{ holder: null }, { holder: this.holder }, { leaseUntil: { lte: now } }] };
    let { count } = await this.db.ackChat.updateMany({ where, data: { holder: this.holder, leaseUntil } });
    if (count === 0) {
      const created = await this.db.ackChat.createMany({ data: [{ platform, chatId, holder: this.holder, leaseUntil }], skipDuplicates: true });
      count = created.count;
    }
    const row = await this.db.ackChat.findUnique({ where: { platform_chatId: { platform, chatId } } });
    if (!row) return { heldUntil: now.getTime() };
    if (count === 0 || row.holder !== this.holder) return { heldUntil: row.leaseUntil?.getTime() ?? now.getTime() };
    const confirmed = row.confirmedDay ? { day: row.confirmedDay, names: row.confirmedNames as string[] } : undefined;
    return { state: { lastPostAt: row.lastPostAt?.getTime() ?? Number.NEGATIVE_INFINITY, confirmed } };
  }

  /**
   * The group's waiting entries in batches (call only while holding its lease): first any batch a
   * holder took and did not finish (it may have been posted: it goes again under the same key), then
   * everything else as a new batch.
   */
  async take(key: string): Promise<{ chat: ChatRef; batches: AckBatch[] } | null> {
    const { platform, chatId } = splitKey(key);
    await this.db.pendingAck.updateMany({ where: { platform, chatId, batch: null }, data: { batch: randomUUID() } });
    const rows = await this.db.pendingAck.findMany({ where: { platform, chatId }, orderBy: { id: 'asc' } });
    if (rows.length === 0) return null;
    const batches = new Map<string, AckEntry[]>();
    for (const row of rows) {
      const { kind: _kind, ...entry } = row.entry as unknown as AckEntry & { kind: string };
      batches.set(row.batch!, [...(batches.get(row.batch!) ?? []), entry]);
    }
    const first = rows[0]!;
    const kind = (first.entry as { kind?: ChatRef['kind'] }).kind ?? 'group';
    const chat = { platform: platform as ChatRef['platform'], id: chatId, kind, title: first.chatTitle };
    return { chat, batches: [...batches].map(([batchKey, entries]) => ({ key: batchKey, entries })) };
  }

  /** Forgets the posted batches and gives the lease back with the group's new state, in one transaction. */
  async finish(key: string, posted: string[], state: AckChatState): Promise<void> {
    const { platform, chatId } = splitKey(key);
    await this.db.$transaction([
      this.db.pendingAck.deleteMany({ where: { platform, chatId, batch: { in: posted } } }),
      this.db.ackChat.updateMany({
        where: { platform, chatId, holder: this.holder },
        data: {
          holder: null,
          leaseUntil: null,
          lastPostAt: Number.isFinite(state.lastPostAt) ? new Date(state.lastPostAt) : null,
          confirmedDay: state.confirmed?.day ?? null,
          confirmedNames: state.confirmed?.names ?? [],
        },
      }),
    ]);
  }

  /** Gives the lease back without posting (nothing was due yet). */
  async release(key: string): Promise<void> {
    const { platform, chatId } = splitKey(key);
    await this.db.ackChat.updateMany({ where: { platform, chatId, holder: this.holder }, data: { holder: null, leaseUntil: null } });
  }
}
