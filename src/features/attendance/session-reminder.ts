import type { App } from '../../app/app.ts';
import { formatChinaClock } from '../../core/time/parse-time-phrase.ts';

export const SESSION_REMIND_JOB = 'session.remind';
/** At most this many trainees are @mentioned in one reminder; the rest are counted. */
const MAX_MENTIONS = 40;

/**
 * Shortly before check-in closes, tells each class group who has not checked in yet, @mentioning
 * them (those with approved leave are left out). Nothing is sent when everyone is in.
 */
export async function remindMissingCheckIns(app: App, sessionId: number): Promise<number> {
  const session = await app.db.trainingSession.findUnique({ where: { id: sessionId } });
  if (!session || session.status !== 'SCHEDULED') return 0;
  const missing = await app.db.person.findMany({
    where: {
      enrolments: { some: { classId: session.classId, status: { in: ['SELECTED', 'CONFIRMED', 'COMPLETED'] } } },
      checkIns: { none: { sessionId } },
      leaves: { none: { sessionId, status: 'APPROVED' } },
    },
    select: { id: true, name: true, identities: { select: { platform: true, platformUserId: true, displayName: true } } },
    orderBy: { name: 'asc' },
  });
  if (missing.length === 0) return 0;
  const groups = await app.db.groupChat.findMany({ where: { classId: session.classId } });
  for (const group of groups) {
    const mentions = missing
      .slice(0, MAX_MENTIONS)
      .map((p) => p.identities.find((i) => i.platform === group.platform))
      .filter((i) => i !== undefined)
      .map((i) => ({ id: i.platformUserId, name: i.displayName }));
    const rest = missing.length - mentions.length;
    const text = app.t(rest > 0 ? 'session.reminderWithOthers' : 'session.reminder', {
      title: session.title,
      closes: formatChinaClock(session.checkinClosesAt),
      count: missing.length,
      others: missing.filter((p) => !mentions.some((m) => p.identities.some((i) => i.platformUserId === m.id))).map((p) => p.name).join('、'),
    });
    await app.outbox.send({ chat: { platform: group.platform as 'playground', id: group.chatId, kind: 'group', title: group.title }, text, mentions });
  }
  return missing.length;
}
