import type { PlannedSession } from '../../core/timetable/timetable-phrase.ts';
import type { App } from '../../app/app.ts';
import { heldStates } from '../../app/held-state.ts';

// A timetable typed in chat waits for 确认 here, one per person, like a notice's draft. It waits in
// the database: the 确认 may reach another process, or this one after a restart.

const DRAFT_MINUTES = 30;

export interface TimetableDraft {
  classId: number;
  planned: PlannedSession[];
  createdAt: Date;
}

const drafts = (app: App) => heldStates<Omit<TimetableDraft, 'createdAt'>>(app.db, 'timetable-draft');

/** Keeps the person's timetable draft (replacing an earlier one). */
export async function keepTimetableDraft(app: App, personId: number, draft: Omit<TimetableDraft, 'createdAt'>): Promise<void> {
  await drafts(app).put(String(personId), String(personId), draft, { now: app.clock.now(), ttlMs: DRAFT_MINUTES * 60_000 });
}

/** The person's draft if still fresh, and newer than any notice draft they wrote since (确认 answers the latest). */
export async function latestTimetableDraft(app: App, personId: number): Promise<TimetableDraft | null> {
  const held = await drafts(app).get(String(personId), app.clock.now());
  if (!held) return null;
  const draft = { ...held.value, createdAt: held.createdAt };
  const newerNotice = await app.db.broadcast.findFirst({ where: { authorId: personId, status: 'DRAFT', createdAt: { gt: draft.createdAt } }, select: { id: true } });
  return newerNotice ? null : draft;
}

/** Forgets the person's draft (confirmed or cancelled); false when it was already gone (another 确认 took it). */
export async function dropTimetableDraft(app: App, personId: number): Promise<boolean> {
  return (await drafts(app).take(String(personId), app.clock.now())) !== null;
}
