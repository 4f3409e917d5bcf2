import { randomUUID } from 'node:crypto';
import type { InboundMessage } from '../core/message.ts';
import { prismaQuery, type Db, type SqlQuery } from '../db/client.ts';

/**
 * Stores messages before anything else happens to them, several in one statement; per message,
 * false when its chat already has a message with its id (the platform delivered it again, or the
 * same message is twice in this batch), in which case the caller must do nothing more with it.
 *
 * Each message carries a receipt (stored in its payload) that stays the same when a batch is run
 * again: if the database stored a batch but the connection broke before it said so, the retry
 * finds its own receipts and still treats those messages as new, where a platform's re-delivery
 * (another receipt) is a duplicate.
 */
export async function recordInbounds(query: SqlQuery, messages: (InboundMessage & { receipt: string })[]): Promise<boolean[]> {
  // One INSERT … SELECT FROM unnest(arrays): Prisma's createMany builds 500 rows far slower than the
  // database stores them, and a check-in burst is exactly 500 rows at once.
  const column = <T>(pick: (m: InboundMessage & { receipt: string }) => T) => messages.map(pick);
  const created = await query<{ platform: string; chatId: string; messageId: string }>(
    `WITH wanted AS (
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::jsonb[], $8::timestamptz[], $9::text[])
         AS u(platform, chat_id, message_id, sender_id, sender_name, text, payload, sent_at, receipt)
     ), inserted AS (
       INSERT INTO "InboundMessage" ("platform", "chatId", "messageId", "senderId", "senderName", "text", "payload", "sentAt", "receivedAt")
       SELECT platform, chat_id, message_id, sender_id, sender_name, text, payload, sent_at AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC' FROM wanted
       ON CONFLICT ("platform", "chatId", "messageId") DO NOTHING
       RETURNING "platform", "chatId", "messageId"
     )
     SELECT "platform", "chatId", "messageId" FROM inserted
     UNION ALL
     SELECT m."platform", m."chatId", m."messageId" FROM "InboundMessage" m
       JOIN wanted w ON m."platform" = w.platform AND m."chatId" = w.chat_id AND m."messageId" = w.message_id AND m."payload"->>'receipt' = w.receipt`,
    [
      column((m) => m.chat.platform),
      column((m) => m.chat.id),
      column((m) => m.messageId),
      column((m) => m.sender.id),
      column((m) => m.sender.name),
      column((m) => m.text),
      column((m) => JSON.stringify({ chatKind: m.chat.kind, chatTitle: m.chat.title ?? null, mentions: m.mentions, attachments: m.attachments, ...(m.location ? { location: m.location } : {}), receipt: m.receipt })),
      column((m) => m.sentAt.toISOString()),
      column((m) => m.receipt),
    ],
  );
  const fresh = new Set(created.map((r) => inboundKey(r.platform, r.chatId, r.messageId)));
  return messages.map((m) => fresh.delete(inboundKey(m.chat.platform, m.chat.id, m.messageId)));
}

/** Stores one message; see recordInbounds. */
export async function recordInbound(db: Db, m: InboundMessage): Promise<boolean> {
  const [fresh] = await recordInbounds(prismaQuery(db), [{ ...m, receipt: randomUUID() }]);
  return fresh === true;
}

const inboundKey = (platform: string, chatId: string, messageId: string) => JSON.stringify([platform, chatId, messageId]);
