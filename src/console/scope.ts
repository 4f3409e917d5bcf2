import { classScope, regionChain } from '../app/actor.ts';
import type { App } from '../app/app.ts';
import { canManageClass, isAdmin } from '../core/permissions.ts';
import type { ConsoleAccount } from '../features/access/console-accounts.ts';
import { REAL_CLASS, REAL_SCHOOL } from '../app/sandbox-filters.ts';

/** How an account may see a class: all of it (its tutor, a county contact above it, an admin), or only its own schools' teachers. */
export type ClassAccess = { kind: 'manage' } | { kind: 'school'; schoolIds: number[] };

const schoolIdsOf = (account: ConsoleAccount) => account.grants.filter((g) => g.role === 'SCHOOL_CONTACT' && g.schoolId !== null).map((g) => g.schoolId as number);

/** The account's access to a class, or null: then the class does not exist for them. */
export async function classAccess(app: App, account: ConsoleAccount, classId: number): Promise<ClassAccess | null> {
  const exists = await app.db.trainingClass.findFirst({ where: { id: classId, ...REAL_CLASS }, select: { id: true } });
  if (!exists) return null;
  if (canManageClass(account.grants, await classScope(app.db, classId))) return { kind: 'manage' };
  const schoolIds = schoolIdsOf(account);
  if (schoolIds.length === 0) return null;
  const theirs = await app.db.enrolment.findFirst({ where: { classId, person: { schoolId: { in: schoolIds } } }, select: { id: true } });
  return theirs ? { kind: 'school', schoolIds } : null;
}

/** The classes an account sees, newest project first. */
export async function visibleClasses(app: App, account: ConsoleAccount) {
  const classes = await app.db.trainingClass.findMany({ where: REAL_CLASS, include: { project: { select: { name: true, year: true } } }, orderBy: [{ project: { year: 'desc' } }, { id: 'asc' }] });
  if (isAdmin(account.grants)) return classes;
  const visible = [];
  for (const c of classes) if (await classAccess(app, account, c.id)) visible.push(c);
  return visible;
}

/** The schools an account's overview covers: every school for an admin, their county's, or their own. */
export async function visibleSchools(app: App, account: ConsoleAccount) {
  const schools = await app.db.school.findMany({ where: REAL_SCHOOL, select: { id: true, name: true, regionId: true }, orderBy: { id: 'asc' } });
  if (isAdmin(account.grants)) return schools;
  const own = new Set(schoolIdsOf(account));
  const counties = account.grants.filter((g) => g.role === 'COUNTY_CONTACT' && g.regionId !== null).map((g) => g.regionId as number);
  const visible = [];
  for (const s of schools) {
    if (own.has(s.id) || (counties.length && (await regionChain(app.db, s.regionId)).some((r) => counties.includes(r)))) visible.push(s);
  }
  return visible;
}
