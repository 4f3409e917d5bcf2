import { randomBytes } from 'node:crypto';
import { UserError } from '../../core/errors.ts';
import { defaultLevelFor } from '../../core/hours/policies.ts';
import type { TrainingLevel } from '../../core/hours/summarize-hours.ts';
import type { Actor } from '../../app/actor.ts';
import { audit, type App } from '../../app/app.ts';
import { sendToPerson } from '../../app/notify.ts';
import { namesSchoolOrClass, reviewedTrainee } from './reviewed-trainee.ts';

// 学时认定: hour records start PENDING; a tutor or county contact accredits them (for a whole class
// at once after it ends, or one trainee) or rejects them with a reason, which the trainee is told.
// Manual entries (登记学时) record hours earned outside the bot, e.g. school-based research.

const who = (actor: Actor) => ({ personId: actor.person!.id, label: `${actor.platform}:${actor.user.id}` });
const round = (n: number) => Math.round(n * 100) / 100;

/** The projects of these classes (whose records a reviewer of them may decide). */
async function projectsOf(app: App, classIds: number[]): Promise<number[]> {
  const classes = await app.db.trainingClass.findMany({ where: { id: { in: classIds } }, select: { projectId: true } });
  return [...new Set(classes.map((c) => c.projectId))];
}

/** Whose pending records a decision covers: one trainee (by name, narrowed by a school or class) in their class's project, or everyone of these classes. */
async function decisionScope(app: App, classIds: number[], name: string | undefined, qualifier: string | undefined): Promise<{ personIds: number[]; projectIds: number[] }> {
  if (!name) {
    const enrolments = await app.db.enrolment.findMany({ where: { classId: { in: classIds } }, select: { personId: true } });
    return { personIds: [...new Set(enrolments.map((e) => e.personId))], projectIds: await projectsOf(app, classIds) };
  }
  const trainee = await reviewedTrainee(app, classIds, name, qualifier, { oneProject: true });
  return { personIds: [trainee.personId], projectIds: [trainee.classes[0]!.projectId] };
}

/** Accredits the pending records of these classes' projects: of one trainee (by name, and school or class when several fit) or of everyone. */
export async function accreditHours(app: App, actor: Actor, classIds: number[], name: string | undefined, qualifier?: string): Promise<{ records: number; hours: number; people: number }> {
  const { projectIds, personIds } = await decisionScope(app, classIds, name, qualifier);
  const where = { status: 'PENDING' as const, personId: { in: personIds }, projectId: { in: projectIds } };
  const pending = await app.db.hourRecord.findMany({ where, select: { id: true, hours: true, personId: true } });
  if (pending.length === 0) throw new UserError('accreditation.nothingPending');
  await app.db.hourRecord.updateMany({ where: { id: { in: pending.map((r) => r.id) } }, data: { status: 'ACCREDITED', decidedById: actor.person!.id } });
  const hours = round(pending.reduce((s, r) => s + Number(r.hours), 0));
  await audit(app.db, who(actor), 'hours.accredit', 'HourRecord', null, { ids: pending.map((r) => r.id), hours });
  return { records: pending.length, hours, people: new Set(pending.map((r) => r.personId)).size };
}

/**
 * Rejects a trainee's pending records of their class's project, with the reason; the trainee is told.
 * A reason starting with the trainee's school or class name is the answer to "which?" and not part of it.
 */
export async function rejectHours(app: App, actor: Actor, classIds: number[], name: string, reason: string): Promise<{ records: number; hours: number }> {
  const [first, ...others] = reason.split(/\s+/);
  const qualifier = (await namesSchoolOrClass(app, classIds, name, first)) ? first : undefined;
  if (qualifier) reason = others.join(' ').trim();
  if (!reason) throw new UserError('accreditation.reasonRequired');
  const { projectIds, personIds } = await decisionScope(app, classIds, name, qualifier);
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
  /** The school or class after the name, answering "which 张伟?". */
  qualifier?: string;
  hours: number;
  category: string;
  level?: TrainingLevel;
  note: string;
}

/**
 * Records hours earned outside the bot for one trainee of these classes (pending, like every record),
 * in the project of their class; without a level, school-based categories are school-level.
 */
export async function recordManualHours(app: App, actor: Actor, classIds: number[], entry: ManualEntry): Promise<{ name: string }> {
  const trainee = await reviewedTrainee(app, classIds, entry.name, entry.qualifier, { oneProject: true });
  const project = await app.db.project.findUniqueOrThrow({ where: { id: trainee.classes[0]!.projectId }, select: { id: true, level: true } });
  const now = app.clock.now();
  const record = await app.db.hourRecord.create({
    data: {
      personId: trainee.personId,
      hours: entry.hours,
      level: entry.level ?? defaultLevelFor(entry.category, project.level),
      category: entry.category,
      source: 'MANUAL',
      // Two entries in the same millisecond (a quick second message) are two records, not a clash.
      sourceRef: `manual:${actor.person!.id}:${now.getTime()}:${randomBytes(4).toString('hex')}`,
      projectId: project.id,
      earnedOn: now,
      statusReason: entry.note || null,
    },
  });
  await audit(app.db, who(actor), 'hours.manual', 'HourRecord', record.id, { hours: entry.hours, category: entry.category, note: entry.note });
  return { name: entry.name };
}
