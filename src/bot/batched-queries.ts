import { randomUUID } from 'node:crypto';
import type { ChatRef, InboundMessage, UserRef } from '../core/message.ts';
import { MicroBatch } from '../core/micro-batch.ts';
import type { Db, SqlQuery } from '../db/client.ts';
import { isDatabaseUnavailable } from '../db/unavailable.ts';
import type { TrainingSession } from '../generated/prisma/client.ts';
import type { Logger } from '../logger.ts';
import { loadActors, loadChatBindings, type Actor, type ChatBinding } from '../app/actor.ts';
import type { CheckInRow, MessageQueries } from '../app/app.ts';
import { insertCheckIns } from '../features/attendance/checkin.ts';
import { recordInbounds } from './inbound.ts';
import { findOpenSessions } from '../features/attendance/sessions.ts';

/**
 * The queries every incoming message makes, batched across the messages arriving together (see
 * core/micro-batch.ts), and waited out when the database is briefly unreachable: a check-in burst
 * costs a handful of statements instead of several per trainee, and a database restart delays
 * replies instead of losing messages.
 */
export class BatchedQueries implements MessageQueries {
  private readonly inbound: MicroBatch<InboundMessage & { receipt: string }, boolean>;
  private readonly actors: MicroBatch<{ platform: ChatRef['platform']; user: UserRef }, Actor>;
  private readonly bindings: MicroBatch<ChatRef, ChatBinding | null>;
  private readonly openSessions: MicroBatch<{ classIds: number[]; at: Date }, TrainingSession | null>;
  private readonly checkIns: MicroBatch<CheckInRow, boolean>;

  constructor(db: Db, query: SqlQuery, log: Logger, options: { giveUpAfterMs?: number } = {}) {
    const common = {
      maxSize: 1000,
      retryable: isDatabaseUnavailable,
      giveUpAfterMs: options.giveUpAfterMs ?? 120_000,
      onRetry: (error: unknown, attempt: number) => {
        if (attempt === 1 || attempt % 10 === 0) log.warn('database unreachable; holding messages and retrying', { attempt, error: String(error) });
      },
    };
    this.inbound = new MicroBatch({ ...common, run: (messages) => recordInbounds(query, messages) });
    this.actors = new MicroBatch({ ...common, run: (accounts) => loadActors(query, accounts) });
    this.bindings = new MicroBatch({ ...common, run: (chats) => loadChatBindings(query, chats) });
    this.openSessions = new MicroBatch({ ...common, run: (requests) => findOpenSessions(db, requests) });
    this.checkIns = new MicroBatch({ ...common, run: (rows) => insertCheckIns(query, rows) });
  }

  /** Stores an incoming message first; false for a message already stored (a re-delivery). */
  recordInbound(message: InboundMessage): Promise<boolean> {
    return this.inbound.submit({ ...message, receipt: randomUUID() });
  }

  actor(platform: ChatRef['platform'], user: UserRef): Promise<Actor> {
    return this.actors.submit({ platform, user });
  }

  binding(chat: ChatRef): Promise<ChatBinding | null> {
    return chat.kind === 'group' ? this.bindings.submit(chat) : Promise.resolve(null);
  }

  /** The session open for check-in at `at` in these classes, in findSessionFor's shape; null when none is open. */
  async openSession(classIds: number[], at: Date): Promise<{ open: TrainingSession; next: null; last: null } | null> {
    const open = await this.openSessions.submit({ classIds, at });
    return open ? { open, next: null, last: null } : null;
  }

  insertCheckIn(row: CheckInRow): Promise<boolean> {
    return this.checkIns.submit(row);
  }
}
