import type { ChatRef, UserRef } from '../core/message.ts';
import type { Grant } from '../core/permissions.ts';
import type { Db } from '../db/client.ts';

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
}

const ACTIVE_ENROLMENT = ['SELECTED', 'CONFIRMED', 'COMPLETED'] as const;

/** Loads the actor for a platform account in one query. */
export async function loadActor(db: Db, platform: ChatRef['platform'], user: UserRef): Promise<Actor> {
  const identity = await db.identity.findUnique({
    where: { platform_platformUserId: { platform, platformUserId: user.id } },
    include: {
      person: {
        include: {
          grants: { select: { role: true, regionId: true, schoolId: true, classId: true } },
          enrolments: { where: { status: { in: [...ACTIVE_ENROLMENT] } }, select: { classId: true } },
        },
      },
    },
  });
  if (!identity) return { user, platform, person: null, identity: null, grants: [], enrolledClassIds: [] };
  const p = identity.person;
  return {
    user,
    platform,
    person: { id: p.id, name: p.name, schoolId: p.schoolId },
    identity: { id: identity.id, lastSeenAt: identity.lastSeenAt },
    grants: p.grants,
    enrolledClassIds: p.enrolments.map((e) => e.classId),
  };
}

export interface ChatBinding {
  id: number;
  scope: 'CLASS' | 'SCHOOL' | 'COUNTY';
  classId: number | null;
  schoolId: number | null;
  regionId: number | null;
  className: string | null;
}

/** The class, school or county a group chat is bound to, or null. */
export async function loadChatBinding(db: Db, chat: ChatRef): Promise<ChatBinding | null> {
  if (chat.kind !== 'group') return null;
  const row = await db.groupChat.findUnique({
    where: { platform_chatId: { platform: chat.platform, chatId: chat.id } },
    include: { class: { select: { name: true } } },
  });
  if (!row) return null;
  return { id: row.id, scope: row.scope, classId: row.classId, schoolId: row.schoolId, regionId: row.regionId, className: row.class?.name ?? null };
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
