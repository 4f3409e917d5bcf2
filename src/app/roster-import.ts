import type { RosterRow, RosterRowError } from '../core/roster/parse-roster-csv.ts';
import { audit, type App, type AuditActor } from './app.ts';

export interface RosterImportOptions {
  /** The county for rows without a 县区 column (optional when the database has only one county). */
  countyName?: string;
  /** Check every row and report, but write nothing (the console's preview). */
  dryRun?: boolean;
  /** Classes the importer may fill; rows for other classes are errors (the console's scope). */
  mayImportInto?: (classId: number) => Promise<boolean>;
}

export interface RosterImportResult {
  ok: boolean;
  errors: RosterRowError[];
  persons: number;
  enrolments: number;
  schoolsCreated: number;
}

/**
 * Imports roster rows all-or-nothing: every row is checked against the database first (county and
 * class must exist), and only when no row has an error is anything written, in one transaction.
 * Persons are matched by phone, so importing the same file twice changes nothing.
 */
export async function importRoster(app: App, actor: AuditActor, rows: RosterRow[], parseErrors: RosterRowError[], options: RosterImportOptions = {}): Promise<RosterImportResult> {
  const errors = [...parseErrors];
  const counties = await app.db.region.findMany({ where: { level: 'COUNTY' } });
  const classes = await app.db.trainingClass.findMany({ select: { id: true, name: true } });
  const classByName = new Map<string, number[]>();
  for (const c of classes) classByName.set(c.name, [...(classByName.get(c.name) ?? []), c.id]);
  const resolved: { row: RosterRow; countyId: number; classId: number }[] = [];
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
    if (problems.length) errors.push({ line: row.line, message: app.t('roster.rowError', { line: row.line, problems: problems.join('；') }) });
    else resolved.push({ row, countyId: matches[0]!.id, classId: classIds[0]! });
  }
  if (errors.length > 0) {
    errors.sort((a, b) => a.line - b.line);
    return { ok: false, errors, persons: 0, enrolments: 0, schoolsCreated: 0 };
  }
  if (options.dryRun) return { ok: true, errors: [], persons: resolved.length, enrolments: resolved.length, schoolsCreated: 0 };
  let schoolsCreated = 0;
  await app.db.$transaction(
    async (tx) => {
      const schoolIds = new Map<string, number>();
      for (const { row, countyId } of resolved) {
        const key = `${countyId}:${row.school}`;
        if (schoolIds.has(key)) continue;
        const found = await tx.school.findUnique({ where: { regionId_name: { regionId: countyId, name: row.school } } });
        const school = found ?? (await tx.school.create({ data: { regionId: countyId, name: row.school } }));
        if (!found) schoolsCreated++;
        schoolIds.set(key, school.id);
      }
      for (const { row, countyId, classId } of resolved) {
        const details = { name: row.name, schoolId: schoolIds.get(`${countyId}:${row.school}`)!, subject: row.subject ?? null, stage: row.stage ?? null, phoneLast4: row.phone.slice(-4) };
        const person = await tx.person.upsert({ where: { phone: row.phone }, create: { ...details, phone: row.phone }, update: details });
        await tx.enrolment.upsert({ where: { classId_personId: { classId, personId: person.id } }, create: { classId, personId: person.id }, update: {} });
      }
    },
    { timeout: 120_000, maxWait: 30_000 },
  );
  await audit(app.db, actor, 'roster.import', 'Roster', null, { rows: resolved.length, schoolsCreated });
  return { ok: true, errors: [], persons: resolved.length, enrolments: resolved.length, schoolsCreated };
}
