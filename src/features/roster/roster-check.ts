import { UserError } from '../../core/errors.ts';
import { groupBy } from '../../core/group-by.ts';
import type { ChatRef } from '../../core/message.ts';
import { regionChain } from '../../app/actor.ts';
import type { App } from '../../app/app.ts';
import { sendToPerson, tutorsOf } from '../../app/notify.ts';

/**
 * Compares a class roster with the members of its group (where the platform can list them): who is
 * selected but not in the group, who has not bound their account, and who is in the group without
 * being on the roster. The report goes privately to the tutors and the county contacts.
 */
export async function checkRosterAgainstGroup(app: App, chat: ChatRef, classId: number): Promise<{ missing: number; unbound: number; strangers: number }> {
  const list = app.platforms.memberLists.get(chat.platform);
  if (!list) throw new UserError('rosterCheck.unsupported');
  const members = await list(chat.id);
  const memberIds = new Set(members.map((m) => m.id));
  const cls = await app.db.trainingClass.findUniqueOrThrow({ where: { id: classId }, include: { project: true } });
  const enrolled = await app.db.enrolment.findMany({
    where: { classId, status: { in: ['SELECTED', 'CONFIRMED'] } },
    include: { person: { include: { school: true, identities: { where: { platform: chat.platform } } } } },
  });
  const staff = await app.db.roleGrant.findMany({ where: { OR: [{ classId }, { role: { in: ['COUNTY_CONTACT', 'ADMIN', 'SCHOOL_CONTACT'] } }] }, select: { personId: true } });
  const staffAccounts = await app.db.identity.findMany({ where: { platform: chat.platform, personId: { in: staff.map((s) => s.personId) } }, select: { platformUserId: true } });
  const rosterAccounts = new Set([...enrolled.flatMap((e) => e.person.identities.map((i) => i.platformUserId)), ...staffAccounts.map((s) => s.platformUserId)]);
  const unbound = enrolled.filter((e) => e.person.identities.length === 0);
  const missing = enrolled.filter((e) => e.person.identities.length > 0 && !e.person.identities.some((i) => memberIds.has(i.platformUserId)));
  const strangers = members.filter((m) => !rosterAccounts.has(m.id));
  const bySchool = (list: typeof enrolled) =>
    [...groupBy(list, (e) => e.person.school?.name ?? '—')].map(([school, people]) => `${school}：${people.map((p) => p.person.name).join('、')}`).join('；') || app.t('common.none');
  const text = app.t('rosterCheck.report', {
    className: cls.name,
    group: chat.title ?? chat.id,
    members: members.length,
    enrolled: enrolled.length,
    missing: bySchool(missing),
    unbound: bySchool(unbound),
    strangers: strangers.map((s) => s.name).join('、') || app.t('common.none'),
  });
  const counties = await app.db.roleGrant.findMany({ where: { role: 'COUNTY_CONTACT', regionId: { in: await regionChain(app.db, cls.project.regionId) } }, select: { personId: true } });
  const readers = new Set([...(await tutorsOf(app, classId)), ...counties.map((c) => c.personId)]);
  for (const personId of readers) await sendToPerson(app, personId, chat.platform, text);
  return { missing: missing.length, unbound: unbound.length, strangers: strangers.length };
}
