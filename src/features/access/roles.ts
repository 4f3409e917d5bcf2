import { UserError } from '../../core/errors.ts';
import { grantableRoles, isAdmin, type Grant, type RoleName } from '../../core/permissions.ts';
import { regionChain } from '../../app/actor.ts';
import { audit, type App, type AuditActor } from '../../app/app.ts';

export interface GrantScope {
  regionId?: number | null;
  schoolId?: number | null;
  classId?: number | null;
}

/** The regions (nearest first) a scope lies in, to check it is inside a county contact's county. */
async function scopeRegions(app: App, scope: GrantScope): Promise<number[]> {
  if (scope.classId) {
    const cls = await app.db.trainingClass.findUniqueOrThrow({ where: { id: scope.classId }, select: { project: { select: { regionId: true } } } });
    return regionChain(app.db, cls.project.regionId);
  }
  if (scope.schoolId) {
    const school = await app.db.school.findUniqueOrThrow({ where: { id: scope.schoolId }, select: { regionId: true } });
    return regionChain(app.db, school.regionId);
  }
  return regionChain(app.db, scope.regionId ?? null);
}

/**
 * Grants a role in a scope. Admins may grant anything; county contacts may make tutors and school
 * contacts inside their county; the CLI (an operator at the server) may grant anything.
 * Granting the same role twice is harmless.
 */
export async function grantRole(app: App, granter: { actor: AuditActor; grants: Grant[] | 'cli' }, personId: number, role: RoleName, scope: GrantScope) {
  if (granter.grants !== 'cli' && !isAdmin(granter.grants)) {
    if (!grantableRoles(granter.grants).includes(role)) throw new UserError('role.cannotGrant');
    const regions = await scopeRegions(app, scope);
    const counties = granter.grants.filter((g) => g.role === 'COUNTY_CONTACT' && g.regionId !== null).map((g) => g.regionId as number);
    if (!regions.some((r) => counties.includes(r))) throw new UserError('common.forbidden');
  }
  const where = { personId, role, regionId: scope.regionId ?? null, schoolId: scope.schoolId ?? null, classId: scope.classId ?? null };
  const existing = await app.db.roleGrant.findFirst({ where });
  if (existing) return { created: false };
  const grant = await app.db.roleGrant.create({ data: { ...where, grantedById: granter.actor.personId } });
  await audit(app.db, granter.actor, 'role.grant', 'RoleGrant', grant.id, { personId, role, ...scope });
  return { created: true };
}
