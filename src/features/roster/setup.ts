import { z } from 'zod';
import { BUILT_IN_POLICIES, requirementSchema, rowFromTerms } from '../../core/hours/policies.ts';
import { completionRulesSchema } from '../../core/completion/rules.ts';
import { normalizePhone } from '../../core/privacy.ts';
import type { RoleName } from '../../core/permissions.ts';
import { parseDateTime } from '../../core/time/parse-time-phrase.ts';
import { audit, type App } from '../../app/app.ts';
import { grantRole, type GrantScope } from '../access/roles.ts';
import { createSession } from '../attendance/sessions.ts';
import { scheduleClassEnd } from '../completion/class-end.ts';

// A setup file describes a county's starting state in one JSON document: region and policy,
// schools, projects, classes, people (trainees, tutors, contacts, admins) with optional chat accounts,
// group bindings and sessions. docs/cli.md documents it; examples/ ships one.

const account = z.object({ platform: z.enum(['playground', 'telegram', 'wechat', 'qq']), userId: z.string().min(1), displayName: z.string().optional() });
const role = z.object({ role: z.enum(['ADMIN', 'COUNTY_CONTACT', 'SCHOOL_CONTACT', 'TUTOR']), class: z.string().optional() });
const when = z.string().min(1);

const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'a day is written YYYY-MM-DD' });

export const setupSchema = z.object({
  /** A built-in profile by name (`{ "profile": "dali-2017" }`), or a policy of the region's own. */
  policy: z
    .union([
      z.object({ profile: z.enum(Object.keys(BUILT_IN_POLICIES) as [string, ...string[]]) }),
      z.object({
        code: z.string().min(1),
        name: z.string().min(1),
        cycleStartYear: z.number().int(),
        cycleYears: z.number().int().min(1).max(10),
        totalHours: z.number().int().min(0),
        minCountyLevelHours: z.number().int().min(0).default(0),
        requirements: z.array(requirementSchema).optional(),
      }),
    ])
    .optional(),
  region: z.object({ province: z.string().min(1), city: z.string().min(1), county: z.string().min(1) }),
  schools: z.array(z.string().min(1)).default([]),
  projects: z
    .array(z.object({ name: z.string().min(1), level: z.enum(['NATIONAL', 'PROVINCIAL', 'CITY', 'COUNTY', 'SCHOOL']), year: z.number().int(), plannedHours: z.number().min(0).optional(), number: z.string().min(1).max(40).optional(), completion: completionRulesSchema.optional() }))
    .default([]),
  classes: z
    .array(
      z.object({
        name: z.string().min(1),
        project: z.string().min(1),
        // The class's dates (YYYY-MM-DD, China calendar days) and venue, with the circle a location check-in must fall in.
        startsOn: isoDay.optional(),
        endsOn: isoDay.optional(),
        venue: z.string().min(1).max(80).optional(),
        latitude: z.number().min(-90).max(90).optional(),
        longitude: z.number().min(-180).max(180).optional(),
        radiusMeters: z.number().int().min(10).max(5000).optional(),
        completion: completionRulesSchema.optional(),
      }),
    )
    .default([]),
  people: z
    .array(
      z.object({
        name: z.string().min(1).max(40),
        phone: z.string().min(1),
        school: z.string().optional(),
        subject: z.string().optional(),
        stage: z.string().optional(),
        classes: z.array(z.string()).default([]),
        roles: z.array(role).default([]),
        accounts: z.array(account).default([]),
      }),
    )
    .default([]),
  groups: z
    .array(
      z
        .object({ platform: z.enum(['playground', 'telegram', 'wechat', 'qq']), chatId: z.string().min(1), title: z.string().min(1), class: z.string().min(1).optional(), school: z.string().min(1).optional() })
        .refine((g) => Boolean(g.class) !== Boolean(g.school), { error: 'a group is bound to either a class or a school' }),
    )
    .default([]),
  sessions: z
    .array(
      z.object({
        class: z.string().min(1),
        title: z.string().optional(),
        start: when,
        end: when,
        hours: z.number().min(0).max(24).default(0),
        lateMinutes: z.number().int().min(0).optional(),
        earlyMinutes: z.number().int().min(0).optional(),
        code: z.string().optional(),
        lecturer: z.string().max(40).optional(),
        place: z.string().max(80).optional(),
      }),
    )
    .default([]),
});

export type SetupFile = z.input<typeof setupSchema>;

/** Reads an ISO time or a Chinese phrase such as "今天 8:30" relative to the app clock. */
function resolveTime(app: App, text: string): Date {
  const iso = new Date(text);
  if (/^\d{4}-\d{2}-\d{2}T/.test(text) && !Number.isNaN(iso.getTime())) return iso;
  const parsed = parseDateTime(text, app.clock.now());
  if (!parsed || parsed.rest) throw new Error(`setup: cannot read the time "${text}"`);
  return parsed.at;
}

/** Applies a setup document; safe to apply twice (everything is matched by name or phone). */
export async function applySetup(app: App, input: unknown): Promise<{ people: number; sessions: number }> {
  const setup = setupSchema.parse(input);
  const db = app.db;
  const actor = { personId: null, label: 'setup' };
  const policyRow = !setup.policy
    ? null
    : 'profile' in setup.policy
      ? rowFromTerms(BUILT_IN_POLICIES[setup.policy.profile]!)
      : (({ requirements, ...columns }) => ({ ...columns, rules: requirements ? { requirements } : {} }))(setup.policy);
  const policy = policyRow ? await db.policy.upsert({ where: { code: policyRow.code }, create: policyRow, update: policyRow }) : null;
  const province = await upsertRegion(app, setup.region.province, 'PROVINCE', null, policy?.id ?? null);
  const city = await upsertRegion(app, setup.region.city, 'CITY', province.id, null);
  const county = await upsertRegion(app, setup.region.county, 'COUNTY', city.id, null);
  const schoolIds = new Map<string, number>();
  const school = async (name: string) => {
    if (!schoolIds.has(name)) {
      const row = await db.school.upsert({ where: { regionId_name: { regionId: county.id, name } }, create: { regionId: county.id, name }, update: {} });
      schoolIds.set(name, row.id);
    }
    return schoolIds.get(name)!;
  };
  for (const s of setup.schools) await school(s);
  const projectIds = new Map<string, number>();
  for (const p of setup.projects) {
    const data = { level: p.level, year: p.year, plannedHours: p.plannedHours ?? null, regionId: county.id, policyId: policy?.id ?? null, ...(p.completion ? { completionRules: p.completion } : {}), ...(p.number ? { number: p.number } : {}) };
    const row = await db.project.upsert({ where: { name: p.name }, create: { name: p.name, ...data }, update: data });
    projectIds.set(p.name, row.id);
  }
  const classIds = new Map<string, number>();
  for (const c of setup.classes) {
    const projectId = projectIds.get(c.project) ?? (await db.project.findUniqueOrThrow({ where: { name: c.project } })).id;
    const row = await db.trainingClass.upsert({ where: { projectId_name: { projectId, name: c.name } }, create: { projectId, name: c.name }, update: {} });
    const day = (text: string | undefined) => (text ? new Date(`${text}T00:00:00Z`) : undefined);
    const place = { startsOn: day(c.startsOn), endsOn: day(c.endsOn), venue: c.venue, venueLatitude: c.latitude, venueLongitude: c.longitude, venueRadiusMeters: c.radiusMeters, completionRules: c.completion };
    if (Object.values(place).some((v) => v !== undefined)) await db.trainingClass.update({ where: { id: row.id }, data: place });
    if (c.endsOn) await scheduleClassEnd(app, row.id);
    classIds.set(c.name, row.id);
  }
  const classId = (name: string) => {
    const id = classIds.get(name);
    if (id === undefined) throw new Error(`setup: class "${name}" is not in "classes"`);
    return id;
  };
  for (const p of setup.people) {
    const phone = normalizePhone(p.phone);
    if (!phone) throw new Error(`setup: the phone of ${p.name} is not a mobile number`);
    const details = { name: p.name, schoolId: p.school ? await school(p.school) : null, subject: p.subject ?? null, stage: p.stage ?? null, phoneLast4: phone.slice(-4) };
    const person = await db.person.upsert({ where: { phone }, create: { ...details, phone }, update: details });
    for (const c of p.classes) {
      const id = classId(c);
      await db.enrolment.upsert({ where: { classId_personId: { classId: id, personId: person.id } }, create: { classId: id, personId: person.id }, update: {} });
    }
    for (const r of p.roles) {
      const scope: GrantScope = r.role === 'TUTOR' ? { classId: classId(r.class ?? '') } : r.role === 'SCHOOL_CONTACT' ? { schoolId: details.schoolId } : r.role === 'COUNTY_CONTACT' ? { regionId: county.id } : {};
      await grantRole(app, { actor, grants: 'cli' }, person.id, r.role as RoleName, scope);
    }
    for (const a of p.accounts) {
      await db.identity.upsert({
        where: { platform_platformUserId: { platform: a.platform, platformUserId: a.userId } },
        create: { platform: a.platform, platformUserId: a.userId, displayName: a.displayName ?? p.name, personId: person.id },
        update: { personId: person.id },
      });
    }
  }
  for (const g of setup.groups) {
    const data = g.class
      ? { title: g.title, scope: 'CLASS' as const, classId: classId(g.class), schoolId: null }
      : { title: g.title, scope: 'SCHOOL' as const, classId: null, schoolId: await school(g.school!) };
    await db.groupChat.upsert({ where: { platform_chatId: { platform: g.platform, chatId: g.chatId } }, create: { platform: g.platform, chatId: g.chatId, ...data }, update: data });
  }
  let sessions = 0;
  for (const s of setup.sessions) {
    const startsAt = resolveTime(app, s.start);
    const id = classId(s.class);
    const existing = await db.trainingSession.findFirst({ where: { classId: id, startsAt } });
    if (existing) continue;
    await createSession(app, actor, {
      classId: id,
      title: s.title,
      startsAt,
      endsAt: resolveTime(app, s.end),
      hours: s.hours,
      lateMinutes: s.lateMinutes,
      earlyMinutes: s.earlyMinutes,
      code: s.code,
      lecturer: s.lecturer,
      place: s.place,
    }, { announce: false });
    sessions++;
  }
  await audit(db, actor, 'setup.apply', 'Setup', null, { people: setup.people.length, sessions });
  return { people: setup.people.length, sessions };
}

async function upsertRegion(app: App, name: string, level: 'PROVINCE' | 'CITY' | 'COUNTY', parentId: number | null, policyId: number | null) {
  const found = await app.db.region.findFirst({ where: { name, parentId } });
  if (found) return policyId ? app.db.region.update({ where: { id: found.id }, data: { policyId } }) : found;
  return app.db.region.create({ data: { name, level, parentId, policyId } });
}
