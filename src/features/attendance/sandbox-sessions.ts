import { UserError } from '../../core/errors.ts';
import type { App } from '../../app/app.ts';

// A demo room's class takes sessions from a stranger on the internet: each one schedules jobs, so
// they stay near (today to a week ahead) and few. Real classes are not affected.

export const DEMO_SESSION_DAYS = 7;
export const DEMO_SESSIONS_PER_ROOM = 6;
const DAY_MS = 86_400_000;

/** Refuses a session in a demo room that starts before yesterday, beyond the next 7 days, or beyond the room's handful. */
export async function checkSandboxSession(app: App, classId: number, startsAt: Date): Promise<void> {
  const cls = await app.db.trainingClass.findUnique({ where: { id: classId }, select: { sandbox: true } });
  if (!cls?.sandbox) return;
  const now = app.clock.now().getTime();
  // From a day back (「今天 8:30」 typed in the afternoon) to a week ahead.
  if (startsAt.getTime() < now - DAY_MS || startsAt.getTime() > now + DEMO_SESSION_DAYS * DAY_MS) throw new UserError('demo.sessionOutOfRange', { days: DEMO_SESSION_DAYS });
  const held = await app.db.trainingSession.count({ where: { classId, status: { not: 'CANCELLED' } } });
  if (held >= DEMO_SESSIONS_PER_ROOM) throw new UserError('demo.tooManySessions', { max: DEMO_SESSIONS_PER_ROOM });
}
