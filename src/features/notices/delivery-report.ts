import { DeliveryLog } from '../../delivery/delivery-log.ts';
import { formatChinaDateTime } from '../../core/time/parse-time-phrase.ts';
import type { App } from '../../app/app.ts';
import { ROBOT_PLATFORM } from './robot-store.ts';
import { robotName } from './robots.ts';

/** At most this many names per problem line; the rest are counted. */
const NAMES_SHOWN = 10;

/** Who a delivery went to, as the author knows them: the group's title or the person's name. */
async function recipientNames(app: App, rows: { platform: string; chatId: string; chatKind: string }[]): Promise<string[]> {
  const names: string[] = [];
  for (const r of rows) {
    if (r.platform === ROBOT_PLATFORM) {
      names.push((await robotName(app, Number(r.chatId))) ?? app.t('deliveries.removedRobot'));
    } else if (r.chatKind === 'group') {
      const group = await app.db.groupChat.findFirst({ where: { platform: r.platform, chatId: r.chatId }, select: { title: true } });
      names.push(group?.title ?? r.chatId);
    } else {
      const identity = await app.db.identity.findFirst({ where: { platform: r.platform, platformUserId: r.chatId }, include: { person: { select: { name: true } } } });
      names.push(identity?.person.name ?? r.chatId);
    }
  }
  return names;
}

function listed(names: string[]): string {
  return names.length > NAMES_SHOWN ? `${names.slice(0, NAMES_SHOWN).join('、')} 等 ${names.length} 个` : names.join('、');
}

async function sourceLines(app: App, source: string, title: string): Promise<string[]> {
  const counts = await new DeliveryLog(app.db).countsFor(source);
  if (counts.queued + counts.sent + counts.failed + counts.uncertain === 0) return [title, app.t('deliveries.noLog')];
  const lines = [title, app.t('deliveries.counts', counts)];
  const failed = await app.db.delivery.findMany({ where: { source, status: 'FAILED' }, orderBy: { id: 'asc' } });
  if (failed.length) lines.push(app.t('deliveries.failed', { names: listed(await recipientNames(app, failed)) }));
  const uncertain = await app.db.delivery.findMany({ where: { source, status: 'UNCERTAIN' }, orderBy: { id: 'asc' } });
  const again = new Set((await app.db.delivery.findMany({ where: { source, key: { endsWith: ':again' } }, select: { key: true } })).map((r) => r.key));
  const open = uncertain.filter((r) => !again.has(`${r.key}:again`));
  const resent = uncertain.filter((r) => again.has(`${r.key}:again`));
  if (open.length) lines.push(app.t('deliveries.uncertain', { names: listed(await recipientNames(app, open)) }));
  if (resent.length) lines.push(app.t('deliveries.resent', { names: listed(await recipientNames(app, resent)) }));
  return lines;
}

/** How the author's latest broadcast and latest opening notice were delivered, recipient by recipient. */
export async function deliveryReport(app: App, personId: number): Promise<string> {
  const lines: string[] = [];
  const broadcast = await app.db.broadcast.findFirst({ where: { authorId: personId, status: 'SENT' }, orderBy: { id: 'desc' } });
  if (broadcast) {
    const title = app.t('deliveries.broadcastTitle', { text: broadcast.text.slice(0, 20), time: formatChinaDateTime(broadcast.sentAt ?? broadcast.createdAt) });
    lines.push(...(await sourceLines(app, `broadcast:${broadcast.id}`, title)));
  }
  const notice = await app.db.openingNotice.findFirst({ where: { authorId: personId }, orderBy: { id: 'desc' } });
  if (notice) {
    const cls = await app.db.trainingClass.findUniqueOrThrow({ where: { id: notice.classId }, select: { name: true } });
    lines.push(...(await sourceLines(app, `notice:${notice.id}`, app.t('deliveries.noticeTitle', { className: cls.name, time: formatChinaDateTime(notice.createdAt) }))));
  }
  return lines.length ? [app.t('deliveries.title'), ...lines].join('\n') : app.t('deliveries.nothing');
}

/** 补发: the author's latest broadcast and notice are sent again to those marked uncertain. */
export async function resendUncertain(app: App, personId: number): Promise<number> {
  const log = new DeliveryLog(app.db);
  const broadcast = await app.db.broadcast.findFirst({ where: { authorId: personId, status: 'SENT' }, orderBy: { id: 'desc' } });
  const notice = await app.db.openingNotice.findFirst({ where: { authorId: personId }, orderBy: { id: 'desc' } });
  let queued = 0;
  if (broadcast) queued += await log.resendUncertain(`broadcast:${broadcast.id}`);
  if (notice) queued += await log.resendUncertain(`notice:${notice.id}`);
  return queued;
}
