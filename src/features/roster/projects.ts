import type { Grant } from '../../core/permissions.ts';
import { isAdmin } from '../../core/permissions.ts';
import type { Db } from '../../db/client.ts';
import { regionChain } from '../../app/actor.ts';
import { REAL_PROJECT } from '../../app/sandbox-filters.ts';

/**
 * The projects someone may add classes to, newest first: an admin any, a county contact those of
 * their county (or a county below their region), nobody else. The one rule for 创建班级 in chat and
 * the console's 新建班级 form.
 */
export async function projectsForNewClasses(db: Db, grants: Grant[]) {
  const projects = await db.project.findMany({ where: REAL_PROJECT, orderBy: [{ year: 'desc' }, { id: 'desc' }] });
  if (isAdmin(grants)) return projects;
  const counties = grants.filter((g) => g.role === 'COUNTY_CONTACT' && g.regionId !== null).map((g) => g.regionId as number);
  if (counties.length === 0) return [];
  const mine = [];
  for (const p of projects) if ((await regionChain(db, p.regionId)).some((r) => counties.includes(r))) mine.push(p);
  return mine;
}
