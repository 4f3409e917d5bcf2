import type { Prisma } from '../../generated/prisma/client.ts';
import { UserError } from '../../core/errors.ts';
import { askIfNearName } from '../../core/text/near-names.ts';
import { DEFAULT_POLICY, termsFromRow } from '../../core/hours/policies.ts';
import { LEVELS, progressBar, summarizeHours, type HoursSummary, type PolicyTerms } from '../../core/hours/summarize-hours.ts';
import { canSeePerson, type Grant } from '../../core/permissions.ts';
import type { Translator } from '../../i18n/index.ts';
import { classScope, regionChain } from '../../app/actor.ts';
import type { App } from '../../app/app.ts';

/** The policy that applies to a person: the nearest region above their school that has one, else the default. */
export async function policyFor(app: App, personId: number): Promise<PolicyTerms> {
  const person = await app.db.person.findUniqueOrThrow({ where: { id: personId }, select: { school: { select: { regionId: true } } } });
  for (const regionId of await regionChain(app.db, person.school?.regionId ?? null)) {
    const region = await app.db.region.findUnique({ where: { id: regionId }, include: { policy: true } });
    if (region?.policy) return termsFromRow(region.policy);
  }
  return DEFAULT_POLICY;
}

/** A person's hours against their policy, across all their platforms. */
export async function hoursOf(app: App, personId: number): Promise<{ policy: PolicyTerms; summary: HoursSummary }> {
  const policy = await policyFor(app, personId);
  const records = await app.db.hourRecord.findMany({ where: { personId }, select: { hours: true, level: true, category: true, source: true, status: true, earnedOn: true } });
  const summary = summarizeHours(
    records.map((r) => ({ ...r, hours: Number(r.hours) })),
    policy,
    app.clock.now(),
  );
  return { policy, summary };
}

/** The 学时 reply: totals, every requirement with a bar, what is still missing, a warning near the cycle end. */
export function formatHoursReport(t: Translator, name: string, policy: PolicyTerms, summary: HoursSummary): string {
  const lines = [
    t('hours.title', { name, cycle: summary.cycle.label, policy: policy.name }),
    t('hours.totals', { total: summary.total, accredited: summary.accredited, pending: summary.pending }),
  ];
  for (const r of summary.requirements) {
    const period = r.requirement.period === 'cycle' ? '' : t('hours.period', { period: r.window.label });
    lines.push(t('hours.requirement', { label: r.requirement.label, period, done: r.done, target: r.requirement.hours, bar: progressBar(r.done, r.requirement.hours) }));
  }
  lines.push(summary.missing.length ? t('hours.missing', { list: summary.missing.map((m) => `${m.label} ${m.hours}`).join('、') }) : t('hours.complete'));
  if (summary.warning) lines.push(t('hours.warning', { months: summary.warning.monthsLeft }));
  const levels = LEVELS.filter((l) => summary.byLevel[l] > 0).map((l) => `${t(`level.${l}`)} ${summary.byLevel[l]}`);
  if (levels.length) lines.push(t('hours.byLevel', { list: levels.join(' · ') }));
  return lines.join('\n');
}

/**
 * The person called `name` whose records the viewer may see (their tutor, school contact, county
 * contact, an admin). A trainee without such a role is told hours are private.
 */
export async function personVisibleTo(app: App, grants: Grant[], name: string): Promise<{ id: number; name: string }> {
  if (grants.length === 0) throw new UserError('hours.onlyOwn');
  const visible = await visiblePeople(app, grants, { name });
  if (visible.length === 0) {
    // 吴磊 for 吴蕾: a name one sound or character off someone the asker can see is asked back.
    const alike = await visiblePeople(app, grants, { OR: [{ name: { startsWith: name[0]! } }, { name: { endsWith: name.at(-1)! } }] });
    askIfNearName(name, alike.map((p) => p.name), (meant) => app.t('understanding.readingAction', { action: '查询学时', name: meant }));
    throw new UserError('hours.personNotFound', { name });
  }
  if (visible.length > 1) throw new UserError('hours.personAmbiguous', { name, schools: visible.map((p) => p.school?.name ?? '—').join('、') });
  return { id: visible[0]!.id, name: visible[0]!.name };
}

async function visiblePeople(app: App, grants: Grant[], where: Prisma.PersonWhereInput) {
  const candidates = await app.db.person.findMany({
    where,
    include: { school: { select: { name: true, regionId: true } }, enrolments: { select: { classId: true } } },
    take: 200,
  });
  const visible = [];
  for (const p of candidates) {
    const scope = {
      schoolId: p.schoolId,
      schoolRegionIds: await regionChain(app.db, p.school?.regionId ?? null),
      classes: await Promise.all(p.enrolments.map((e) => classScope(app.db, e.classId))),
    };
    if (canSeePerson(grants, scope)) visible.push(p);
  }
  return visible;
}
