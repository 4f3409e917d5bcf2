// One timetable, however it arrives (a chat message or an uploaded file), creates at most so many
// sessions over at most so many days: each session schedules jobs, and a file of thousands of rows
// (or dates years apart) would flood the queue and the class page.
import { MAX_TIMETABLE_DAYS, MAX_TIMETABLE_SESSIONS, type PlannedSession } from './timetable-phrase.ts';

const DAY_MS = 86_400_000;
const chinaDay = (d: Date) => Math.floor((d.getTime() + 8 * 3_600_000) / DAY_MS);

export type TimetableCapProblem = { key: 'timetable.tooMany'; params: { max: number } } | { key: 'timetable.tooLong'; params: Record<string, never> };

/** Why the planned sessions exceed the chat's caps (200 sessions, 62 calendar days), or null. */
export function timetableCapProblem(planned: readonly Pick<PlannedSession, 'startsAt'>[]): TimetableCapProblem | null {
  if (planned.length > MAX_TIMETABLE_SESSIONS) return { key: 'timetable.tooMany', params: { max: MAX_TIMETABLE_SESSIONS } };
  if (planned.length === 0) return null;
  const days = planned.map((p) => chinaDay(p.startsAt));
  if (Math.max(...days) - Math.min(...days) + 1 > MAX_TIMETABLE_DAYS) return { key: 'timetable.tooLong', params: {} };
  return null;
}
