import type { RosterRow, RosterRowError } from '../../core/roster/parse-roster-csv.ts';
import { maskPhone } from '../../core/privacy.ts';
import { audit, type App, type AuditActor } from '../../app/app.ts';
import { auditEntry, belongsElsewhere, decide, detailChanges, importerIsAdmin, recordedPeople, scopeCache, type Importer, type RecordedPerson, type RosterDifference } from './roster-differences.ts';
import { robotSecretBox } from '../notices/robot-store.ts';
import type { SecretBox } from '../../core/robots/secret-box.ts';
import { proposeCorrection } from './detail-corrections.ts';
import { REAL_CLASS, REAL_REGION } from '../../app/sandbox-filters.ts';

export type { DetailChange, DetailField, DifferenceDecision, Importer, RosterDifference } from './roster-differences.ts';

export interface RosterImportOptions {
  /** The county for rows without a 县区 column (optional when the database has only one county). */
  countyName?: string;
  /** Check every row and report, but write nothing (the console's preview). */
  dryRun?: boolean;
  /** Classes the importer may fill; rows for other classes are errors (the console's scope). */
  mayImportInto?: (classId: number) => Promise<boolean>;
  /** Who imports; decides whose details the file may change. Without it, the operator at the command line. */
  importer?: Importer;
  /** An admin's decision: the file lines whose differing details are applied (`all` for the CLI's --apply-changes). */
  applyChanges?: ReadonlySet<number> | 'all';
}

export interface RosterImportResult {
  ok: boolean;
  errors: RosterRowError[];
  persons: number;
  enrolments: number;
  schoolsCreated: number;
  /** The schools the import creates (or, in a dry run, would create), 「县区 学校」: a misspelt name shows here. */
  newSchools: string[];
  /** Rows whose person is on record with other details, and what the import does about each. */
  differences: RosterDifference[];
  /** People whose details were (or, in a dry run, would be) changed. */
  updated: number;
  /** Lines whose person is on record in a region outside the class's project, enrolled by an admin's import. */
  fromElsewhere: number[];
}

interface ResolvedRow {
  row: RosterRow;
  countyId: number;
  classId: number;
  person: RecordedPerson | undefined;
}

/**
 * Imports roster rows all-or-nothing: every row is checked against the database first (county and
 * class must exist, the teacher must belong to the class's region unless an admin imports), and only
 * when no row has an error is anything written, in one transaction. Persons are matched by phone, so
 * importing the same file twice changes nothing. A person on record keeps their details unless the
 * importer answers for them (or an admin ticked the row); a person holding a role always keeps them.
 */
export async function importRoster(app: App, actor: AuditActor, rows: RosterRow[], parseErrors: RosterRowError[], options: RosterImportOptions = {}): Promise<RosterImportResult> {
  const importer = options.importer ?? 'operator';
  const admin = importerIsAdmin(importer);
  const cache = scopeCache(app.db);
  const errors = [...parseErrors];
  // The demo's county and rooms are not places a real roster can name (nor make a 县区 column necessary).
  const counties = await app.db.region.findMany({ where: { level: 'COUNTY', ...REAL_REGION } });
  const countyNames = new Map(counties.map((c) => [c.id, c.name]));
  const classes = await app.db.trainingClass.findMany({ where: REAL_CLASS, select: { id: true, name: true, project: { select: { regionId: true } } } });
  const classByName = new Map<string, number[]>();
  for (const c of classes) classByName.set(c.name, [...(classByName.get(c.name) ?? []), c.id]);
  const projectRegion = new Map(classes.map((c) => [c.id, c.project.regionId]));
  const people = await recordedPeople(app.db, rows.map((r) => r.phone));
  const resolved: ResolvedRow[] = [];
  for (const row of rows) {
    const countyName = row.county || options.countyName;
    const matches = countyName ? counties.filter((c) => c.name === countyName) : counties;
    const classIds = classByName.get(row.className) ?? [];
    const problems: string[] = [];
    if (matches.length === 0) problems.push(countyName ? app.t('roster.unknownCounty', { name: countyName }) : app.t('roster.noCounty'));
    else if (matches.length > 1) problems.push(app.t('roster.countyRequired'));
    if (classIds.length === 0) problems.push(app.t('roster.unknownClass', { name: row.className }));
    else if (classIds.length > 1) problems.push(app.t('roster.ambiguousClass', { name: row.className }));
    else if (options.mayImportInto && !(await options.mayImportInto(classIds[0]!))) problems.push(app.t('roster.classNotYours', { name: row.className }));
    const person = people.get(row.phone);
    if (problems.length === 0 && !admin) {
      // Only an admin may enrol a teacher of another region: it would show them this class's tutors.
      const regionId = projectRegion.get(classIds[0]!) ?? null;
      if (regionId !== null && !(await cache.chain(matches[0]!.id)).includes(regionId)) problems.push(app.t('roster.schoolOutsideProject', { county: matches[0]!.name, className: row.className }));
      else if (person && (await belongsElsewhere(person, regionId, cache))) problems.push(app.t('roster.personElsewhere', { phone: maskPhone(row.phone), className: row.className }));
    }
    if (problems.length) errors.push({ line: row.line, message: app.t('roster.rowError', { line: row.line, problems: problems.join('；') }) });
    else resolved.push({ row, countyId: matches[0]!.id, classId: classIds[0]!, person });
  }
  const sealedFrom = rows.find((r) => r.idNumber || r.teacherCert);
  const box = sealedFrom ? sealingBox(app) : undefined;
  if (sealedFrom && !box) errors.push({ line: sealedFrom.line, message: app.t('roster.noSecretKey', { line: sealedFrom.line }) });
  if (errors.length > 0) {
    errors.sort((a, b) => a.line - b.line);
    return { ok: false, errors, persons: 0, enrolments: 0, schoolsCreated: 0, newSchools: [], differences: [], updated: 0, fromElsewhere: [] };
  }

  const differences: RosterDifference[] = [];
  const fromElsewhere: number[] = [];
  const compared = new Set<string>();
  for (const { row, countyId, classId, person } of resolved) {
    if (!person || compared.has(row.phone)) continue;
    compared.add(row.phone);
    if (await belongsElsewhere(person, projectRegion.get(classId) ?? null, cache)) fromElsewhere.push(row.line);
    const changes = detailChanges(row, countyId, countyNames, person);
    if (changes.length) differences.push({ line: row.line, personId: person.id, maskedPhone: maskPhone(row.phone), changes, decision: await decide(importer, person, row.line, options.applyChanges, cache) });
  }
  const updates = new Map(differences.filter((d) => d.decision === 'update').map((d) => [d.line, d]));
  // A tutor's differences change nothing; they wait for a county contact or an admin (detail-corrections.ts).
  const proposals = new Map(differences.filter((d) => d.decision === 'forContact' || d.decision === 'outsideScope').map((d) => [d.line, d]));
  const newSchools = await schoolsToCreate(app, resolved.filter(({ row, person }) => !person || updates.has(row.line)), countyNames);
  const summary = { ok: true, errors: [], persons: resolved.length, enrolments: resolved.length, schoolsCreated: 0, newSchools, differences, updated: updates.size, fromElsewhere };
  if (options.dryRun) return summary;

  let schoolsCreated = 0;
  let created = 0;
  await app.db.$transaction(
    async (tx) => {
      const schoolIds = new Map<string, number>();
      for (const { row, countyId, person } of resolved) {
        const key = `${countyId}:${row.school}`;
        if (schoolIds.has(key) || (person && !updates.has(row.line))) continue;
        const found = await tx.school.findUnique({ where: { regionId_name: { regionId: countyId, name: row.school } } });
        const school = found ?? (await tx.school.create({ data: { regionId: countyId, name: row.school } }));
        if (!found) schoolsCreated++;
        schoolIds.set(key, school.id);
      }
      const createdByPhone = new Map<string, number>();
      for (const { row, countyId, classId, person } of resolved) {
        const schoolId = schoolIds.get(`${countyId}:${row.school}`)!;
        let personId = person?.id ?? createdByPhone.get(row.phone);
        if (personId === undefined) {
          const data = { name: row.name, schoolId, subject: row.subject || null, stage: row.stage || null, phone: row.phone, phoneLast4: row.phone.slice(-4) };
          personId = (await tx.person.create({ data })).id;
          createdByPhone.set(row.phone, personId);
          created++;
        }
        const update = updates.get(row.line);
        if (update) {
          const fields = new Set(update.changes.map((c) => c.field));
          await tx.person.update({
            where: { id: personId },
            data: { ...(fields.has('name') ? { name: row.name } : {}), ...(fields.has('school') ? { schoolId } : {}), ...(fields.has('subject') ? { subject: row.subject } : {}), ...(fields.has('stage') ? { stage: row.stage } : {}) },
          });
          await audit(tx, actor, 'person.update', 'Person', personId, auditEntry(update));
        }
        const proposal = proposals.get(row.line);
        if (proposal) await proposeCorrection(tx, actor, row, countyId, row.className, proposal);
        if (box && (row.idNumber || row.teacherCert)) {
          await tx.person.update({ where: { id: personId }, data: { ...(row.idNumber ? { idNumberSealed: box.seal(row.idNumber) } : {}), ...(row.teacherCert ? { teacherCertSealed: box.seal(row.teacherCert) } : {}) } });
        }
        await tx.enrolment.upsert({ where: { classId_personId: { classId, personId } }, create: { classId, personId }, update: {} });
      }
    },
    { timeout: 120_000, maxWait: 30_000 },
  );
  const kept = differences.length - updates.size;
  await audit(app.db, actor, 'roster.import', 'Roster', null, { rows: resolved.length, schoolsCreated, created, updated: updates.size, kept, fromElsewhere: fromElsewhere.length });
  return { ...summary, schoolsCreated };
}

/**
 * The box that seals ID and teacher-certificate numbers (the robots' key: SECRET_KEY, else
 * DATA_DIR/secret.key), or undefined when there is none to be had: then they are not stored at all.
 */
function sealingBox(app: App): SecretBox | undefined {
  try {
    return robotSecretBox(app.config);
  } catch (error) {
    app.log.error('no key to seal ID and teacher-certificate numbers: set SECRET_KEY or make DATA_DIR writable', { dataDir: app.config.dataDir, error: String(error) });
    return undefined;
  }
}

/** The 「县区 学校」 names of the rows' schools that are not on record yet, each once. */
async function schoolsToCreate(app: App, rows: ResolvedRow[], countyNames: Map<number, string>): Promise<string[]> {
  const wanted = new Map(rows.map(({ row, countyId }) => [`${countyId}:${row.school}`, { countyId, school: row.school }]));
  if (wanted.size === 0) return [];
  const known = await app.db.school.findMany({ where: { regionId: { in: [...new Set(rows.map((r) => r.countyId))] } }, select: { regionId: true, name: true } });
  const existing = new Set(known.map((s) => `${s.regionId}:${s.name}`));
  return [...wanted].filter(([key]) => !existing.has(key)).map(([, w]) => `${countyNames.get(w.countyId) ?? ''} ${w.school}`.trim());
}
