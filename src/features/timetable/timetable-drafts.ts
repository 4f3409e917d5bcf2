import type { PlannedSession } from '../../core/timetable/timetable-phrase.ts';
import type { App } from '../../app/app.ts';

// A timetable typed in chat waits for 确认 here, one per person, like a notice's draft. It is short-lived
// and cheap to type again, so it is kept in the process (a restart drops it: the tutor sends it again).

const DRAFT_MINUTES = 30;

export interface TimetableDraft {
  classId: number;
  planned: PlannedSession[];
  createdAt: Date;
}

const drafts = new WeakMap<App, Map<number, TimetableDraft>>();
const of = (app: App) => drafts.get(app) ?? drafts.set(app, new Map()).get(app)!;

/** Keeps the person's timetable draft (replacing an earlier one). */
export function keepTimetableDraft(app: App, personId: number, draft: Omit<TimetableDraft, 'createdAt'>): void {
  of(app).set(personId, { ...draft, createdAt: app.clock.now() });
}

/** The person's draft if still fresh, and newer than any notice draft they wrote since (确认 answers the latest). */
export async function latestTimetableDraft(app: App, personId: number): Promise<TimetableDraft | null> {
  const draft = of(app).get(personId);
  if (!draft) return null;
  if (app.clock.now().getTime() - draft.createdAt.getTime() > DRAFT_MINUTES * 60_000) {
    of(app).delete(personId);
    return null;
  }
  const newerNotice = await app.db.broadcast.findFirst({ where: { authorId: personId, status: 'DRAFT', createdAt: { gt: draft.createdAt } }, select: { id: true } });
  return newerNotice ? null : draft;
}

/** Forgets the person's draft (confirmed or cancelled). */
export function dropTimetableDraft(app: App, personId: number): void {
  of(app).delete(personId);
}
