import { UserError } from '../core/errors.ts';
import type { TrainingLevel } from '../core/hours/summarize-hours.ts';
import type { Actor } from './actor.ts';
import { audit, type App } from './app.ts';
import { sendToPerson } from './notify.ts';

// 学时认定: hour records start PENDING; a tutor or county contact accredits them (for a whole class
// at once after it ends, or one trainee) or rejects them with a reason, which the trainee is told.
// Manual entries (登记学时) record hours earned outside the bot, e.g. school-based research.

const who = (actor: Actor) => ({ personId: actor.person!.id, label: `${actor.platform}:${actor.user.id}` });
const round = (n: number) => Math.round(n * 100) / 100;

/** The trainees enrolled in these classes, and the projects of the classes (whose records they may decide). */
async function scopeOf(app: App, classIds: number[], name?: string) {
  const classes = await app.db.trainingClass.findMany({ where: { id: { in: classIds } }, select: { projectId: true } });
  const enrolments = await app.db.enrolment.findMany({ where: { classId: { in: classIds }, ...(name ? { person: { name } } : {}) }, select: { personId: true } });
  return { projectIds: [...new Set(classes.map((c) => c.projectId))], personIds: [...new Set(enrolments.map((e) => e.personId))] };
}

/** Accredits the pending records of these classes' projects: of one trainee (by name) or of everyone. */
export async function accreditHours(app: App, actor: Actor, classIds: number[], name: string | undefined): Promise<{ records: number; hours: number; people: number }> {
  const { projectIds, personIds } = await scopeOf(app, classIds, name);
  if (name && personIds.length === 0) throw new UserError('hours.personNotFound', { name });
  const where = { status: 'PENDING' as const, personId: { in: personIds }, projectId: { in: projectIds } };
  const pending = await app.db.hourRecord.findMany({ where, select: { id: true, hours: true, personId: true } });
  if (pending.length === 0) throw new UserError('accreditation.nothingPending');
  await app.db.hourRecord.updateMany({ where: { id: { in: pending.map((r) => r.id) } }, data: { status: 'ACCREDITED', decidedById: actor.person!.id } });
  const hours = round(pending.reduce((s, r) => s + Number(r.hours), 0));
  await audit(app.db, who(actor), 'hours.accredit', 'HourRecord', null, { ids: pending.map((r) => r.id), hours });
  return { records: pending.length, hours, people: new Set(pending.map((r) => r.personId)).size };
}

/** Rejects a trainee's pending records of these classes' projects, with the reason; the trainee is told. */
export async function rejectHours(app: App, actor: Actor, classIds: number[], name: string, reason: string): Promise<{ records: number; hours: number }> {
  const { projectIds, personIds } = await scopeOf(app, classIds, name);
  if (personIds.length === 0) throw new UserError('hours.personNotFound', { name });
  const pending = await app.db.hourRecord.findMany({ where: { status: 'PENDING', personId: { in: personIds }, projectId: { in: projectIds } }, include: { project: true } });
  if (pending.length === 0) throw new UserError('accreditation.nothingPending');
  await app.db.hourRecord.updateMany({ where: { id: { in: pending.map((r) => r.id) } }, data: { status: 'REJECTED', statusReason: reason, decidedById: actor.person!.id } });
  const hours = round(pending.reduce((s, r) => s + Number(r.hours), 0));
  await audit(app.db, who(actor), 'hours.reject', 'HourRecord', null, { ids: pending.map((r) => r.id), reason });
  for (const personId of personIds) {
    const mine = pending.filter((r) => r.personId === personId);
    if (mine.length === 0) continue;
    const total = round(mine.reduce((s, r) => s + Number(r.hours), 0));
    await sendToPerson(app, personId, actor.platform, app.t('accreditation.rejectedNotice', { project: mine[0]!.project?.name ?? '', hours: total, reason }));
  }
  return { records: pending.length, hours };
}

export interface ManualEntry {
  name: string;
  hours: number;
  category: string;
  level?: TrainingLevel;
  note: string;
}

/** Records hours earned outside the bot for a trainee of these classes (pending, like every record). */
export async function recordManualHours(app: App, actor: Actor, classIds: number[], entry: ManualEntry): Promise<{ name: string }> {
  const enrolment = await app.db.enrolment.findFirst({ where: { classId: { in: classIds }, person: { name: entry.name } }, include: { class: { include: { project: true } } } });
  if (!enrolment) throw new UserError('hours.personNotFound', { name: entry.name });
  const now = app.clock.now();
  const record = await app.db.hourRecord.create({
    data: {
      personId: enrolment.personId,
      hours: entry.hours,
      level: entry.level ?? enrolment.class.project.level,
      category: entry.category,
      source: 'MANUAL',
      sourceRef: `manual:${actor.person!.id}:${now.getTime()}`,
      projectId: enrolment.class.projectId,
      earnedOn: now,
      statusReason: entry.note || null,
    },
  });
  await audit(app.db, who(actor), 'hours.manual', 'HourRecord', record.id, { hours: entry.hours, category: entry.category, note: entry.note });
  return { name: entry.name };
}
