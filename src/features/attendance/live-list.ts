import type { Button, ChatRef, OutboundMessage } from '../../core/message.ts';
import { formatChinaClock } from '../../core/time/parse-time-phrase.ts';
import type { TrainingSession } from '../../generated/prisma/client.ts';
import type { App } from '../../app/app.ts';
import type { AckEntry } from '../../app/ack-batcher.ts';
import { describeWindow } from './describe-session.ts';

const MINUTE = 60_000;
/** Room left for the names in one Telegram message (4,096 characters) after the announcement. */
const NAMES_BUDGET = 3000;

/** The 签到 button under a session's live list. */
export function checkinButton(sessionId: number): Button {
  return { label: '签到', data: `checkin:${sessionId}` };
}

/** The live key of a session's list: the opening announcement and every later version share it. */
export const sessionLiveKey = (sessionId: number) => `session:${sessionId}`;

/** The "现在开始签到" announcement of a session. */
export function openAnnouncement(app: App, s: TrainingSession): string {
  const key = s.codeSecret ? 'session.openAnnouncementWithRotatingCode' : s.requireLocation ? 'session.openAnnouncementWithLocation' : s.code ? 'session.openAnnouncementWithCode' : 'session.openAnnouncement';
  return app.t(key, {
    title: s.title,
    window: describeWindow(s),
    late: formatChinaClock(s.lateAfter),
    closes: formatChinaClock(s.checkinClosesAt),
  });
}

/** Names joined with 、, the earliest left out (and counted) when they would not fit in one message. */
function fitNames(app: App, names: string[]): string {
  let used = 0;
  let kept = names.length;
  while (kept > 0 && used + names[kept - 1]!.length + 1 <= NAMES_BUDGET) used += names[--kept]!.length + 1;
  const shown = names.slice(kept).join('、');
  return kept > 0 ? `${app.t('live.more', { count: kept })}${shown}` : shown;
}

/**
 * A session's live check-in list as one message for `chat`: the opening announcement, the running
 * count with every name so far (from the database, so button presses and restarts are included), and
 * the 签到 button while check-in is open; once closed it says so, without the button, as the final version.
 */
export async function liveListMessage(app: App, chat: ChatRef, sessionId: number): Promise<OutboundMessage | null> {
  const s = await app.db.trainingSession.findUnique({ where: { id: sessionId } });
  if (!s) return null;
  const [checkIns, enrolled] = await Promise.all([
    app.db.checkIn.findMany({
      where: { sessionId, status: { in: ['PRESENT', 'LATE'] } },
      orderBy: [{ checkedInAt: 'asc' }, { id: 'asc' }],
      select: { status: true, checkedInAt: true, person: { select: { name: true } } },
    }),
    app.db.enrolment.count({ where: { classId: s.classId, status: { in: ['SELECTED', 'CONFIRMED', 'COMPLETED'] } } }),
  ]);
  const names = checkIns.map((c) =>
    c.status === 'LATE' && c.checkedInAt
      ? app.t('checkin.batchLateName', { name: c.person.name, minutes: Math.ceil((c.checkedInAt.getTime() - s.startsAt.getTime()) / MINUTE) })
      : c.person.name,
  );
  const open = s.status === 'SCHEDULED';
  // A closed list says so before the announcement that still invites to check in.
  const lines = open ? [] : [app.t(s.status === 'CANCELLED' ? 'live.cancelled' : 'live.closed')];
  lines.push(openAnnouncement(app, s));
  if (names.length) lines.push('', app.t('live.progress', { done: names.length, enrolled, names: fitNames(app, names) }));
  return { chat, text: lines.join('\n'), buttons: open && buttonChecksIn(s) ? [checkinButton(s.id)] : [], live: { key: sessionLiveKey(s.id), final: !open } };
}

/** The 签到 button checks in only where nothing more is asked: not a code, a rotating code or a location. */
export function buttonChecksIn(s: Pick<TrainingSession, 'code' | 'codeSecret' | 'requireLocation'>): boolean {
  return !s.code && !s.codeSecret && !s.requireLocation;
}

/** Puts a check-in made elsewhere (privately) on the session's live lists in the class's groups, where platforms edit. */
export async function showOnLiveLists(app: App, sessionId: number, entry: Omit<AckEntry, 'sessionId' | 'liveMessageId'>): Promise<void> {
  const session = await app.db.trainingSession.findUnique({ where: { id: sessionId }, select: { classId: true } });
  if (!session) return;
  const groups = await app.db.groupChat.findMany({ where: { classId: session.classId } });
  for (const g of groups) {
    if (app.platforms.editable.has(g.platform)) await app.acks.add({ platform: g.platform as ChatRef['platform'], id: g.chatId, kind: 'group', title: g.title }, { ...entry, sessionId });
  }
}

/** Puts the final version (count in, button gone) on a closed or cancelled session's lists, where platforms edit. */
export async function endLiveLists(app: App, session: Pick<TrainingSession, 'id' | 'classId'>): Promise<void> {
  const groups = await app.db.groupChat.findMany({ where: { classId: session.classId } });
  for (const g of groups) {
    if (!app.platforms.editable.has(g.platform)) continue;
    const message = await liveListMessage(app, { platform: g.platform as ChatRef['platform'], id: g.chatId, kind: 'group', title: g.title }, session.id);
    if (message) await app.outbox.send(message);
  }
}
