import type { RosterRow } from '../../core/roster/parse-roster-csv.ts';
import { canSeePerson, isAdmin, type Grant } from '../../core/permissions.ts';
import type { Db } from '../../db/client.ts';
import { classScope, regionChain } from '../../app/actor.ts';

// What a roster row would change about a person already on record (matched by phone), and whether
// this importer may change it. Only a school or county contact (for the teachers of their school or
// county) or an admin edits a person's details by file. Enrolments never count: a tutor's own
// earlier upload creates the enrolment that would otherwise make a stranger "theirs" the second time
// (the two-step takeover), so a tutor's file only adds enrolments and its differences wait for a
// contact or an admin. People holding a role are never edited by a file at all.

export type DetailField = 'name' | 'school' | 'subject' | 'stage';

/** A detail that differs between the file and the record, as shown to the importer. */
export interface DetailChange {
  field: DetailField;
  onRecord: string;
  inFile: string;
}

/**
 * What the import does with a person whose details differ: `update` applies them; `choice` is an
 * admin's to decide (kept unless they ticked the row); `forContact` (a tutor's own trainee: a county
 * contact or an admin applies it), `outsideScope` and `holdsRole` keep the record.
 */
export type DifferenceDecision = 'update' | 'choice' | 'forContact' | 'outsideScope' | 'holdsRole';

/** One row whose person is on record with other details. */
export interface RosterDifference {
  line: number;
  personId: number;
  maskedPhone: string;
  changes: DetailChange[];
  decision: DifferenceDecision;
}

/** Who imports: their grants, or the operator at the command line (who decides like an admin). */
export type Importer = { grants: Grant[] } | 'operator';

export interface RecordedPerson {
  id: number;
  name: string;
  subject: string | null;
  stage: string | null;
  schoolId: number | null;
  school: { name: string; regionId: number } | null;
  enrolments: { classId: number }[];
  grants: { id: number }[];
}

/** Loads the people on record for the given phones, with what deciding about them needs. */
export async function recordedPeople(db: Db, phones: string[]): Promise<Map<string, RecordedPerson>> {
  const people = await db.person.findMany({
    where: { phone: { in: [...new Set(phones)] } },
    select: { id: true, name: true, phone: true, subject: true, stage: true, schoolId: true, school: { select: { name: true, regionId: true } }, enrolments: { select: { classId: true } }, grants: { select: { id: true } } },
  });
  return new Map(people.map((p) => [p.phone!, p]));
}

/** Region chains and class scopes, each loaded once per import. */
export function scopeCache(db: Db) {
  const chains = new Map<number, Promise<number[]>>();
  const classes = new Map<number, ReturnType<typeof classScope>>();
  return {
    chain: (regionId: number | null) => {
      if (regionId === null) return Promise.resolve([]);
      if (!chains.has(regionId)) chains.set(regionId, regionChain(db, regionId));
      return chains.get(regionId)!;
    },
    classScope: (classId: number) => {
      if (!classes.has(classId)) classes.set(classId, classScope(db, classId));
      return classes.get(classId)!;
    },
  };
}
export type ScopeCache = ReturnType<typeof scopeCache>;

export const importerIsAdmin = (importer: Importer) => importer === 'operator' || isAdmin(importer.grants);

/** The details of a row that differ from the record; an empty cell in the file never counts as a change. */
export function detailChanges(row: RosterRow, rowCountyId: number, countyNames: Map<number, string>, person: RecordedPerson): DetailChange[] {
  const changes: DetailChange[] = [];
  if (row.name !== person.name) changes.push({ field: 'name', onRecord: person.name, inFile: row.name });
  const sameSchool = person.school !== null && person.school.name === row.school && person.school.regionId === rowCountyId;
  if (!sameSchool) {
    const where = (name: string, regionId: number) => (person.school && person.school.regionId !== rowCountyId ? `${name}（${countyNames.get(regionId) ?? '—'}）` : name);
    changes.push({ field: 'school', onRecord: person.school ? where(person.school.name, person.school.regionId) : '—', inFile: where(row.school, rowCountyId) });
  }
  if (row.subject && row.subject !== (person.subject ?? '')) changes.push({ field: 'subject', onRecord: person.subject ?? '—', inFile: row.subject });
  if (row.stage && row.stage !== (person.stage ?? '')) changes.push({ field: 'stage', onRecord: person.stage ?? '—', inFile: row.stage });
  return changes;
}

/** True when the importer answers for this person's details: the contact of their school or county (never by enrolment), or an admin. */
export async function answersFor(importer: Importer, person: RecordedPerson, cache: ScopeCache): Promise<boolean> {
  if (importerIsAdmin(importer)) return true;
  const grants = (importer as { grants: Grant[] }).grants.filter((g) => g.role === 'SCHOOL_CONTACT' || g.role === 'COUNTY_CONTACT');
  return canSeePerson(grants, { schoolId: person.schoolId, schoolRegionIds: await cache.chain(person.school?.regionId ?? null), classes: [] });
}

/** True when the importer tutors a class this person is enrolled in (they may see the difference, not apply it). */
async function tutorsThem(importer: Importer, person: RecordedPerson, cache: ScopeCache): Promise<boolean> {
  if (importer === 'operator') return false;
  const tutoring = importer.grants.filter((g) => g.role === 'TUTOR');
  const classes = await Promise.all(person.enrolments.map((e) => cache.classScope(e.classId)));
  return canSeePerson(tutoring, { schoolId: null, schoolRegionIds: [], classes });
}

/** What happens to a differing person: role holders and people outside the importer's scope keep their record; an admin chooses row by row. */
export async function decide(importer: Importer, person: RecordedPerson, line: number, applyChanges: ReadonlySet<number> | 'all' | undefined, cache: ScopeCache): Promise<DifferenceDecision> {
  if (person.grants.length > 0) return 'holdsRole';
  if (importerIsAdmin(importer)) return applyChanges === 'all' || applyChanges?.has(line) ? 'update' : 'choice';
  if (await answersFor(importer, person, cache)) return 'update';
  return (await tutorsThem(importer, person, cache)) ? 'forContact' : 'outsideScope';
}

/**
 * True when a person on record belongs to a region outside the class's project (a teacher of another
 * county): enrolling them would show their hours and exports to this class's tutors.
 */
export async function belongsElsewhere(person: RecordedPerson, projectRegionId: number | null, cache: ScopeCache): Promise<boolean> {
  if (!person.school || projectRegionId === null) return false;
  return !(await cache.chain(person.school.regionId)).includes(projectRegionId);
}

/** The before/after of a change for the audit log, phone masked. */
export function auditEntry(difference: RosterDifference) {
  return {
    via: 'roster.import',
    line: difference.line,
    phone: difference.maskedPhone,
    before: Object.fromEntries(difference.changes.map((c) => [c.field, c.onRecord])),
    after: Object.fromEntries(difference.changes.map((c) => [c.field, c.inFile])),
  };
}
