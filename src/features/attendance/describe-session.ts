import { formatChinaClock, formatChinaDate } from '../../core/time/parse-time-phrase.ts';
import type { TrainingSession } from '../../generated/prisma/client.ts';

// How a session's times read in messages (used by the live list as well as the session use cases).

/** "11月23日 08:30–11:30" */
export function describeWindow(s: Pick<TrainingSession, 'startsAt' | 'endsAt'>): string {
  return `${formatChinaDate(s.startsAt)} ${formatChinaClock(s.startsAt)}–${formatChinaClock(s.endsAt)}`;
}

/** "11月23日 08:00–11:30": when check-in is accepted. */
export function describeCheckinWindow(s: Pick<TrainingSession, 'checkinOpensAt' | 'checkinClosesAt'>): string {
  return `${formatChinaDate(s.checkinOpensAt)} ${formatChinaClock(s.checkinOpensAt)}–${formatChinaClock(s.checkinClosesAt)}`;
}
