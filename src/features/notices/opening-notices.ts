import { UserError } from '../../core/errors.ts';
import { jobId } from '../../core/job-id.ts';
import { groupBy } from '../../core/group-by.ts';
import { parseQuietHours } from '../../core/time/quiet-hours.ts';
import type { ChatRef, OutboundMessage, UserRef } from '../../core/message.ts';
import type { Actor } from '../../app/actor.ts';
import { audit, type App } from '../../app/app.ts';
import { countyContactsOf, sendToPerson } from '../../app/notify.ts';
import { sendToRobots } from './robots.ts';
import { scheduleAllOrUndo } from '../../app/scheduling.ts';

// 派训难: selected teachers who never hear of the class. The opening notice goes to each school's
// group (or the class group) with the selected trainees @mentioned; 收到 confirms; the silent ones
// are reminded, then their school contact is told, then the county contact — the Bozhou chain.

export const NOTICE_REMIND_JOB = 'notice.remind';
export const NOTICE_ESCALATE_SCHOOL_JOB = 'notice.escalate-school';
export const NOTICE_ESCALATE_COUNTY_JOB = 'notice.escalate-county';
const ACTIVE = ['SELECTED', 'CONFIRMED'] as const;
const HOUR = 3600_000;

type Platform = OutboundMessage['chat']['platform'];
const chatOf = (g: { platform: string; chatId: string; title: string }): ChatRef => ({ platform: g.platform as Platform, id: g.chatId, kind: 'group', title: g.title });

interface Recipient {
  personId: number;
  name: string;
  schoolId: number | null;
  schoolName: string;
  identities: { platform: string; platformUserId: string; displayName: string }[];
}

/** Where each recipient is reached: their school's group, else the class group, else privately. */
async function routeRecipients(app: App, classId: number, recipients: Recipient[]) {
  const schoolGroups = await app.db.groupChat.findMany({ where: { scope: 'SCHOOL', schoolId: { in: recipients.map((r) => r.schoolId).filter((id) => id !== null) } } });
  const classGroups = await app.db.groupChat.findMany({ where: { classId } });
  const routes = new Map<string, { chat: ChatRef; people: Recipient[] }>();
  const privately: Recipient[] = [];
  for (const r of recipients) {
    const group = schoolGroups.find((g) => g.schoolId === r.schoolId) ?? classGroups[0];
    if (!group) {
      privately.push(r);
      continue;
    }
    const key = `${group.platform}:${group.chatId}`;
    const route = routes.get(key) ?? { chat: chatOf(group), people: [] };
    route.people.push(r);
    routes.set(key, route);
  }
  return { routes: [...routes.values()], privately };
}

function mentionsIn(chat: ChatRef, people: Recipient[]): UserRef[] {
  return people
    .map((p) => p.identities.find((i) => i.platform === chat.platform))
    .filter((i) => i !== undefined)
    .map((i) => ({ id: i.platformUserId, name: i.displayName }));
}

async function loadRecipients(app: App, noticeId: number, onlyUnconfirmed: boolean): Promise<Recipient[]> {
  const rows = await app.db.noticeRecipient.findMany({
    where: { noticeId, ...(onlyUnconfirmed ? { confirmedAt: null } : {}) },
    orderBy: { id: 'asc' },
  });
  const persons = await app.db.person.findMany({
    where: { id: { in: rows.map((r) => r.personId) } },
    include: { school: true, identities: { select: { platform: true, platformUserId: true, displayName: true } } },
  });
  return rows.map((r) => {
    const p = persons.find((x) => x.id === r.personId)!;
    return { personId: p.id, name: p.name, schoolId: p.schoolId, schoolName: p.school?.name ?? '', identities: p.identities };
  });
}

/** Who an opening notice reaches: trainees, groups posted to, trainees written to privately. */
export interface NoticeCounts {
  recipients: number;
  groups: number;
  privately: number;
}

/**
 * Posts an opening notice for a class to its selected trainees and schedules the reminder and
 * escalations; `beforeSending` (the author's receipt) runs once the counts are known, before any notice is queued.
 */
export async function sendOpeningNotice(app: App, actor: Actor, classId: number, text: string, beforeSending?: (counts: NoticeCounts) => Promise<void>): Promise<NoticeCounts> {
  const now = app.clock.now();
  const cls = await app.db.trainingClass.findUniqueOrThrow({ where: { id: classId } });
  const enrolled = await app.db.enrolment.findMany({ where: { classId, status: { in: [...ACTIVE] } }, include: { person: true } });
  if (enrolled.length === 0) throw new UserError('notice.noTrainees', { className: cls.name });
  const notice = await app.db.openingNotice.create({ data: { classId, authorId: actor.person!.id, text, createdAt: now } });
  await app.db.noticeRecipient.createMany({ data: enrolled.map((e) => ({ noticeId: notice.id, personId: e.personId, schoolId: e.person.schoolId })) });
  const { noticeRemindHours, noticeEscalateSchoolHours, noticeEscalateCountyHours } = app.config;
  // Reminders are not urgent: one falling in the quiet hours waits for the morning.
  const quietFor = app.config.noticeQuietHours ? parseQuietHours(app.config.noticeQuietHours) : null;
  const at = (hours: number) => {
    const due = now.getTime() + hours * HOUR;
    return new Date(due + (quietFor?.(due) ?? 0));
  };
  const data = { noticeId: notice.id };
  // Scheduled before anything is sent: a notice nobody would chase is not sent at all.
  await scheduleAllOrUndo(app, [
    { id: jobId('notice', notice.id, 'remind'), name: NOTICE_REMIND_JOB, at: at(noticeRemindHours), data },
    { id: jobId('notice', notice.id, 'school'), name: NOTICE_ESCALATE_SCHOOL_JOB, at: at(noticeEscalateSchoolHours), data },
    { id: jobId('notice', notice.id, 'county'), name: NOTICE_ESCALATE_COUNTY_JOB, at: at(noticeEscalateCountyHours), data },
  ], async () => {
    await app.db.noticeRecipient.deleteMany({ where: { noticeId: notice.id } });
    await app.db.openingNotice.delete({ where: { id: notice.id } });
  });
  await audit(app.db, { personId: actor.person!.id, label: `${actor.platform}:${actor.user.id}` }, 'notice.send', 'OpeningNotice', notice.id, { classId, recipients: enrolled.length });
  const recipients = await loadRecipients(app, notice.id, false);
  const { routes, privately } = await routeRecipients(app, classId, recipients);
  const counts = { recipients: recipients.length, groups: routes.length, privately: privately.length };
  // The author's receipt is queued before the notices: a worker already sending them would otherwise put it last.
  await beforeSending?.(counts);
  const body = app.t('notice.message', { className: cls.name, text });
  const source = `notice:${notice.id}`;
  for (const route of routes) {
    const mentions = mentionsIn(route.chat, route.people);
    const unmentioned = route.people.filter((p) => !p.identities.some((i) => i.platform === route.chat.platform)).map((p) => p.name);
    const text = unmentioned.length ? `${body}\n${app.t('notice.alsoFor', { names: unmentioned.join('、') })}` : body;
    await app.outbox.send({ chat: route.chat, text, mentions, delivery: { key: `${source}:${route.chat.platform}:${route.chat.id}`, source } });
  }
  for (const p of privately) await sendToPerson(app, p.personId, undefined, body, { delivery: { key: `${source}:person:${p.personId}`, source } });
  // The schools' (or class's) WeCom and DingTalk robots get it too, @ by roster mobile (after the receipt, like the groups).
  const robots = await sendToRobots(app, classId, recipients, `${body}\n${app.t('robots.confirmElsewhere')}`, { source, mention: true });
  return { ...counts, groups: counts.groups + robots };
}

/** Records 收到 from a trainee for every notice they have not confirmed; returns how many (0: nothing pending). */
export async function confirmNotices(app: App, personId: number): Promise<number> {
  const pending = await app.db.noticeRecipient.findMany({ where: { personId, confirmedAt: null } });
  if (pending.length === 0) return 0;
  const now = app.clock.now();
  const updated = await app.db.noticeRecipient.updateMany({ where: { personId, confirmedAt: null }, data: { confirmedAt: now } });
  const notices = await app.db.openingNotice.findMany({ where: { id: { in: pending.map((p) => p.noticeId) } }, select: { classId: true } });
  await app.db.enrolment.updateMany({ where: { personId, classId: { in: notices.map((n) => n.classId) }, status: 'SELECTED' }, data: { status: 'CONFIRMED' } });
  return updated.count;
}

/** Reminds the trainees who have not confirmed, in the same groups, by @mention. */
export async function remindSilent(app: App, noticeId: number): Promise<number> {
  const silent = await loadRecipients(app, noticeId, true);
  if (silent.length === 0) return 0;
  const notice = await app.db.openingNotice.findUniqueOrThrow({ where: { id: noticeId } });
  const cls = await app.db.trainingClass.findUniqueOrThrow({ where: { id: notice.classId } });
  const { routes, privately } = await routeRecipients(app, notice.classId, silent);
  // Keyed by notice: a reminder job that runs twice reminds once.
  const source = `notice:${noticeId}:remind`;
  for (const route of routes) {
    const text = app.t('notice.reminder', { className: cls.name, count: route.people.length });
    await app.outbox.send({ chat: route.chat, text, mentions: mentionsIn(route.chat, route.people), delivery: { key: `${source}:${route.chat.platform}:${route.chat.id}`, source } });
  }
  for (const p of privately) await sendToPerson(app, p.personId, undefined, app.t('notice.reminder', { className: cls.name, count: 1 }), { delivery: { key: `${source}:person:${p.personId}`, source } });
  await sendToRobots(app, notice.classId, silent, (count) => `${app.t('notice.reminder', { className: cls.name, count })}\n${app.t('robots.confirmElsewhere')}`, { source, mention: true });
  await app.db.noticeRecipient.updateMany({ where: { noticeId, confirmedAt: null }, data: { remindedAt: app.clock.now() } });
  return silent.length;
}

/** Tells each school contact which of their teachers have still not confirmed. */
export async function escalateToSchools(app: App, noticeId: number): Promise<number> {
  const silent = await loadRecipients(app, noticeId, true);
  const notice = await app.db.openingNotice.findUniqueOrThrow({ where: { id: noticeId } });
  const cls = await app.db.trainingClass.findUniqueOrThrow({ where: { id: notice.classId } });
  let told = 0;
  const bySchool = groupBy(silent.filter((s) => s.schoolId !== null), (s) => s.schoolId!);
  for (const [schoolId, people] of bySchool) {
    const contacts = await app.db.roleGrant.findMany({ where: { role: 'SCHOOL_CONTACT', schoolId }, select: { personId: true } });
    const text = app.t('notice.escalateSchool', { className: cls.name, school: people[0]!.schoolName, count: people.length, names: people.map((p) => p.name).join('、') });
    for (const c of contacts) if (await sendToPerson(app, c.personId, undefined, text)) told++;
  }
  return told;
}

/** Tells the county contacts above the class who is still silent, by school. */
export async function escalateToCounty(app: App, noticeId: number): Promise<number> {
  const silent = await loadRecipients(app, noticeId, true);
  if (silent.length === 0) return 0;
  const notice = await app.db.openingNotice.findUniqueOrThrow({ where: { id: noticeId } });
  const cls = await app.db.trainingClass.findUniqueOrThrow({ where: { id: notice.classId } });
  const contacts = (await countyContactsOf(app, cls.id)).map((personId) => ({ personId }));
  const lines = [...groupBy(silent, (s) => s.schoolName || '—')].map(([school, people]) => `${school}：${people.map((p) => p.name).join('、')}`);
  const text = app.t('notice.escalateCounty', { className: cls.name, count: silent.length, lines: lines.join('\n') });
  let told = 0;
  for (const c of contacts) if (await sendToPerson(app, c.personId, undefined, text)) told++;
  return told;
}

/** The confirmation tally of a class's latest notice, by school. */
export async function noticeTally(app: App, classId: number): Promise<string> {
  const notice = await app.db.openingNotice.findFirst({ where: { classId }, orderBy: { id: 'desc' } });
  if (!notice) throw new UserError('notice.none');
  const all = await loadRecipients(app, notice.id, false);
  const rows = await app.db.noticeRecipient.findMany({ where: { noticeId: notice.id } });
  const confirmed = new Set(rows.filter((r) => r.confirmedAt).map((r) => r.personId));
  const lines = [...groupBy(all, (s) => s.schoolName || '—')].map(([school, people]) => {
    const silent = people.filter((p) => !confirmed.has(p.personId));
    return app.t('notice.tallyLine', { school, done: people.length - silent.length, total: people.length, silent: silent.map((p) => p.name).join('、') || app.t('common.none') });
  });
  const cls = await app.db.trainingClass.findUniqueOrThrow({ where: { id: classId } });
  return [app.t('notice.tallyTitle', { className: cls.name, done: confirmed.size, total: all.length }), ...lines].join('\n');
}
