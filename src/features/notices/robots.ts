import { UserError } from '../../core/errors.ts';
import type { OutboundMessage, UserRef } from '../../core/message.ts';
import { isAdmin } from '../../core/permissions.ts';
import { checkWebhook, isDingtalkSecret, type RobotKind } from '../../core/robots/webhook-url.ts';
import type { Grant } from '../../core/permissions.ts';
import type { Actor } from '../../app/actor.ts';
import { regionChain } from '../../app/actor.ts';
import { audit, type App } from '../../app/app.ts';
import { countyContactsOf, sendToPerson } from '../../app/notify.ts';
import { ROBOT_PLATFORM, robotSecretBox } from './robot-store.ts';

// A school's or class's WeCom / DingTalk group robot: an outbound-only channel. Set up by a county
// contact (chat or console); opening notices, their reminders and broadcasts go there too, through
// the delivery log like every other message.

export const ROBOT_KIND_NAMES: Record<RobotKind, string> = { wecom: '企业微信', dingtalk: '钉钉' };

export type RobotTarget = { kind: 'school'; id: number; name: string } | { kind: 'class'; id: number; name: string };

/** Who sets robots up: a chat actor or a console account, as far as permissions and the audit log go. */
export interface RobotManager {
  grants: Grant[];
  personId: number | null;
  label: string;
}

export const robotManagerOf = (actor: Actor): RobotManager => ({ grants: actor.grants, personId: actor.person?.id ?? null, label: `${actor.platform}:${actor.user.id}` });

/** The schools and classes a contact may give robots: a county contact's county (and below), an admin's all. */
async function mayManage(app: App, actor: Pick<RobotManager, 'grants'>, target: RobotTarget): Promise<boolean> {
  if (isAdmin(actor.grants)) return true;
  const regionId =
    target.kind === 'school'
      ? (await app.db.school.findUniqueOrThrow({ where: { id: target.id }, select: { regionId: true } })).regionId
      : (await app.db.trainingClass.findUniqueOrThrow({ where: { id: target.id }, select: { project: { select: { regionId: true } } } })).project.regionId;
  const chain = await regionChain(app.db, regionId);
  return actor.grants.some((g) => g.role === 'COUNTY_CONTACT' && g.regionId !== null && chain.includes(g.regionId));
}

/**
 * Finds the school or class a contact named, among those they may manage (never revealing others);
 * 「城关小学 学校」/「…班级」 (or the suffix glued on) picks one when a school and a class share a name.
 */
export async function findRobotTarget(app: App, actor: Pick<RobotManager, 'grants'>, name: string): Promise<RobotTarget> {
  const only = /学校$/.test(name) ? 'school' : /班级$/.test(name) ? 'class' : undefined;
  const bare = only ? name.slice(0, -2).trim() : name;
  const names = [...new Set([name, bare])].filter(Boolean);
  const schools = await app.db.school.findMany({ where: { name: { in: names } }, select: { id: true, name: true } });
  const classes = await app.db.trainingClass.findMany({ where: { name: { in: names }, sandbox: false }, select: { id: true, name: true } });
  const candidates: RobotTarget[] = [...schools.map((s) => ({ kind: 'school' as const, ...s })), ...classes.map((c) => ({ kind: 'class' as const, ...c }))]
    .filter((c) => c.name === name || c.kind === only);
  const mine: RobotTarget[] = [];
  for (const c of candidates) if (await mayManage(app, actor, c)) mine.push(c);
  if (mine.length === 0) throw new UserError('robots.noTarget', { name });
  if (mine.length > 1) throw new UserError('robots.ambiguousTarget', { name });
  return mine[0]!;
}

const scopeKey = (t: RobotTarget) => `${t.kind}:${t.id}`;

/** 「城关小学 企业微信群机器人」 */
export function robotLabel(app: App, kind: RobotKind, targetName: string): string {
  return app.t('robots.label', { name: targetName, kind: ROBOT_KIND_NAMES[kind] });
}

/**
 * Sets (or replaces) the robot of a kind for a school or class. The webhook must be the official
 * endpoint; a DingTalk robot needs its 加签 secret. Both are stored sealed and never shown again.
 */
export async function setRobot(app: App, actor: RobotManager, target: RobotTarget, kind: RobotKind, webhook: string, secret: string | undefined): Promise<void> {
  if (!(await mayManage(app, actor, target))) throw new UserError('common.forbidden');
  const checked = checkWebhook(kind, webhook, app.config.robotApis);
  if (!checked.ok) throw new UserError(`robots.webhook.${checked.problem}`, { kind: ROBOT_KIND_NAMES[kind] });
  if (kind === 'dingtalk' && (!secret || !isDingtalkSecret(secret))) throw new UserError('robots.secretRequired');
  if (kind === 'wecom' && secret) throw new UserError('robots.noSecretForWecom');
  const box = robotSecretBox(app.config);
  const data = { webhook: box.seal(checked.url), secret: secret ? box.seal(secret) : null, createdById: actor.personId, lastError: null, lastErrorAt: null };
  const key = scopeKey(target);
  const row = await app.db.groupRobot.upsert({
    where: { scopeKey_kind: { scopeKey: key, kind } },
    create: { kind, scopeKey: key, ...(target.kind === 'school' ? { schoolId: target.id } : { classId: target.id }), createdAt: app.clock.now(), ...data },
    update: data,
  });
  await audit(app.db, { personId: actor.personId, label: actor.label }, 'robot.set', 'GroupRobot', row.id, { target: key, kind });
}

/** Removes the robot of a kind (or of every kind) from a school or class; returns how many. */
export async function removeRobot(app: App, actor: RobotManager, target: RobotTarget, kind: RobotKind | undefined): Promise<number> {
  if (!(await mayManage(app, actor, target))) throw new UserError('common.forbidden');
  const removed = await app.db.groupRobot.deleteMany({ where: { scopeKey: scopeKey(target), ...(kind ? { kind } : {}) } });
  if (removed.count) await audit(app.db, { personId: actor.personId, label: actor.label }, 'robot.remove', 'GroupRobot', null, { target: scopeKey(target), kind: kind ?? 'all' });
  return removed.count;
}

/** The robots a contact may see, with their target's name and last refusal (never the webhook). */
export async function listRobots(app: App, actor: Pick<RobotManager, 'grants'>, classId?: number) {
  // A class's page shows its own robots and those of the schools its trainees come from.
  const schoolIds = classId === undefined ? [] : (await app.db.enrolment.findMany({ where: { classId }, select: { person: { select: { schoolId: true } } } })).map((e) => e.person.schoolId).filter((id) => id !== null);
  const rows = await app.db.groupRobot.findMany({ where: classId === undefined ? {} : { OR: [{ classId }, { schoolId: { in: schoolIds } }] }, orderBy: { id: 'asc' } });
  const out: { id: number; kind: RobotKind; target: RobotTarget; label: string; lastError: string | null }[] = [];
  for (const r of rows) {
    const target = await targetOf(app, r);
    if (target && (await mayManage(app, actor, target))) out.push({ id: r.id, kind: r.kind as RobotKind, target, label: robotLabel(app, r.kind as RobotKind, target.name), lastError: r.lastError });
  }
  return out;
}

async function targetOf(app: App, r: { schoolId: number | null; classId: number | null }): Promise<RobotTarget | null> {
  if (r.schoolId !== null) {
    const s = await app.db.school.findUnique({ where: { id: r.schoolId }, select: { id: true, name: true } });
    return s && { kind: 'school', ...s };
  }
  const c = r.classId === null ? null : await app.db.trainingClass.findUnique({ where: { id: r.classId }, select: { id: true, name: true } });
  return c && { kind: 'class', ...c };
}

/** The name a robot goes by in 送达情况 and the console. */
export async function robotName(app: App, id: number): Promise<string | null> {
  const r = await app.db.groupRobot.findUnique({ where: { id } });
  const target = r && (await targetOf(app, r));
  return r && target ? robotLabel(app, r.kind as RobotKind, target.name) : null;
}

/** A person as a robot mentions them: by roster mobile, resolved only when the message is sent. */
export const robotMention = (p: { personId: number; name: string }): UserRef => ({ id: `person:${p.personId}`, name: p.name });

/**
 * Queues one message per robot: each person goes to their school's robots, or, when their school
 * has none, to the class's robots. Keys follow the source, so a job that runs twice queues once.
 * Returns how many robots were addressed.
 */
export async function sendToRobots(
  app: App,
  classId: number,
  people: { personId: number; name: string; schoolId: number | null }[],
  text: string | ((routed: number) => string),
  delivery: { source: string; mention: boolean },
  extra: Partial<OutboundMessage> = {},
): Promise<number> {
  const schoolIds = [...new Set(people.map((p) => p.schoolId).filter((id) => id !== null))];
  const robots = await app.db.groupRobot.findMany({ where: { OR: [{ schoolId: { in: schoolIds } }, { classId }] }, orderBy: { id: 'asc' } });
  if (robots.length === 0) return 0;
  const schoolRobots = robots.filter((r) => r.schoolId !== null);
  const classRobots = robots.filter((r) => r.classId === classId);
  const byRobot = new Map<number, typeof people>();
  for (const p of people) {
    const mine = schoolRobots.filter((r) => r.schoolId === p.schoolId);
    for (const r of mine.length ? mine : classRobots) byRobot.set(r.id, [...(byRobot.get(r.id) ?? []), p]);
  }
  // A class with a robot but nobody routed to it (a broadcast) still gets the message there.
  if (people.length === 0) for (const r of classRobots) byRobot.set(r.id, []);
  for (const [robotId, mine] of byRobot) {
    const title = (await robotName(app, robotId)) ?? undefined;
    await app.outbox.send({
      ...extra,
      chat: { platform: ROBOT_PLATFORM, id: String(robotId), kind: 'group', title },
      text: typeof text === 'string' ? text : text(mine.length),
      mentions: delivery.mention ? mine.map(robotMention) : undefined,
      delivery: { key: `${delivery.source}:${ROBOT_PLATFORM}:${robotId}`, source: delivery.source },
    });
  }
  return byRobot.size;
}

/**
 * Tells whoever set the robot up (else the county contacts above it) that it refuses messages, and
 * why in plain words; the deliveries themselves show as failed in 送达情况.
 */
export async function tellRobotOwner(app: App, robotId: number, reason: 'sign' | 'credential' | 'other'): Promise<void> {
  const robot = await app.db.groupRobot.findUnique({ where: { id: robotId } });
  const name = await robotName(app, robotId);
  if (!robot || !name) return;
  const text = app.t(`robots.refused.${reason}`, { robot: name });
  if (robot.createdById !== null && (await sendToPerson(app, robot.createdById, undefined, text))) return;
  const contacts = robot.classId !== null ? await countyContactsOf(app, robot.classId) : [];
  for (const personId of contacts) await sendToPerson(app, personId, undefined, text);
}
