import { UserError } from '../../core/errors.ts';
import { venueProblem, type ClassInfoChange } from '../../core/timetable/class-info-phrase.ts';
import { dateColumn, dayBefore, localDateOf } from '../../core/timetable/timetable-phrase.ts';
import { audit, type App, type AuditActor } from '../../app/app.ts';
import { scheduleClassEnd } from '../completion/class-end.ts';

// A class's dates and venue (with the circle a location check-in must fall in), set from chat, the
// console or a setup file, and shown in 班级信息, 课表 and 帮助.

/** Writes the parts of `change` that are given; refuses an end before the start or a bad circle. Audited. */
export async function updateClassInfo(app: App, actor: AuditActor, classId: number, change: ClassInfoChange): Promise<void> {
  const current = await app.db.trainingClass.findUniqueOrThrow({ where: { id: classId } });
  const startsOn = change.startsOn ?? (current.startsOn ? localDateOf(current.startsOn) : undefined);
  const endsOn = change.endsOn ?? (current.endsOn ? localDateOf(current.endsOn) : undefined);
  if (startsOn && endsOn && dayBefore(endsOn, startsOn)) throw new UserError('classInfo.endBeforeStart');
  const problem = venueProblem(change.latitude, change.longitude, change.radiusMeters);
  if (problem) throw new UserError(problem);
  const data = {
    ...(change.startsOn ? { startsOn: dateColumn(change.startsOn) } : {}),
    ...(change.endsOn ? { endsOn: dateColumn(change.endsOn) } : {}),
    ...(change.venue !== undefined ? { venue: change.venue } : {}),
    ...(change.latitude !== undefined ? { venueLatitude: change.latitude, venueLongitude: change.longitude } : {}),
    ...(change.radiusMeters !== undefined ? { venueRadiusMeters: change.radiusMeters } : {}),
  };
  await app.db.trainingClass.update({ where: { id: classId }, data });
  if (change.endsOn) await scheduleClassEnd(app, classId);
  await audit(app.db, actor, 'class.info', 'TrainingClass', classId, { ...change });
}

/** The class's information as lines for a chat reply: name, project, dates, venue, check-in circle, sessions. */
export async function classInfoLines(app: App, classId: number): Promise<string[]> {
  const c = await app.db.trainingClass.findUniqueOrThrow({ where: { id: classId }, include: { project: true, _count: { select: { sessions: { where: { status: { not: 'CANCELLED' } } } } } } });
  const day = (d: Date | null) => (d ? `${localDateOf(d).year}年${localDateOf(d).month}月${localDateOf(d).day}日` : app.t('classInfo.unset'));
  const lines = [app.t('classInfo.title', { className: c.name, project: c.project.name })];
  lines.push(app.t('classInfo.dates', { from: day(c.startsOn), to: day(c.endsOn) }));
  lines.push(app.t('classInfo.venue', { venue: c.venue ?? app.t('classInfo.unset') }));
  if (c.venueLatitude !== null && c.venueLongitude !== null) {
    lines.push(app.t('classInfo.circle', { lat: c.venueLatitude, lon: c.venueLongitude, radius: c.venueRadiusMeters ?? app.t('classInfo.unset') }));
  }
  lines.push(app.t('classInfo.sessions', { count: c._count.sessions }));
  return lines;
}
