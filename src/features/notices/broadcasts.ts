import { UserError } from '../../core/errors.ts';
import { jobId } from '../../core/job-id.ts';
import type { Attachment, ChatRef, Platform } from '../../core/message.ts';
import { canManageClass, tutoredClassIds } from '../../core/permissions.ts';
import { formatChinaDateTime } from '../../core/time/parse-time-phrase.ts';
import type { Actor, ChatBinding } from '../../app/actor.ts';
import { classScope } from '../../app/actor.ts';
import { audit, type App } from '../../app/app.ts';
import { sendToPerson } from '../../app/notify.ts';
import { robotName, sendToRobots } from './robots.ts';
import { scheduleAllOrUndo } from '../../app/scheduling.ts';

export const BROADCAST_SEND_JOB = 'broadcast.send';
/** A draft older than this can no longer be confirmed (the tutor must write it again). */
const DRAFT_MINUTES = 30;

const who = (actor: Actor) => ({ personId: actor.person!.id, label: `${actor.platform}:${actor.user.id}` });

/** The classes a broadcast from this chat goes to: the group's class, or in private every class the tutor has. */
async function targetClasses(app: App, actor: Actor, binding: ChatBinding | null): Promise<number[]> {
  const candidates = binding?.classId ? [binding.classId] : tutoredClassIds(actor.grants);
  if (candidates.length === 0) throw new UserError('broadcast.noClass');
  for (const id of candidates) if (!canManageClass(actor.grants, await classScope(app.db, id))) throw new UserError('common.forbidden');
  return candidates;
}

/** An attachment as stored with a broadcast: a platform's file reference is good only on that platform. */
interface StoredAttachment {
  platform: string;
  attachment: Attachment;
}

/** 「图片 1 张、文件「课表.pdf」」 */
function describeAttachments(app: App, stored: StoredAttachment[]): string {
  const images = stored.filter((s) => s.attachment.kind === 'image').length;
  const others = stored.filter((s) => s.attachment.kind !== 'image').map((s) => app.t('broadcast.attachmentFile', { name: s.attachment.name ?? app.t(`attachment.${s.attachment.kind}`) }));
  return [...(images ? [app.t('broadcast.attachmentImages', { count: images })] : []), ...others].join('、');
}

function preview(app: App, groups: string[], sendAt: Date | null, text: string, stored: StoredAttachment[]): string {
  const body = app.t('broadcast.preview', { groups: groups.join('、'), when: sendAt ? formatChinaDateTime(sendAt) : app.t('broadcast.now'), text });
  return stored.length ? `${body}\n${app.t('broadcast.attachmentsLine', { list: describeAttachments(app, stored) })}` : body;
}

const FRESH_DRAFT = (app: App) => ({ status: 'DRAFT' as const, createdAt: { gte: new Date(app.clock.now().getTime() - DRAFT_MINUTES * 60_000) } });

/** Drafts a broadcast and returns the preview text; nothing is sent until it is confirmed. */
export async function draftBroadcast(app: App, actor: Actor, binding: ChatBinding | null, text: string, sendAt: Date | undefined, attachments: Attachment[] = []): Promise<string> {
  const classIds = await targetClasses(app, actor, binding);
  const now = app.clock.now();
  if (sendAt && sendAt.getTime() <= now.getTime() - 60_000) throw new UserError('broadcast.timeInPast', { time: formatChinaDateTime(sendAt) });
  const groups = await app.db.groupChat.findMany({ where: { classId: { in: classIds } }, select: { title: true } });
  const robots = await app.db.groupRobot.findMany({ where: { classId: { in: classIds } }, select: { id: true } });
  for (const r of robots) groups.push({ title: (await robotName(app, r.id)) ?? '' });
  if (groups.length === 0) throw new UserError('broadcast.noGroups');
  await app.db.broadcast.updateMany({ where: { authorId: actor.person!.id, status: 'DRAFT' }, data: { status: 'CANCELLED' } });
  const stored: StoredAttachment[] = attachments.map((attachment) => ({ platform: actor.platform, attachment }));
  const draft = await app.db.broadcast.create({ data: { authorId: actor.person!.id, classIds, text, attachments: stored as object[], sendAt: sendAt ?? null, createdAt: now } });
  await audit(app.db, who(actor), 'broadcast.draft', 'Broadcast', draft.id, { classIds, sendAt, attachments: stored.length });
  return preview(app, groups.map((g) => g.title), sendAt ?? null, text, stored);
}

/**
 * Adds files or images the author sent after drafting (WeChat sends them as messages of their own)
 * to their draft; returns the new preview, or null when they have no draft waiting.
 */
export async function attachToDraft(app: App, personId: number, platform: string, attachments: Attachment[]): Promise<string | null> {
  const draft = await app.db.broadcast.findFirst({ where: { authorId: personId, ...FRESH_DRAFT(app) }, orderBy: { id: 'desc' } });
  if (!draft) return null;
  const stored = [...(draft.attachments as unknown as StoredAttachment[]), ...attachments.map((attachment) => ({ platform, attachment }))];
  await app.db.broadcast.update({ where: { id: draft.id }, data: { attachments: stored as object[] } });
  const groups = await app.db.groupChat.findMany({ where: { classId: { in: draft.classIds } }, select: { title: true } });
  return preview(app, groups.map((g) => g.title), draft.sendAt, draft.text, stored);
}

/** Confirms the actor's latest draft: sends it now or schedules it. Returns the reply key and params. */
export async function confirmBroadcast(app: App, actor: Actor): Promise<{ key: 'broadcast.sent' | 'broadcast.scheduled'; params: Record<string, string | number> }> {
  const now = app.clock.now();
  const draft = await app.db.broadcast.findFirst({ where: { authorId: actor.person!.id, ...FRESH_DRAFT(app) }, orderBy: { id: 'desc' } });
  if (!draft) throw new UserError('broadcast.noDraft');
  if (draft.sendAt && draft.sendAt.getTime() > now.getTime()) {
    await app.db.broadcast.update({ where: { id: draft.id }, data: { status: 'SCHEDULED' } });
    const job = { id: jobId('broadcast', draft.id), name: BROADCAST_SEND_JOB, at: draft.sendAt, data: { broadcastId: draft.id } };
    await scheduleAllOrUndo(app, [job], () => app.db.broadcast.updateMany({ where: { id: draft.id, status: 'SCHEDULED' }, data: { status: 'DRAFT' } }), 'jobs.broadcastScheduleFailed');
    await audit(app.db, who(actor), 'broadcast.schedule', 'Broadcast', draft.id);
    return { key: 'broadcast.scheduled', params: { time: formatChinaDateTime(draft.sendAt) } };
  }
  await app.db.broadcast.update({ where: { id: draft.id }, data: { status: 'SCHEDULED' } });
  await audit(app.db, who(actor), 'broadcast.confirm', 'Broadcast', draft.id);
  const reached = await sendBroadcast(app, draft.id, false);
  return { key: 'broadcast.sent', params: { count: reached } };
}

/** Cancels the actor's latest draft or scheduled broadcast. */
export async function cancelBroadcast(app: App, actor: Actor): Promise<void> {
  const latest = await app.db.broadcast.findFirst({ where: { authorId: actor.person!.id, status: { in: ['DRAFT', 'SCHEDULED'] } }, orderBy: { id: 'desc' } });
  if (!latest) throw new UserError('broadcast.nothingToCancel');
  const claimed = await app.db.broadcast.updateMany({ where: { id: latest.id, status: { in: ['DRAFT', 'SCHEDULED'] } }, data: { status: 'CANCELLED' } });
  if (claimed.count === 0) throw new UserError('broadcast.nothingToCancel');
  // The job finds the broadcast cancelled and sends nothing, so a failed cancel only leaves a no-op.
  await app.scheduler.cancel(jobId('broadcast', latest.id)).catch((error: unknown) => app.log.warn('could not cancel a broadcast job', { broadcastId: latest.id, error }));
  await audit(app.db, who(actor), 'broadcast.cancel', 'Broadcast', latest.id);
}

/**
 * Sends a scheduled broadcast to its classes' groups once (a second run finds it sent) and, when it
 * was sent by the scheduler, reports to the author privately.
 */
export async function sendBroadcast(app: App, broadcastId: number, report = true): Promise<number> {
  const claimed = await app.db.broadcast.updateMany({ where: { id: broadcastId, status: 'SCHEDULED' }, data: { status: 'SENT', sentAt: app.clock.now() } });
  if (claimed.count === 0) return 0;
  const broadcast = await app.db.broadcast.findUniqueOrThrow({ where: { id: broadcastId } });
  const groups = await app.db.groupChat.findMany({ where: { classId: { in: broadcast.classIds } } });
  const source = `broadcast:${broadcastId}`;
  const stored = broadcast.attachments as unknown as StoredAttachment[];
  for (const g of groups) {
    const chat: ChatRef = { platform: g.platform as Platform, id: g.chatId, kind: 'group', title: g.title };
    // A file reference works only on its own platform; elsewhere the group is told there is one.
    const attachments = stored.filter((s) => s.platform === g.platform).map((s) => s.attachment);
    const elsewhere = stored.length - attachments.length;
    const text = app.t('broadcast.message', { text: broadcast.text }) + (elsewhere ? `\n${app.t('broadcast.attachmentsElsewhere', { count: elsewhere })}` : '');
    await app.outbox.send({ chat, text, attachments, delivery: { key: `${source}:${g.platform}:${g.chatId}`, source } });
  }
  // The classes' group robots (WeCom, DingTalk) too; files cannot travel there, so they are mentioned.
  let robots = 0;
  const robotText = app.t('broadcast.message', { text: broadcast.text }) + (stored.length ? `\n${app.t('broadcast.attachmentsElsewhere', { count: stored.length })}` : '');
  for (const classId of broadcast.classIds) robots += await sendToRobots(app, classId, [], robotText, { source, mention: false });
  const reached = groups.length + robots;
  await app.db.broadcast.update({ where: { id: broadcastId }, data: { groupsReached: reached } });
  if (report) await sendToPerson(app, broadcast.authorId, groups[0]?.platform, app.t('broadcast.report', { count: reached, text: broadcast.text.slice(0, 30) }));
  return reached;
}
