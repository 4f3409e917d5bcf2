import type { Db } from '../../../src/db/client.ts';
import type { TestChat } from '../../support/chat.ts';
import { dayKey, namesIn, readContext, shift, type Context, type DevLine } from './context.ts';

// The world the dev set's contexts refer to (its README): the long bracketed class of 12月8日–17日,
// weekdays 08:30–11:30 and 14:30–17:30 at 3 学时, a roster with every name the set uses, the other
// classes the lines name, and per line the state its context states.

export const MAIN_CLASS = '2026年国培计划（中西部项目）小学数学骨干教师培训班（第一期）';
const MAIN_PROJECT = '2026年国培计划（中西部项目）';
const COUNTY_PROJECT = '2026年县级培训项目';
export const PEOPLE = { trainee: 'u-sender', tutor: 'tutor-li', county: 'contact-wang', school: 'head-zhou' } as const;
const SENDER = '何丽华';
const SCHOOLS = ['城关二小', '桃源镇中心小学', '石桥镇初级中学', '平乐县第二实验小学', '城关镇第二小学'];

export interface Roster {
  people: { name: string; last4: string; school: string; enrolled: boolean; bound: boolean }[];
  classes: string[];
}

/** One roster for the whole set: every name it uses, its school and phone tail as the lines give them. */
export function rosterOf(lines: DevLine[]): Roster {
  const people = new Map<string, Roster['people'][number]>();
  const binds = new Map(lines.filter((l) => l.intent === 'bind').map((l) => [l.slots.name as string, l.slots]));
  // A teacher named only as someone's replacement is in the county's roster, not in the class.
  const acting = new Set(lines.flatMap((l) => [...((l.slots.names as string[] | undefined) ?? []), l.slots.name, l.slots.from, l.slots.mention]));
  const onlyIncoming = new Set(lines.map((l) => l.slots.to).filter((n): n is string => typeof n === 'string' && !acting.has(n)));
  for (const line of lines) {
    for (const name of namesIn(line)) {
      if (people.has(name)) continue;
      const bind = binds.get(name);
      const inContext = new RegExp(`${name} \\(([^)]*)\\)`).exec(line.context)?.[1];
      const school = (bind?.school as string | undefined) ?? (inContext && SCHOOLS.includes(inContext) ? inContext : SCHOOLS[people.size % SCHOOLS.length]!);
      const last4 = (bind?.last4 as string | undefined) ?? String(7000 + people.size);
      people.set(name, { name, last4, school, enrolled: !onlyIncoming.has(name), bound: !bind });
    }
  }
  const classes = new Set<string>();
  for (const l of lines) if (typeof l.slots.className === 'string' && l.intent !== 'createClass') classes.add(l.slots.className);
  classes.delete(MAIN_CLASS);
  return { people: [...people.values()], classes: [...classes] };
}

/** The class a context clause names: the world's class sharing the most two-character words with it. */
function classNamedBy(clause: string | undefined, classes: string[]): string | undefined {
  if (!clause) return undefined;
  const han = clause.replace(/[^\u4e00-\u9fa5]/g, '');
  let best: [string | undefined, number] = [undefined, 1];
  for (const c of classes) {
    let score = 0;
    for (let i = 0; i + 1 < han.length; i++) if (c.includes(han.slice(i, i + 2))) score++;
    if (score > best[1]) best = [c, score];
  }
  return best[0];
}

const iso = (local: string) => `${local}:00+08:00`;
const weekday = (day: string) => new Date(`${day}T00:00:00Z`).getUTCDay();

/** The setup document of the line's world (roles, roster, classes, groups, the main class's sessions). */
export function setupFor(line: DevLine, ctx: Context, roster: Roster) {
  const allClasses = [MAIN_CLASS, ...roster.classes];
  const named = classNamedBy(ctx.classClause, allClasses);
  const projects = /projects?(?: in the county)?: ([^;]+)/.exec(line.context)?.[1]?.split(/,\s*/) ?? [];
  const onlyProject = projects.length === 1 ? projects[0] : undefined;
  const projectOf = (c: string) => onlyProject ?? (c === MAIN_CLASS ? MAIN_PROJECT : COUNTY_PROJECT);
  const schoolOfSender = ctx.schoolOf?.startsWith('@') ? roster.people.find((p) => p.name === ctx.schoolOf!.slice(1))?.school : ctx.schoolOf;
  const people = roster.people
    .filter((p) => !ctx.notOnRoster.includes(p.name))
    .map((p) => ({
      name: p.name,
      phone: `1380771${p.last4}`,
      school: p.school,
      classes: p.enrolled ? [MAIN_CLASS] : [],
      accounts: p.bound || p.name === ctx.senderName || ctx.boundNames.includes(p.name) ? [{ platform: 'playground' as const, userId: p.name === ctx.senderName ? PEOPLE.trainee : `u-${p.name}` }] : [],
    }));
  // The namesake at another school, with the same phone tail when the context says so.
  for (const twin of ctx.twins) {
    const first = people.find((p) => p.name === twin.name);
    if (first) people.push({ ...first, phone: `1390771${twin.tail ?? '0000'}`, school: SCHOOLS.find((s) => s !== first.school)!, classes: [], accounts: [] });
  }
  const senderBound = ctx.senderBound && !ctx.senderName;
  const sessions = [];
  for (let day = '2026-12-08'; day <= '2026-12-17' && ctx.sessions !== 'none'; day = shift(day, 1)) {
    if (weekday(day) === 0 || weekday(day) === 6 || (typeof ctx.sessions === 'object' && day > ctx.sessions.upTo)) continue;
    sessions.push({ class: MAIN_CLASS, title: `${Number(day.slice(8))}日上午`, start: iso(`${day}T08:30`), end: iso(`${day}T11:30`), hours: 3, lateMinutes: 10, earlyMinutes: 30 });
    sessions.push({ class: MAIN_CLASS, title: `${Number(day.slice(8))}日下午`, start: iso(`${day}T14:30`), end: iso(`${day}T17:30`), hours: 3, lateMinutes: 10, earlyMinutes: 30 });
  }
  if (ctx.evening) {
    const [from, to] = ctx.evening.split('-');
    sessions.push({ class: MAIN_CLASS, title: '线上研讨', start: iso(`${ctx.now.slice(0, 10)}T${from}`), end: iso(`${ctx.now.slice(0, 10)}T${to}`), hours: 2, lateMinutes: 10, earlyMinutes: 30 });
  }
  const groupClass = ctx.chat === 'class' ? (named ?? MAIN_CLASS) : undefined;
  return {
    policy: { profile: 'national-360' },
    region: { province: '广西壮族自治区', city: '桂林市', county: '平乐县' },
    schools: SCHOOLS,
    projects: [...new Set([MAIN_PROJECT, COUNTY_PROJECT, ...projects])].map((name) => ({ name, level: name.includes('国培') ? 'NATIONAL' : name.includes('省') ? 'PROVINCIAL' : 'COUNTY', year: 2026 })),
    classes: allClasses.map((name) => ({ name, project: projectOf(name), ...(name === MAIN_CLASS && !ctx.classDatesUnset ? { startsOn: '2026-12-08', endsOn: '2026-12-17', venue: '县教师发展中心四楼学术报告厅' } : {}) })),
    people: [
      ...people,
      ...(senderBound ? [{ name: SENDER, phone: '13807719999', school: SCHOOLS[0], classes: [MAIN_CLASS], accounts: [{ platform: 'playground' as const, userId: PEOPLE.trainee }] }] : []),
      { name: '李老师', phone: '13907710001', school: SCHOOLS[0], roles: allClasses.map((c) => ({ role: 'TUTOR' as const, class: c })), accounts: [{ platform: 'playground' as const, userId: PEOPLE.tutor }] },
      { name: '王主任', phone: '13907710009', school: SCHOOLS[0], roles: [{ role: 'COUNTY_CONTACT' as const }], accounts: [{ platform: 'playground' as const, userId: PEOPLE.county }] },
      { name: '周校长', phone: '13907710021', school: schoolOfSender ?? SCHOOLS[0], roles: [{ role: 'SCHOOL_CONTACT' as const }], accounts: [{ platform: 'playground' as const, userId: PEOPLE.school }] },
    ],
    groups: [
      ...(groupClass ? [{ platform: 'playground' as const, chatId: 'g-class', title: groupClass, class: groupClass }] : []),
      ...(ctx.chat === 'school' ? [{ platform: 'playground' as const, chatId: 'g-school', title: '学校教师群', school: schoolOfSender ?? SCHOOLS[0] }] : []),
    ],
    sessions,
  };
}

/** What the context states beyond the setup: closed sessions, marks, codes, pending requests, notices. */
export async function seedState(db: Db, chat: TestChat, ctx: Context, senderId: string): Promise<void> {
  const now = new Date(iso(ctx.now));
  const person = async (name: string) =>
    name === 'sender' ? (await db.identity.findFirstOrThrow({ where: { platformUserId: senderId } })).personId : (await db.person.findFirst({ where: { name } }))?.id;
  const main = await db.trainingClass.findFirstOrThrow({ where: { name: MAIN_CLASS } });
  const sessions = await db.trainingSession.findMany({ where: { classId: main.id }, orderBy: { startsAt: 'asc' } });
  const keyOf = (s: (typeof sessions)[number]) => {
    const local = new Date(s.startsAt.getTime() + 8 * 3600_000).toISOString();
    return `${local.slice(0, 10)}${Number(local.slice(11, 13)) < 12 ? 'am' : Number(local.slice(11, 13)) < 18 ? 'pm' : 'evening'}`;
  };
  const find = (key: string | undefined, fallback: (typeof sessions)[number] | undefined) => (key ? sessions.find((s) => keyOf(s) === key) : undefined) ?? fallback;
  for (const s of sessions) if (s.endsAt <= now) await db.trainingSession.update({ where: { id: s.id }, data: { status: 'CLOSED', closedAt: s.endsAt } });
  const current = sessions.find((s) => s.checkinOpensAt <= now && now < s.endsAt);
  const latestClosed = [...sessions].reverse().find((s) => s.endsAt <= now) ?? current;
  const next = sessions.find((s) => s.checkinClosesAt > now);
  const target = current ?? next;
  if (target) {
    const at = (hhmm: string) => new Date(iso(`${ctx.now.slice(0, 10)}T${hhmm}`));
    await db.trainingSession.update({
      where: { id: target.id },
      data: {
        ...(ctx.code ? { code: ctx.code } : {}),
        ...(ctx.rotating ? { codeSecret: 'dev-set-rotating-secret', codeStepSeconds: 60 } : {}),
        ...(ctx.lateAfter ? { lateAfter: at(ctx.lateAfter) } : {}),
        ...(ctx.checkinClosedAt ? { checkinClosesAt: at(ctx.checkinClosedAt) } : {}),
      },
    });
  }
  for (const mark of ctx.marks) {
    const session = find(mark.session, latestClosed);
    const personId = await person(mark.name);
    if (session && personId) await db.checkIn.create({ data: { sessionId: session.id, personId, status: mark.status, checkedInAt: mark.status === 'ABSENT' ? null : session.startsAt } });
  }
  for (const p of ctx.pending) {
    const session = find(p.session, p.kind === 'MAKEUP' ? latestClosed : next);
    const personId = await person(p.name);
    if (session && personId) await db.leaveRequest.create({ data: { sessionId: session.id, personId, kind: p.kind, reason: p.reason, status: p.status } });
  }
  const contact = await db.identity.findFirstOrThrow({ where: { platformUserId: PEOPLE.school } });
  for (const [from, to] of ctx.substitutions) {
    const [fromId, toId] = [await person(from), await person(to)];
    if (fromId && toId) await db.substitution.create({ data: { classId: main.id, fromPersonId: fromId, toPersonId: toId, reason: '工作调动', requestedById: contact.personId, createdAt: now } });
  }
  if (ctx.notice) {
    const classes = await db.trainingClass.findMany();
    const noticeClass = /班主任培训/.test(ctx.notice.clause) ? (classes.find((c) => c.name.includes('班主任')) ?? main) : main;
    const author = await db.identity.findFirstOrThrow({ where: { platformUserId: PEOPLE.county } });
    const notice = await db.openingNotice.create({ data: { classId: noticeClass.id, authorId: author.personId, text: '请于开班当日8:00前报到', createdAt: now } });
    const recipients = new Set((await db.enrolment.findMany({ where: { classId: main.id } })).map((e) => e.personId));
    const sender = await db.identity.findFirst({ where: { platformUserId: senderId } });
    if (sender) recipients.add(sender.personId);
    for (const personId of recipients) await db.noticeRecipient.create({ data: { noticeId: notice.id, personId, confirmedAt: ctx.notice.confirmed && personId === sender?.personId ? now : null } });
  }
  if (ctx.preview === 'notice') await chat.as(PEOPLE.tutor, '李老师').says('通知 明天上午8:00在报告厅集合，请大家准时参加');
  if (ctx.preview === 'timetable') await chat.as(PEOPLE.tutor, '李老师', { group: 'g-class' }).says('排课 12月21日-12月30日 8:30-11:30 14:30-17:30 学时3 周末休息');
}

export { dayKey, readContext };
