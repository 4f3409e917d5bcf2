import type { AppConfig } from '../config.ts';
import type { ChatRef, InboundMessage, UserRef } from '../core/message.ts';
import type { AppEvents } from '../core/events.ts';
import type { Clock, Outbox, Scheduler } from '../core/ports.ts';
import type { Db } from '../db/client.ts';
import type { Translator } from '../i18n/index.ts';
import type { Logger } from '../logger.ts';
import type { AckBatcher } from './ack-batcher.ts';
import type { Actor, ChatBinding } from './actor.ts';
import type { TrainingSession } from '../generated/prisma/client.ts';

/** Everything the use cases need, built once in the composition root (or a test). */
export interface App {
  db: Db;
  clock: Clock;
  outbox: Outbox;
  scheduler: Scheduler;
  config: AppConfig;
  log: Logger;
  t: Translator;
  acks: AckBatcher;
  /** The per-message queries, batched across messages arriving together. */
  batched: MessageQueries;
  /** What happened, for the console's live boards and the metrics. */
  events: AppEvents;
  platforms: PlatformTraits;
}

/** A check-in as the batched insert stores it. */
export interface CheckInRow {
  sessionId: number;
  personId: number;
  status: 'PRESENT' | 'LATE';
  checkedInAt: Date;
  platform: string;
  messageId: string;
}

/** The queries every incoming message makes; the pipeline batches them (bot/batched-queries.ts). */
export interface MessageQueries {
  /** Stores an incoming message first; false for a message already stored (a re-delivery). */
  recordInbound(message: InboundMessage): Promise<boolean>;
  actor(platform: ChatRef['platform'], user: UserRef): Promise<Actor>;
  binding(chat: ChatRef): Promise<ChatBinding | null>;
  /** The session open for check-in at `at` in these classes, in findSessionFor's shape; null when none is open. */
  openSession(classIds: number[], at: Date): Promise<{ open: TrainingSession; next: null; last: null } | null>;
  insertCheckIn(row: CheckInRow): Promise<boolean>;
}

/** What the core must know about each platform's behaviour; adapters register themselves. */
export interface PlatformTraits {
  /** Platforms where the bot may write privately only to people who wrote to it first (Telegram). */
  privateOptIn: Set<string>;
  /** The link that opens a private chat with the bot, per platform. */
  privateLinks: Map<string, string>;
  /**
   * Platforms whose user ids change when the bot logs in again (WeChat), with the time of the current
   * login: an account bound before it may reappear under a new id and is then recognised again.
   */
  loginEpochs: Map<string, Date>;
  /** Platforms that can list a group's members (WeChat rooms), with the lister. */
  memberLists: Map<string, (chatId: string) => Promise<UserRef[]>>;
  /** Platforms that edit a live message in place (Telegram): acknowledgements become one list per session. */
  editable: Set<string>;
}

/** Who did something, for the audit log: a person, or a system actor such as "cli" or "scheduler". */
export interface AuditActor {
  personId: number | null;
  label: string;
}

/** Records one change in the audit log. */
export async function audit(db: Pick<Db, 'auditLog'>, actor: AuditActor, action: string, entity: string, entityId: string | number | null, data: Record<string, unknown> = {}): Promise<void> {
  await db.auditLog.create({
    data: { actorPersonId: actor.personId, actor: actor.label, action, entity, entityId: entityId === null ? null : String(entityId), data: data as object },
  });
}
