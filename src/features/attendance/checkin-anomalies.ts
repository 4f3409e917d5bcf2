import { BURST_MIN_CHECKINS, BURST_WINDOW_SECONDS, burstFollowers, type CodePost } from '../../core/checkin/anomalies.ts';
import { codeForStep, stepAt } from '../../core/checkin/rotating-code.ts';
import { formatDistance } from '../../core/geo/distance.ts';
import type { TrainingSession } from '../../generated/prisma/client.ts';
import { audit, type App, type AuditActor } from '../../app/app.ts';

/** Audit actions of refused or doubtful attempts, read back as anomaly flags on the tutor's summary. */
export const STALE_CODE_ACTION = 'checkin.staleCode';
export const WRONG_CODE_ACTION = 'checkin.wrongCode';
/** Every code typed for a rotating session, recorded before it is checked (see codeAttemptsSpent). */
export const CODE_TRY_ACTION = 'checkin.codeTry';
export const OUTSIDE_VENUE_ACTION = 'checkin.outsideVenue';

export interface SessionAnomalies {
  stale: { personId: number; name: string }[];
  /** Who typed a code that never was this session's, and how many times. */
  wrong: { personId: number; name: string; count: number }[];
  far: { personId: number; name: string; meters: number }[];
  burst: { personId: number; name: string }[];
}

/**
 * The anomalies of a session: who tried an expired rotating code, who shared a location outside the
 * venue (the farthest of their positions), and who checked in in a burst right after the code
 * appeared in one of the class's groups (see core/checkin/anomalies.ts).
 */
export async function sessionAnomalies(app: App, session: TrainingSession): Promise<SessionAnomalies> {
  const attempts = await app.db.auditLog.findMany({
    where: { entity: 'TrainingSession', entityId: String(session.id), action: { in: [STALE_CODE_ACTION, WRONG_CODE_ACTION, OUTSIDE_VENUE_ACTION] }, actorPersonId: { not: null } },
    select: { action: true, actorPersonId: true, data: true },
    orderBy: { id: 'asc' },
  });
  const staleIds = new Set(attempts.filter((a) => a.action === STALE_CODE_ACTION).map((a) => a.actorPersonId!));
  const wrongCounts = new Map<number, number>();
  for (const a of attempts.filter((x) => x.action === WRONG_CODE_ACTION)) wrongCounts.set(a.actorPersonId!, (wrongCounts.get(a.actorPersonId!) ?? 0) + 1);
  const farthest = new Map<number, number>();
  for (const a of attempts.filter((x) => x.action === OUTSIDE_VENUE_ACTION)) {
    const meters = Number((a.data as { distanceMeters?: unknown }).distanceMeters ?? 0);
    farthest.set(a.actorPersonId!, Math.max(meters, farthest.get(a.actorPersonId!) ?? 0));
  }
  const burstIds = session.codeSecret ? await burstCheckIns(app, session) : new Set<number>();
  const ids = [...new Set([...staleIds, ...wrongCounts.keys(), ...farthest.keys(), ...burstIds])];
  const names = new Map((await app.db.person.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } })).map((p) => [p.id, p.name]));
  const named = (id: number) => ({ personId: id, name: names.get(id) ?? '—' });
  return {
    stale: [...staleIds].map(named),
    wrong: [...wrongCounts].map(([id, count]) => ({ ...named(id), count })),
    far: [...farthest].map(([id, meters]) => ({ ...named(id), meters })),
    burst: [...burstIds].map(named),
  };
}

/**
 * True when a person has used up a step's attempts: `max` wrong or expired codes, or more than
 * `max` + 1 codes typed in all. The try is recorded before the count, so codes sent all at once (the
 * wrong ones not yet recorded) are still held to the limit.
 */
export async function codeAttemptsSpent(app: App, actor: AuditActor, sessionId: number, step: number, max: number): Promise<boolean> {
  await audit(app.db, actor, CODE_TRY_ACTION, 'TrainingSession', sessionId, { step });
  const inStep = { entity: 'TrainingSession', entityId: String(sessionId), actorPersonId: actor.personId, data: { path: ['step'], equals: step } };
  const [tries, misses] = await Promise.all([
    app.db.auditLog.count({ where: { ...inStep, action: CODE_TRY_ACTION } }),
    app.db.auditLog.count({ where: { ...inStep, action: { in: [STALE_CODE_ACTION, WRONG_CODE_ACTION] } } }),
  ]);
  return misses >= max || tries > max + 1;
}

/** The summary lines of a session's anomalies (none when there are none). */
export async function anomalyLines(app: App, session: TrainingSession): Promise<string[]> {
  const { stale, wrong, far, burst } = await sessionAnomalies(app, session);
  const lines: string[] = [];
  if (stale.length) lines.push(app.t('session.flagStale', { count: stale.length, names: stale.map((p) => p.name).join('、') }));
  if (wrong.length) lines.push(app.t('session.flagWrong', { count: wrong.length, names: wrong.map((p) => app.t('session.flagWrongName', { name: p.name, times: p.count })).join('、') }));
  if (far.length) lines.push(app.t('session.flagFar', { count: far.length, names: far.map((p) => `${p.name}（${formatDistance(p.meters)}）`).join('、') }));
  if (burst.length) lines.push(app.t('session.flagBurst', { seconds: BURST_WINDOW_SECONDS, min: BURST_MIN_CHECKINS, count: burst.length, names: burst.map((p) => p.name).join('、') }));
  return lines.length ? [app.t('session.flagsTitle'), ...lines] : [];
}

/** Code check-ins that followed a message in the class's groups carrying the code valid when it was sent. */
async function burstCheckIns(app: App, session: TrainingSession): Promise<Set<number>> {
  const secret = session.codeSecret!;
  const stepSeconds = session.codeStepSeconds ?? 30;
  const groups = await app.db.groupChat.findMany({ where: { classId: session.classId }, select: { platform: true, chatId: true } });
  if (groups.length === 0) return new Set();
  const window = { gte: session.checkinOpensAt, lt: session.closedAt ?? session.checkinClosesAt };
  const messages = await app.db.inboundMessage.findMany({
    where: { OR: groups.map((g) => ({ platform: g.platform, chatId: g.chatId })), sentAt: window },
    select: { platform: true, senderId: true, text: true, sentAt: true },
  });
  const carrying = messages.filter((m) => {
    const tokens = new Set(m.text.match(/(?<!\d)\d{6}(?!\d)/g) ?? []);
    if (tokens.size === 0) return false;
    const step = stepAt(m.sentAt, stepSeconds);
    return tokens.has(codeForStep(secret, step)) || tokens.has(codeForStep(secret, step - 1));
  });
  if (carrying.length === 0) return new Set();
  const identities = await app.db.identity.findMany({ where: { OR: carrying.map((m) => ({ platform: m.platform, platformUserId: m.senderId })) }, select: { platform: true, platformUserId: true, personId: true } });
  const personOf = new Map(identities.map((i) => [`${i.platform}:${i.platformUserId}`, i.personId]));
  const posts: CodePost[] = carrying.map((m) => ({ personId: personOf.get(`${m.platform}:${m.senderId}`) ?? null, at: m.sentAt }));
  const checkIns = await app.db.checkIn.findMany({ where: { sessionId: session.id, status: { in: ['PRESENT', 'LATE'] }, distanceMeters: null, checkedInAt: { not: null } }, select: { personId: true, checkedInAt: true } });
  return burstFollowers(posts, checkIns.map((c) => ({ personId: c.personId, at: c.checkedInAt! })));
}
