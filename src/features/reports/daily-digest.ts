import { formatChinaClock, formatChinaDate } from '../../core/time/parse-time-phrase.ts';
import type { App } from '../../app/app.ts';
import { sendToPerson } from '../../app/notify.ts';

export const DAILY_DIGEST_JOB = 'digest.daily';
const DAY = 24 * 3600_000;

/** Today's China-time day as [start, end) instants. */
function chinaDay(now: Date): [Date, Date] {
  const offset = 8 * 3600_000;
  const local = new Date(now.getTime() + offset);
  const start = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate()) - offset;
  return [new Date(start), new Date(start + DAY)];
}

/**
 * Each morning every tutor gets one private overview of their classes for the day — sessions,
 * leave requests waiting for them, opening-notice confirmations still missing. Nothing to say, no message.
 */
export async function sendDailyDigest(app: App): Promise<number> {
  const now = app.clock.now();
  const [dayStart, dayEnd] = chinaDay(now);
  const grants = await app.db.roleGrant.findMany({ where: { role: 'TUTOR', classId: { not: null } }, include: { class: true } });
  const byTutor = new Map<number, { id: number; name: string }[]>();
  for (const g of grants) byTutor.set(g.personId, [...(byTutor.get(g.personId) ?? []), { id: g.classId!, name: g.class!.name }]);
  let sent = 0;
  for (const [tutorId, classes] of byTutor) {
    const sections: string[] = [];
    for (const cls of classes) {
      const lines: string[] = [];
      const sessions = await app.db.trainingSession.findMany({ where: { classId: cls.id, status: 'SCHEDULED', startsAt: { gte: dayStart, lt: dayEnd } }, orderBy: { startsAt: 'asc' } });
      for (const s of sessions) lines.push(app.t('digest.session', { title: s.title, start: formatChinaClock(s.startsAt), end: formatChinaClock(s.endsAt) }));
      const leaves = await app.db.leaveRequest.findMany({ where: { status: 'PENDING', session: { classId: cls.id, status: 'SCHEDULED' } }, include: { person: true } });
      if (leaves.length) lines.push(app.t('digest.pendingLeave', { names: leaves.map((l) => l.person.name).join('、') }));
      const notice = await app.db.openingNotice.findFirst({ where: { classId: cls.id }, orderBy: { id: 'desc' } });
      const silent = notice ? await app.db.noticeRecipient.count({ where: { noticeId: notice.id, confirmedAt: null } }) : 0;
      if (silent) lines.push(app.t('digest.unconfirmed', { count: silent }));
      if (lines.length) sections.push([`「${cls.name}」`, ...lines].join('\n'));
    }
    if (sections.length === 0) continue;
    if (await sendToPerson(app, tutorId, undefined, [app.t('digest.title', { date: formatChinaDate(now) }), ...sections].join('\n'))) sent++;
  }
  return sent;
}
