import { UserError } from '../../core/errors.ts';
import { canManageClass, isAdmin } from '../../core/permissions.ts';
import { maskPhone, normalizePhone } from '../../core/privacy.ts';
import { nameOrRemark } from '../../core/text/decision.ts';
import { askIfNearName } from '../../core/text/near-names.ts';
import type { Actor } from '../../app/actor.ts';
import { classScope, regionChain } from '../../app/actor.ts';
import { audit, type App } from '../../app/app.ts';
import { sendToPerson } from '../../app/notify.ts';

// 换人: a school replaces a selected teacher who cannot attend. The school contact asks, a county
// contact decides; on approval the enrolment and any unconfirmed opening notice move to the new
// teacher, who is told. Phones are only ever shown masked.

const ACTIVE = ['SELECTED', 'CONFIRMED'] as const;
const who = (actor: Actor) => ({ personId: actor.person!.id, label: `${actor.platform}:${actor.user.id}` });

export interface SubstitutionRequest {
  fromName: string;
  toName: string;
  /** Absent when the new teacher is already on the county's roster. */
  toPhone?: string;
  reason: string;
}

/** The new teacher given with a mobile number: the one registered with it, else added to the roster. */
async function teacherByPhone(app: App, name: string, typed: string, schoolId: number | null) {
  const phone = normalizePhone(typed);
  if (!phone) throw new UserError('substitution.badPhone');
  const existing = await app.db.person.findUnique({ where: { phone } });
  if (existing && existing.name !== name) throw new UserError('substitution.phoneBelongsToOther', { phone: maskPhone(phone) });
  return { to: existing ?? (await app.db.person.create({ data: { name, phone, phoneLast4: phone.slice(-4), schoolId } })), existing };
}

/**
 * The new teacher named without a phone: a teacher of that name already on the county's roster,
 * one of the old teacher's school first; nobody or several such ask for the mobile number.
 */
async function teacherOnRoster(app: App, name: string, school: { id: number; regionId: number } | null, projectRegionId: number | null) {
  const regionId = school?.regionId ?? projectRegionId;
  const found = await app.db.person.findMany({ where: { name, ...(regionId !== null ? { school: { regionId } } : {}) } });
  const sameSchool = found.filter((p) => school && p.schoolId === school.id);
  const candidates = sameSchool.length ? sameSchool : found;
  if (candidates.length === 0) throw new UserError('substitution.phoneRequired', { name });
  if (candidates.length > 1) throw new UserError('substitution.toAmbiguous', { name });
  return { to: candidates[0]!, existing: candidates[0]! };
}

/** Files a substitution for a teacher of the requester's school; the county contacts are asked to decide. */
export async function requestSubstitution(app: App, actor: Actor, req: SubstitutionRequest) {
  const schoolIds = actor.grants.filter((g) => g.role === 'SCHOOL_CONTACT' && g.schoolId !== null).map((g) => g.schoolId as number);
  const countyGrants = actor.grants.filter((g) => g.role === 'COUNTY_CONTACT' || g.role === 'ADMIN');
  const ofSchools = countyGrants.length ? {} : { schoolId: { in: schoolIds } };
  const named = (name: string) =>
    app.db.enrolment.findMany({
      where: { status: { in: [...ACTIVE] }, person: { name, ...ofSchools } },
      include: { person: { include: { school: true } }, class: { include: { project: true } } },
    });
  let found = await named(req.fromName);
  if (found.length === 0) {
    // 「我们学校的梁静怀孕了医生让卧床」: the selected teacher named inside a sentence, or a name one sound or character off.
    const roster = [...new Set((await app.db.enrolment.findMany({ where: { status: { in: [...ACTIVE] }, person: ofSchools }, select: { person: { select: { name: true } } } })).map((e) => e.person.name))];
    const inside = roster.filter((n) => req.fromName.includes(n)).sort((a, b) => b.length - a.length);
    if (inside.length && (inside.length === 1 || inside[0]!.length > inside[1]!.length)) found = await named(inside[0]!);
    else askIfNearName(req.fromName, roster, (meant) => app.t('understanding.readingAction', { action: '为其申请换人', name: meant }));
  }
  // A county contact acts for classes of their own county only; a school contact for their teachers.
  const enrolments = [];
  for (const e of found) {
    if ((e.person.schoolId !== null && schoolIds.includes(e.person.schoolId)) || canManageClass(countyGrants, await classScope(app.db, e.classId))) enrolments.push(e);
  }
  if (enrolments.length === 0) throw new UserError('substitution.fromNotFound', { name: req.fromName });
  if (enrolments.length > 1) throw new UserError('substitution.fromAmbiguous', { name: req.fromName, classes: enrolments.map((e) => e.class.name).join('、') });
  const from = enrolments[0]!;
  const { to, existing } = req.toPhone ? await teacherByPhone(app, req.toName, req.toPhone, from.person.schoolId) : await teacherOnRoster(app, req.toName, from.person.school, from.class.project.regionId);
  const phone = to.phone;
  if (to.id === from.personId) throw new UserError('substitution.samePerson');
  const already = await app.db.enrolment.findUnique({ where: { classId_personId: { classId: from.classId, personId: to.id } } });
  if (already && (ACTIVE as readonly string[]).includes(already.status)) throw new UserError('substitution.alreadyEnrolled', { name: to.name });
  const substitution = await app.db.substitution.create({
    data: { classId: from.classId, fromPersonId: from.personId, toPersonId: to.id, reason: req.reason, requestedById: actor.person!.id, createdAt: app.clock.now() },
  });
  await audit(app.db, who(actor), 'substitution.request', 'Substitution', substitution.id, { classId: from.classId, from: from.personId, to: to.id, newPerson: !existing });
  const regions = await regionChain(app.db, from.class.project.regionId);
  const deciders = await app.db.roleGrant.findMany({ where: { role: 'COUNTY_CONTACT', regionId: { in: regions } }, select: { personId: true }, distinct: ['personId'] });
  const text = app.t('substitution.askCounty', {
    school: from.person.school?.name ?? '',
    className: from.class.name,
    from: from.person.name,
    to: to.name,
    phone: phone ? maskPhone(phone) : '名单内',
    reason: req.reason,
  });
  for (const d of deciders) await sendToPerson(app, d.personId, actor.platform, text);
  return { className: from.class.name, from: from.person.name, to: to.name, deciders: deciders.length };
}

/**
 * Approves or rejects the pending substitution of the teacher named `typed.name`, within the decider's
 * county; without a name (or with words that name nobody, a remark), the only one pending — several
 * are listed so the decider can name one.
 */
export async function decideSubstitution(app: App, actor: Actor, typed: { name?: string; note?: string; whole?: string }, approve: boolean) {
  const counties = actor.grants.filter((g) => g.role === 'COUNTY_CONTACT' && g.regionId !== null).map((g) => g.regionId as number);
  const pending = await app.db.substitution.findMany({ where: { status: 'PENDING' }, orderBy: { id: 'asc' } });
  const inScope = [];
  for (const s of pending) {
    const cls = await app.db.trainingClass.findUniqueOrThrow({ where: { id: s.classId }, include: { project: true } });
    const regions = await regionChain(app.db, cls.project.regionId);
    if (isAdmin(actor.grants) || regions.some((r) => counties.includes(r))) inScope.push({ s, cls, from: await app.db.person.findUniqueOrThrow({ where: { id: s.fromPersonId } }) });
  }
  const known = typed.name ? [...inScope.map((c) => c.from.name), ...(await app.db.person.findMany({ where: { name: typed.name }, select: { name: true } })).map((p) => p.name)] : [];
  const { name: fromName, note } = nameOrRemark(typed, known);
  const candidates = fromName ? inScope.filter((c) => c.from.name === fromName) : inScope;
  if (candidates.length === 0 && fromName) {
    askIfNearName(fromName, inScope.map((c) => c.from.name), (meant) => app.t('understanding.readingAction', { action: approve ? '批准换人' : '驳回换人', name: meant }));
  }
  if (candidates.length === 0) throw new UserError(fromName ? 'substitution.noPending' : 'decision.noPendingSubstitution', { name: fromName ?? '' });
  if (candidates.length > 1 && fromName) throw new UserError('substitution.whichOne', { name: fromName });
  if (candidates.length > 1) {
    const list = candidates.map((c) => `${c.from.name}（「${c.cls.name}」）`).join('、');
    throw new UserError('decision.whichSubstitution', { count: candidates.length, list, example: candidates[0]!.from.name });
  }
  const { s, cls } = candidates[0]!;
  const now = app.clock.now();
  const to = await app.db.person.findUniqueOrThrow({ where: { id: s.toPersonId } });
  await app.db.$transaction(async (tx) => {
    const claimed = await tx.substitution.updateMany({ where: { id: s.id, status: 'PENDING' }, data: { status: approve ? 'APPROVED' : 'REJECTED', decidedById: actor.person!.id, decidedAt: now, note: note ?? null } });
    if (claimed.count === 0) throw new UserError('substitution.noPending', { name: candidates[0]!.from.name });
    if (!approve) return;
    await tx.enrolment.update({ where: { classId_personId: { classId: s.classId, personId: s.fromPersonId } }, data: { status: 'SUBSTITUTED' } });
    await tx.enrolment.upsert({
      where: { classId_personId: { classId: s.classId, personId: s.toPersonId } },
      create: { classId: s.classId, personId: s.toPersonId, status: 'SELECTED', substitutedForId: s.fromPersonId },
      update: { status: 'SELECTED', substitutedForId: s.fromPersonId },
    });
    const notices = await tx.openingNotice.findMany({ where: { classId: s.classId }, select: { id: true } });
    await tx.noticeRecipient.updateMany({
      where: { noticeId: { in: notices.map((n) => n.id) }, personId: s.fromPersonId, confirmedAt: null },
      data: { personId: s.toPersonId, schoolId: to.schoolId, remindedAt: null },
    });
  });
  await audit(app.db, who(actor), approve ? 'substitution.approve' : 'substitution.reject', 'Substitution', s.id, { note });
  const from = await app.db.person.findUniqueOrThrow({ where: { id: s.fromPersonId } });
  const params = { className: cls.name, from: from.name, to: to.name, note: note ?? '', decider: actor.person!.name };
  await sendToPerson(app, s.requestedById, actor.platform, app.t(approve ? (note ? 'decision.approvedSubstitutionWithNote' : 'substitution.approvedNotice') : 'substitution.rejectedNotice', params));
  if (approve) {
    const latest = await app.db.openingNotice.findFirst({ where: { classId: s.classId }, orderBy: { id: 'desc' } });
    await sendToPerson(app, s.toPersonId, actor.platform, app.t('substitution.newTrainee', { className: cls.name, details: latest ? latest.text : '' }));
  }
  return params;
}
