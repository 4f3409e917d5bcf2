import { UserError } from '../../core/errors.ts';
import type { Attachment, ChatRef, Platform, UserRef } from '../../core/message.ts';
import { chinaWeekday, chinaWeekStart } from '../../core/time/parse-time-phrase.ts';
import type { Actor, ChatBinding } from '../../app/actor.ts';
import { audit, type App } from '../../app/app.ts';
import { sendToPerson } from '../../app/notify.ts';

export const LOG_REMINDER_JOB = 'logs.weekly-reminder';
/** A log shorter than this is not a log (「今天学习了」 is not reflection). */
const MIN_LOG_CHARS = 15;
const EXPECTED = ['SELECTED', 'CONFIRMED', 'COMPLETED'] as const;

/** The class a log counts for: this group's class, else the trainee's class that asks for logs (or their latest). */
async function classForLog(app: App, personId: number, binding: ChatBinding | null): Promise<{ id: number; logsPerWeek: number; hoursPerLog: number; logCategory: string; projectId: number } | null> {
  const enrolments = await app.db.enrolment.findMany({ where: { personId, status: { in: [...EXPECTED] } }, include: { class: true }, orderBy: { id: 'desc' } });
  const pick = enrolments.find((e) => e.classId === binding?.classId) ?? enrolments.find((e) => e.class.logsPerWeek > 0) ?? enrolments[0];
  return pick ? { ...pick.class, hoursPerLog: Number(pick.class.hoursPerLog) } : null;
}

/**
 * Records a learning log. Logs up to the class's weekly number are converted to hours (成果换算,
 * pending accreditation); more are kept but not credited. Returns the receipt.
 */
export async function recordLog(app: App, actor: Actor, binding: ChatBinding | null, text: string, attachments: Attachment[]): Promise<string> {
  const person = actor.person!;
  if ([...text].length < MIN_LOG_CHARS && attachments.length === 0) throw new UserError('log.tooShort', { min: MIN_LOG_CHARS });
  const now = app.clock.now();
  const weekOf = chinaWeekStart(now);
  const cls = await classForLog(app, person.id, binding);
  const already = await app.db.learningLog.count({ where: { personId: person.id, weekOf } });
  const credit = cls !== null && cls.hoursPerLog > 0 && (cls.logsPerWeek === 0 || already < cls.logsPerWeek);
  const log = await app.db.learningLog.create({ data: { personId: person.id, classId: cls?.id ?? null, text, attachments: attachments as object[], weekOf, credited: credit, createdAt: now } });
  if (credit) {
    await app.db.hourRecord.createMany({
      data: [{ personId: person.id, hours: cls.hoursPerLog, level: 'SCHOOL', category: cls.logCategory, source: 'LOG', sourceRef: `log:${log.id}`, projectId: cls.projectId, earnedOn: now }],
      skipDuplicates: true,
    });
  }
  await audit(app.db, { personId: person.id, label: `${actor.platform}:${actor.user.id}` }, 'log.create', 'LearningLog', log.id, { credited: credit });
  const count = already + 1;
  const required = cls?.logsPerWeek ?? 0;
  return app.t('log.receipt', {
    name: person.name,
    count,
    progress: required ? app.t(count >= required ? 'log.weekDone' : 'log.weekProgress', { required, left: required - count }) : '',
    hours: credit ? app.t('log.credited', { hours: cls.hoursPerLog }) : '',
  });
}

/** Sets how many logs a class writes per week and what one is worth. */
export async function setLogRequirement(app: App, actor: Actor, classId: number, rule: { perWeek: number; hoursPerLog: number; category?: string }): Promise<void> {
  await app.db.trainingClass.update({ where: { id: classId }, data: { logsPerWeek: rule.perWeek, hoursPerLog: rule.hoursPerLog, ...(rule.category ? { logCategory: rule.category } : {}) } });
  await audit(app.db, { personId: actor.person!.id, label: `${actor.platform}:${actor.user.id}` }, 'log.requirement', 'TrainingClass', classId, rule);
}

/**
 * On the reminder weekday, tells each class that asks for logs who is behind this week (@mentioned in
 * its groups, privately when it has none). Runs daily; other days it does nothing.
 */
export async function remindLogsBehind(app: App): Promise<number> {
  const now = app.clock.now();
  if (chinaWeekday(now) !== app.config.logReminderWeekday) return 0;
  const weekOf = chinaWeekStart(now);
  let reminded = 0;
  for (const cls of await app.db.trainingClass.findMany({ where: { logsPerWeek: { gt: 0 } } })) {
    const enrolled = await app.db.enrolment.findMany({
      where: { classId: cls.id, status: { in: [...EXPECTED] } },
      include: { person: { select: { id: true, name: true, identities: { select: { platform: true, platformUserId: true, displayName: true } } } } },
    });
    const counts = await app.db.learningLog.groupBy({ by: ['personId'], where: { weekOf, personId: { in: enrolled.map((e) => e.personId) } }, _count: true });
    const written = new Map(counts.map((c) => [c.personId, c._count]));
    const behind = enrolled.map((e) => e.person).filter((p) => (written.get(p.id) ?? 0) < cls.logsPerWeek);
    if (behind.length === 0) continue;
    reminded += behind.length;
    const text = app.t('log.reminder', { className: cls.name, required: cls.logsPerWeek, names: behind.map((p) => `${p.name}（还差 ${cls.logsPerWeek - (written.get(p.id) ?? 0)} 篇）`).join('、') });
    const groups = await app.db.groupChat.findMany({ where: { classId: cls.id } });
    for (const g of groups) {
      const chat: ChatRef = { platform: g.platform as Platform, id: g.chatId, kind: 'group', title: g.title };
      const mentions: UserRef[] = behind.flatMap((p) => p.identities.filter((i) => i.platform === g.platform).map((i) => ({ id: i.platformUserId, name: i.displayName })));
      await app.outbox.send({ chat, text, mentions, delivery: { key: `logs:${cls.id}:${weekOf.toISOString()}:${g.platform}:${g.chatId}`, source: `logs:${cls.id}` } });
    }
    if (groups.length === 0) for (const p of behind) await sendToPerson(app, p.id, undefined, text, { delivery: { key: `logs:${cls.id}:${weekOf.toISOString()}:person:${p.id}` } });
  }
  return reminded;
}
