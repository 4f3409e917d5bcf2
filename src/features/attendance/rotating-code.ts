import { DEFAULT_STEP_SECONDS, newCodeSecret } from '../../core/checkin/rotating-code.ts';
import { formatDistance } from '../../core/geo/distance.ts';
import type { TrainingSession } from '../../generated/prisma/client.ts';
import { audit, type App, type AuditActor } from '../../app/app.ts';

/** The console's 签到大屏 of a session (signed-in tutors and admins only; the address holds no secret). */
export function screenUrl(app: App, session: Pick<TrainingSession, 'id' | 'classId'>): string {
  return `${app.config.console.url.replace(/\/+$/, '')}/console/classes/${session.classId}/sessions/${session.id}/screen`;
}

/** The line a tutor's "session created" reply ends with for a rotating code or a location check-in. */
export async function proofLine(app: App, session: TrainingSession): Promise<string> {
  if (session.codeSecret) return app.t('session.rotatingLine', { seconds: session.codeStepSeconds ?? DEFAULT_STEP_SECONDS, url: screenUrl(app, session) });
  if (!session.requireLocation) return '';
  const venue = await app.db.trainingClass.findUniqueOrThrow({ where: { id: session.classId }, select: { venueLatitude: true, venueRadiusMeters: true } });
  return venue.venueLatitude !== null && venue.venueRadiusMeters ? app.t('session.locationLine', { radius: formatDistance(venue.venueRadiusMeters) }) : app.t('session.locationNoVenue');
}

/** Turns a session's rotating code on (a fresh secret unless it already has one; the step may change) or off. */
export async function setRotatingCode(app: App, actor: AuditActor, sessionId: number, stepSeconds: number | null): Promise<TrainingSession> {
  const old = await app.db.trainingSession.findUniqueOrThrow({ where: { id: sessionId } });
  const data = stepSeconds ? { codeSecret: old.codeSecret ?? newCodeSecret(), codeStepSeconds: stepSeconds } : { codeSecret: null, codeStepSeconds: null };
  const session = await app.db.trainingSession.update({ where: { id: sessionId }, data });
  await audit(app.db, actor, stepSeconds ? 'session.rotatingOn' : 'session.rotatingOff', 'TrainingSession', sessionId, stepSeconds ? { stepSeconds } : {});
  return session;
}
