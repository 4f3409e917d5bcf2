import { DEFAULT_POLICY } from '../core/hours/policies.ts';
import { summarizeHours, type HoursSummary, type PolicyTerms } from '../core/hours/summarize-hours.ts';
import { regionChain } from './actor.ts';
import type { App } from './app.ts';

/** The policy that applies to a person: the nearest region above their school that has one, else the default. */
export async function policyFor(app: App, personId: number): Promise<PolicyTerms> {
  const person = await app.db.person.findUniqueOrThrow({ where: { id: personId }, select: { school: { select: { regionId: true } } } });
  for (const regionId of await regionChain(app.db, person.school?.regionId ?? null)) {
    const region = await app.db.region.findUnique({ where: { id: regionId }, include: { policy: true } });
    if (region?.policy) return region.policy;
  }
  return DEFAULT_POLICY;
}

/** A person's hours against their policy, across all their platforms. */
export async function hoursOf(app: App, personId: number): Promise<{ policy: PolicyTerms; summary: HoursSummary }> {
  const policy = await policyFor(app, personId);
  const records = await app.db.hourRecord.findMany({ where: { personId }, select: { hours: true, level: true, status: true, earnedOn: true } });
  const summary = summarizeHours(
    records.map((r) => ({ ...r, hours: Number(r.hours) })),
    policy,
    app.clock.now(),
  );
  return { policy, summary };
}
