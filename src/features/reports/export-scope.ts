import { UserError } from '../../core/errors.ts';
import { canManageClass, tutoredClassIds } from '../../core/permissions.ts';
import { classScope, type Actor, type ChatBinding } from '../../app/actor.ts';
import type { App } from '../../app/app.ts';
import type { ExportScope } from './exports.ts';
import { findManagedClass } from '../../app/managed-class.ts';
import { REAL_CLASS } from '../../app/sandbox-filters.ts';

/**
 * What an export covers for whoever asks: a named class, or the class of this group; in private a
 * county contact gets every class of their county, a school contact their school's teachers across
 * classes, a tutor their classes. Trainees get nothing (the command is not theirs).
 */
export async function exportScopeFor(app: App, actor: Actor, binding: ChatBinding | null, className: string | undefined): Promise<ExportScope> {
  if (className) {
    const cls = await findManagedClass(app, actor, className);
    return { classIds: [cls.id], title: cls.name };
  }
  if (binding?.classId) {
    if (canManageClass(actor.grants, await classScope(app.db, binding.classId))) return { classIds: [binding.classId], title: binding.className ?? 'class' };
    // A school contact in a class group gets their own school's teachers of that class.
    const schoolIds = actor.grants.filter((g) => g.role === 'SCHOOL_CONTACT' && g.schoolId !== null).map((g) => g.schoolId as number);
    const theirs = await app.db.enrolment.findFirst({ where: { classId: binding.classId, person: { schoolId: { in: schoolIds } } }, select: { person: { select: { school: { select: { id: true, name: true } } } } } });
    const school = theirs?.person.school;
    if (!school) throw new UserError('common.forbidden');
    return { classIds: [binding.classId], schoolId: school.id, title: `${binding.className ?? 'class'}（${school.name}）` };
  }
  const classes = await app.db.trainingClass.findMany({ where: REAL_CLASS, select: { id: true, name: true } });
  const countyWide = actor.grants.filter((g) => g.role === 'COUNTY_CONTACT' || g.role === 'ADMIN');
  if (countyWide.length) {
    const ids = [];
    for (const c of classes) if (canManageClass(countyWide, await classScope(app.db, c.id))) ids.push(c.id);
    const county = countyWide.find((g) => g.regionId !== null);
    const region = county ? await app.db.region.findUnique({ where: { id: county.regionId! }, select: { name: true } }) : null;
    if (ids.length) return { classIds: ids, title: region?.name ?? '全部班级' };
  }
  const schoolGrant = actor.grants.find((g) => g.role === 'SCHOOL_CONTACT' && g.schoolId !== null);
  if (schoolGrant) {
    const school = await app.db.school.findUniqueOrThrow({ where: { id: schoolGrant.schoolId! }, select: { name: true } });
    const enrolled = await app.db.enrolment.findMany({ where: { person: { schoolId: schoolGrant.schoolId! } }, select: { classId: true }, distinct: ['classId'] });
    if (enrolled.length) return { classIds: enrolled.map((e) => e.classId), schoolId: schoolGrant.schoolId!, title: school.name };
  }
  const tutored = tutoredClassIds(actor.grants);
  if (tutored.length) return { classIds: tutored, title: classes.find((c) => c.id === tutored[0])?.name ?? 'class' };
  throw new UserError('stats.noClasses');
}
