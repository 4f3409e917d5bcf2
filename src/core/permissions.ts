// Who may do what, scoped to their class, school or county. Pure: callers load the grants.

export type RoleName = 'ADMIN' | 'COUNTY_CONTACT' | 'SCHOOL_CONTACT' | 'TUTOR';
/** The audiences a command can be declared for; TRAINEE means "a bound person". */
export type Audience = 'ANYONE' | 'TRAINEE' | RoleName;

export interface Grant {
  role: RoleName;
  regionId: number | null;
  schoolId: number | null;
  classId: number | null;
}

export interface ClassScope {
  classId: number;
  /** The county (and its ancestors) the class's project belongs to, nearest first. */
  regionIds: number[];
}

/** True when the grants include any of the audiences (admins may use everything). */
export function hasAudience(grants: Grant[], bound: boolean, audiences: readonly Audience[]): boolean {
  if (audiences.includes('ANYONE')) return true;
  if (bound && audiences.includes('TRAINEE')) return true;
  return grants.some((g) => g.role === 'ADMIN' || audiences.includes(g.role));
}

export const isAdmin = (grants: Grant[]) => grants.some((g) => g.role === 'ADMIN');

/** True when the grants allow managing a class: its tutor, a county contact above it, or an admin. */
export function canManageClass(grants: Grant[], scope: ClassScope): boolean {
  return grants.some(
    (g) =>
      g.role === 'ADMIN' ||
      (g.role === 'TUTOR' && g.classId === scope.classId) ||
      (g.role === 'COUNTY_CONTACT' && g.regionId !== null && scope.regionIds.includes(g.regionId)),
  );
}

/** The grants a demo persona keeps: tutor grants of sandbox classes only, never a county, school or admin grant. */
export function sandboxGrants(grants: Grant[], sandboxClassIds: ReadonlySet<number>): Grant[] {
  return grants.filter((g) => g.role === 'TUTOR' && g.classId !== null && sandboxClassIds.has(g.classId));
}

/** The class ids a person tutors. */
export function tutoredClassIds(grants: Grant[]): number[] {
  return grants.filter((g) => g.role === 'TUTOR' && g.classId !== null).map((g) => g.classId as number);
}

/** Which roles a holder of `grants` may hand out: admins any, county contacts tutors and school contacts. */
export function grantableRoles(grants: Grant[]): RoleName[] {
  if (isAdmin(grants)) return ['ADMIN', 'COUNTY_CONTACT', 'SCHOOL_CONTACT', 'TUTOR'];
  if (grants.some((g) => g.role === 'COUNTY_CONTACT')) return ['SCHOOL_CONTACT', 'TUTOR'];
  return [];
}

/** Where a person belongs, for deciding who may look at their records. */
export interface PersonScope {
  schoolId: number | null;
  /** The region chain of their school, nearest first. */
  schoolRegionIds: number[];
  classes: ClassScope[];
}

/** True when the grants allow seeing a person's records: their tutor, their school's contact, a county contact above them, or an admin. */
export function canSeePerson(grants: Grant[], person: PersonScope): boolean {
  return grants.some(
    (g) =>
      g.role === 'ADMIN' ||
      (g.role === 'SCHOOL_CONTACT' && g.schoolId !== null && g.schoolId === person.schoolId) ||
      (g.role === 'COUNTY_CONTACT' && g.regionId !== null && person.schoolRegionIds.includes(g.regionId)) ||
      person.classes.some((c) => canManageClass([g], c)),
  );
}
