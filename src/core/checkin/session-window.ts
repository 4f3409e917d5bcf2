// When a session accepts check-ins and from when a check-in counts as late.

import { checkRotatingCode } from './rotating-code.ts';

export interface SessionWindow {
  startsAt: Date;
  endsAt: Date;
  checkinOpensAt: Date;
  checkinClosesAt: Date;
  lateAfter: Date;
}

export interface WindowOptions {
  startsAt: Date;
  endsAt: Date;
  /** Check-in opens this many minutes before the start (default 30). */
  earlyMinutes?: number;
  /** Check-ins after start + this many minutes are late (default 10). */
  lateMinutes?: number;
  /** Check-in closes at this time (default: the end of the session). */
  closesAt?: Date;
}

const MINUTE = 60_000;

/** Derives the check-in window of a session from its start and end. */
export function buildSessionWindow(options: WindowOptions): SessionWindow {
  const { startsAt, endsAt } = options;
  if (endsAt.getTime() <= startsAt.getTime()) throw new RangeError('a session must end after it starts');
  const checkinOpensAt = new Date(startsAt.getTime() - (options.earlyMinutes ?? 30) * MINUTE);
  const lateAfter = new Date(startsAt.getTime() + (options.lateMinutes ?? 10) * MINUTE);
  const checkinClosesAt = options.closesAt ?? endsAt;
  return { startsAt, endsAt, checkinOpensAt, checkinClosesAt, lateAfter };
}

export type CheckInVerdict =
  | { kind: 'present' }
  | { kind: 'late'; minutesLate: number }
  | { kind: 'notOpenYet' }
  | { kind: 'closed' }
  | { kind: 'codeRequired' }
  | { kind: 'wrongCode' }
  /** A rotating code of an earlier step: read off a forwarded photo or message. */
  | { kind: 'staleCode' }
  /** The session takes only a shared location. */
  | { kind: 'locationRequired' };

export interface CheckInRules {
  code: string | null;
  codeSecret?: string | null;
  codeStepSeconds?: number | null;
  requireLocation?: boolean;
}

/**
 * Decides what a check-in at `at` means for a session; pure, no I/O. `proof.atVenue`: the trainee
 * shared a location within the venue's radius, which stands in for a fixed code but not for a rotating
 * one (a location can be picked on a map; the screen in the room cannot be seen from home).
 */
export function evaluateCheckIn(session: SessionWindow & CheckInRules, at: Date, code: string | undefined, proof: { atVenue?: boolean } = {}): CheckInVerdict {
  const t = at.getTime();
  if (t < session.checkinOpensAt.getTime()) return { kind: 'notOpenYet' };
  if (t >= session.checkinClosesAt.getTime()) return { kind: 'closed' };
  if (proof.atVenue) {
    if (session.codeSecret && !session.requireLocation) return { kind: 'codeRequired' };
  } else if (session.requireLocation) {
    return { kind: 'locationRequired' };
  } else if (session.codeSecret) {
    if (!code) return { kind: 'codeRequired' };
    const check = checkRotatingCode(session.codeSecret, session.codeStepSeconds ?? 30, code, at, session.checkinOpensAt);
    if (check.kind === 'stale') return { kind: 'staleCode' };
    if (check.kind === 'wrong') return { kind: 'wrongCode' };
  } else if (session.code) {
    if (!code) return { kind: 'codeRequired' };
    if (code.trim().toUpperCase() !== session.code.toUpperCase()) return { kind: 'wrongCode' };
  }
  if (t > session.lateAfter.getTime()) {
    return { kind: 'late', minutesLate: Math.ceil((t - session.startsAt.getTime()) / MINUTE) };
  }
  return { kind: 'present' };
}
