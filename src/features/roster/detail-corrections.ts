import { UserError } from '../../core/errors.ts';
import { canSeePerson, isAdmin, type Grant } from '../../core/permissions.ts';
import { maskPhone } from '../../core/privacy.ts';
import type { Db } from '../../db/client.ts';
import { audit, type App, type AuditActor } from '../../app/app.ts';
import { regionChain } from '../../app/actor.ts';
import type { RosterRow } from '../../core/roster/parse-roster-csv.ts';
import type { DetailField, RosterDifference } from './roster-differences.ts';

// The differences a tutor's roster upload found with teachers on record: the tutor changes nothing
// (roster-differences.ts), so each waits here for a county contact of the teacher's county, or an
// admin, to apply or dismiss. Applying writes the file's values and an audit row, phone masked.

type Tx = Pick<Db, 'detailCorrection'>;

/** One waiting correction as a contact sees it. */
export interface PendingCorrection {
  id: number;
  personName: string;
  maskedPhone: string;
  className: string;
  proposedBy: string;
  createdAt: Date;
  changes: { field: DetailField; onRecord: string; inFile: string }[];
}

/** Keeps a tutor's difference for a contact (once: the same values proposed again for the same person are not listed twice). */
export async function proposeCorrection(tx: Tx, proposer: AuditActor, row: RosterRow, countyId: number, className: string, difference: RosterDifference): Promise<void> {
  const fields = new Set(difference.changes.map((c) => c.field));
  const values = {
    name: fields.has('name') ? row.name : null,
    schoolName: fields.has('school') ? row.school : null,
    schoolRegionId: fields.has('school') ? countyId : null,
    subject: fields.has('subject') ? row.subject : null,
    stage: fields.has('stage') ? row.stage : null,
  };
  const same = await tx.detailCorrection.findFirst({ where: { personId: difference.personId, status: 'PENDING', ...values } });
  if (same) return;
  const before = Object.fromEntries(difference.changes.map((c) => [c.field, c.onRecord]));
  await tx.detailCorrection.create({ data: { personId: difference.personId, ...values, before, proposedById: proposer.personId, className } });
}

/** True when these grants may apply a correction to a teacher of this school's county: an admin, or a county contact of it. */
async function mayDecide(db: Db, grants: Grant[], schoolRegionId: number | null | undefined): Promise<boolean> {
  if (isAdmin(grants)) return true;
  const county = grants.filter((g) => g.role === 'COUNTY_CONTACT');
  if (county.length === 0 || schoolRegionId === null || schoolRegionId === undefined) return false;
  return canSeePerson(county, { schoolId: null, schoolRegionIds: await regionChain(db, schoolRegionId), classes: [] });
}

/** True when these grants may see the corrections page at all (an admin or a county contact). */
export const decidesCorrections = (grants: Grant[]) => isAdmin(grants) || grants.some((g) => g.role === 'COUNTY_CONTACT');

const withPerson = { person: { select: { id: true, name: true, phone: true, subject: true, stage: true, school: { select: { name: true, regionId: true } } } } } as const;

/** The waiting corrections these grants may decide, oldest first. */
export async function pendingCorrections(app: App, grants: Grant[]): Promise<PendingCorrection[]> {
  if (!decidesCorrections(grants)) return [];
  const rows = await app.db.detailCorrection.findMany({ where: { status: 'PENDING' }, orderBy: { id: 'asc' }, include: withPerson });
  const proposers = new Map((await app.db.person.findMany({ where: { id: { in: rows.flatMap((r) => (r.proposedById ? [r.proposedById] : [])) } }, select: { id: true, name: true } })).map((p) => [p.id, p.name]));
  const counties = new Map((await app.db.region.findMany({ where: { id: { in: rows.flatMap((r) => (r.schoolRegionId ? [r.schoolRegionId] : [])) } }, select: { id: true, name: true } })).map((r) => [r.id, r.name]));
  const visible: PendingCorrection[] = [];
  for (const r of rows) {
    if (!(await mayDecide(app.db, grants, r.person.school?.regionId))) continue;
    const before = r.before as Record<string, string>;
    const proposed: [DetailField, string | null][] = [['name', r.name], ['school', r.schoolName && `${r.schoolName}${r.schoolRegionId !== r.person.school?.regionId ? `（${counties.get(r.schoolRegionId!) ?? '—'}）` : ''}`], ['subject', r.subject], ['stage', r.stage]];
    visible.push({
      id: r.id,
      personName: r.person.name,
      maskedPhone: r.person.phone ? maskPhone(r.person.phone) : '—',
      className: r.className,
      proposedBy: (r.proposedById && proposers.get(r.proposedById)) || '—',
      createdAt: r.createdAt,
      changes: proposed.flatMap(([field, inFile]) => (inFile === null ? [] : [{ field, onRecord: before[field] ?? '—', inFile }])),
    });
  }
  return visible;
}

/** Applies or dismisses a waiting correction; refused (as not found) outside the decider's county. */
export async function decideCorrection(app: App, actor: AuditActor, grants: Grant[], id: number, apply: boolean): Promise<void> {
  const row = await app.db.detailCorrection.findFirst({ where: { id, status: 'PENDING' }, include: withPerson });
  if (!row || !(await mayDecide(app.db, grants, row.person.school?.regionId))) throw new UserError('correctionQueue.notFound');
  const now = app.clock.now();
  await app.db.$transaction(async (tx) => {
    const claimed = await tx.detailCorrection.updateMany({ where: { id, status: 'PENDING' }, data: { status: apply ? 'APPLIED' : 'DISMISSED', decidedById: actor.personId, decidedAt: now } });
    if (claimed.count === 0) throw new UserError('correctionQueue.notFound');
    if (!apply) return;
    const school = row.schoolName && row.schoolRegionId
      ? await tx.school.upsert({ where: { regionId_name: { regionId: row.schoolRegionId, name: row.schoolName } }, create: { regionId: row.schoolRegionId, name: row.schoolName }, update: {} })
      : null;
    const data = { ...(row.name ? { name: row.name } : {}), ...(school ? { schoolId: school.id } : {}), ...(row.subject ? { subject: row.subject } : {}), ...(row.stage ? { stage: row.stage } : {}) };
    await tx.person.update({ where: { id: row.personId }, data });
    const after = { ...(row.name ? { name: row.name } : {}), ...(row.schoolName ? { school: row.schoolName } : {}), ...(row.subject ? { subject: row.subject } : {}), ...(row.stage ? { stage: row.stage } : {}) };
    await audit(tx, actor, 'person.update', 'Person', row.personId, { via: 'roster.correction', correction: id, phone: row.person.phone ? maskPhone(row.person.phone) : null, before: row.before, after });
  });
}
