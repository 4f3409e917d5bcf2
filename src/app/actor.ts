import type { ChatRef, UserRef } from '../core/message.ts';
import type { Grant } from '../core/permissions.ts';
import { prismaQuery, type Db, type SqlQuery } from '../db/client.ts';

/** The person behind a chat account, if bound, with their roles and classes. */
export interface Actor {
  user: UserRef;
  platform: ChatRef['platform'];
  person: { id: number; name: string; schoolId: number | null } | null;
  /** The bound account, when there is one. */
  identity: { id: number; lastSeenAt: Date | null } | null;
  grants: Grant[];
  /** Classes the person is enrolled in as a trainee (active enrolments). */
  enrolledClassIds: number[];
  /** A persona of the public demo: confined to the demo's commands and sandbox classes (bot/sandbox.ts). */
  sandbox: boolean;
}

const ACTIVE_ENROLMENT = ['SELECTED', 'CONFIRMED', 'COMPLETED'] as const;

/** Loads the actor for a platform account in one query. */
export async function loadActor(db: Db, platform: ChatRef['platform'], user: UserRef): Promise<Actor> {
  const [actor] = await loadActors(prismaQuery(db), [{ platform, user }]);
  return actor!;
}

/**
 * Loads the actors for several platform accounts in one statement (a check-in burst loads 500 at
 * once; Prisma's nested includes would make four queries and cost more than the database does).
 */
export async function loadActors(query: SqlQuery, accounts: { platform: ChatRef['platform']; user: UserRef }[]): Promise<Actor[]> {
  const rows = await query<{ platform: string; platformUserId: string; identityId: number; lastSeenAt: number | null; personId: number; name: string; schoolId: number | null; sandbox: boolean; grants: unknown; classIds: unknown }>(
    `SELECT i."platform", i."platformUserId", i."id" AS "identityId", (extract(epoch FROM i."lastSeenAt") * 1000)::float8 AS "lastSeenAt",
       p."id" AS "personId", p."name", p."schoolId", p."sandbox",
       (SELECT coalesce(json_agg(json_build_object('role', g."role", 'regionId', g."regionId", 'schoolId', g."schoolId", 'classId', g."classId")), '[]'::json)
          FROM "RoleGrant" g WHERE g."personId" = p."id") AS "grants",
       (SELECT coalesce(json_agg(e."classId"), '[]'::json)
          FROM "Enrolment" e WHERE e."personId" = p."id" AND e."status"::text = ANY($3::text[])) AS "classIds"
     FROM unnest($1::text[], $2::text[]) AS wanted(platform, user_id)
     JOIN "Identity" i ON i."platform" = wanted.platform AND i."platformUserId" = wanted.user_id
     JOIN "Person" p ON p."id" = i."personId"`,
    [accounts.map((a) => a.platform), accounts.map((a) => a.user.id), [...ACTIVE_ENROLMENT]],
  );
  const json = <T>(value: unknown): T => (typeof value === 'string' ? JSON.parse(value) : value) as T;
  const byAccount = new Map(rows.map((r) => [`${r.platform}\u0000${r.platformUserId}`, r]));
  return accounts.map(({ platform, user }) => {
    const row = byAccount.get(`${platform}\u0000${user.id}`);
    if (!row) return { user, platform, person: null, identity: null, grants: [], enrolledClassIds: [], sandbox: false };
    return {
      user,
      platform,
      person: { id: row.personId, name: row.name, schoolId: row.schoolId },
      identity: { id: row.identityId, lastSeenAt: row.lastSeenAt === null ? null : new Date(Number(row.lastSeenAt)) },
      grants: json<Grant[]>(row.grants),
      enrolledClassIds: json<number[]>(row.classIds),
      sandbox: row.sandbox === true,
    };
  });
}

export interface ChatBinding {
  id: number;
  scope: 'CLASS' | 'SCHOOL' | 'COUNTY';
  classId: number | null;
  schoolId: number | null;
  regionId: number | null;
  className: string | null;
  /** The group belongs to a room of the public demo (a sandbox class). */
  sandbox: boolean;
}

/** The class, school or county a group chat is bound to, or null. */
export async function loadChatBinding(db: Db, chat: ChatRef): Promise<ChatBinding | null> {
  const [binding] = await loadChatBindings(prismaQuery(db), [chat]);
  return binding ?? null;
}

/** The bindings of several chats in one statement (null for private chats and unbound groups). */
export async function loadChatBindings(query: SqlQuery, chats: ChatRef[]): Promise<(ChatBinding | null)[]> {
  const groups = new Map(chats.filter((c) => c.kind === 'group').map((c) => [`${c.platform}\u0000${c.id}`, c]));
  const rows = groups.size
    ? await query<{ id: number; platform: string; chatId: string; scope: ChatBinding['scope']; classId: number | null; schoolId: number | null; regionId: number | null; className: string | null; sandbox: boolean | null }>(
        `SELECT g."id", g."platform", g."chatId", g."scope"::text AS "scope", g."classId", g."schoolId", g."regionId", c."name" AS "className", c."sandbox"
         FROM unnest($1::text[], $2::text[]) AS wanted(platform, chat_id)
         JOIN "GroupChat" g ON g."platform" = wanted.platform AND g."chatId" = wanted.chat_id
         LEFT JOIN "TrainingClass" c ON c."id" = g."classId"`,
        [[...groups.values()].map((c) => c.platform), [...groups.values()].map((c) => c.id)],
      )
    : [];
  const byChat = new Map(rows.map((r) => [`${r.platform}\u0000${r.chatId}`, r]));
  return chats.map((chat) => {
    const row = chat.kind === 'group' ? byChat.get(`${chat.platform}\u0000${chat.id}`) : undefined;
    if (!row) return null;
    return { id: row.id, scope: row.scope, classId: row.classId, schoolId: row.schoolId, regionId: row.regionId, className: row.className, sandbox: row.sandbox === true };
  });
}

/** The region ids from a region up to the province, nearest first. */
export async function regionChain(db: Db, regionId: number | null): Promise<number[]> {
  const chain: number[] = [];
  let current = regionId;
  while (current !== null && !chain.includes(current)) {
    chain.push(current);
    const region: { parentId: number | null } | null = await db.region.findUnique({ where: { id: current }, select: { parentId: true } });
    current = region?.parentId ?? null;
  }
  return chain;
}

/** The scope used to decide who may manage a class. */
export async function classScope(db: Db, classId: number) {
  const cls = await db.trainingClass.findUniqueOrThrow({ where: { id: classId }, select: { project: { select: { regionId: true } } } });
  return { classId, regionIds: await regionChain(db, cls.project.regionId) };
}
