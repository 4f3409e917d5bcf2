import { z } from 'zod';
import { classScope } from '../../../app/actor.ts';
import { findManagedClass } from '../../../app/managed-class.ts';
import { proofLine } from '../rotating-code.ts';
import { createSession } from '../sessions.ts';
import { describeWindow } from '../describe-session.ts';
import { DEFAULT_STEP_SECONDS, MAX_STEP_SECONDS, MIN_STEP_SECONDS } from '../../../core/checkin/rotating-code.ts';
import { UserError } from '../../../core/errors.ts';
import { canManageClass } from '../../../core/permissions.ts';
import { formatChinaClock, parseTimeRange } from '../../../core/time/parse-time-phrase.ts';
import { defineCommand } from '../../../app/command.ts';

/** Pulls "学时3", "迟到10分钟", "口令AB12", "动态口令[60秒]", "定位签到", "班级 数学1班" out of the text after the time range. */
function parseOptions(rest: string) {
  let text = ` ${rest} `;
  // 「动态口令」「动态签到」「动态口令60秒」「动态码 每45秒」: a rotating code, with its step if given.
  const takeRotating = () => {
    const m = /\s(?:动态|滚动)(?:口令|签到|码|签到码)\s*[:=]?\s*(?:每\s*)?(?:(\d+)\s*(?:秒钟?|s)\s*(?:一换|更换|换一次)?)?\s/.exec(text);
    if (!m) return undefined;
    text = text.replace(m[0], ' ');
    return m[1] ?? String(DEFAULT_STEP_SECONDS);
  };
  const take = (re: RegExp) => {
    const m = re.exec(text);
    if (!m) return undefined;
    text = text.replace(m[0], ' ');
    return m[1];
  };
  const hours = take(/\s学时\s*[:=]?\s*(\d+(?:\.\d+)?)\s*(?:学时)?\s/) ?? take(/\s(\d+(?:\.\d+)?)\s*学时\s/);
  const late = take(/\s迟到\s*[:=]?\s*(\d+)\s*(?:分钟|分)?\s/);
  const rotating = takeRotating();
  const requireLocation = take(/\s((?:需要)?(?:定位|位置)(?:签到|打卡)?|签到(?:要|需要)?(?:定位|位置))\s/) !== undefined;
  const code = take(/\s口令\s*[:=]?\s*(\S+)\s/);
  const className = take(/\s班级\s*[:=]?\s*(\S+)\s/);
  return { hours, late, code, rotating, requireLocation, className, title: text.replace(/\s+/g, ' ').trim() || undefined };
}

export const createSessionCommand = defineCommand({
  id: 'createSession',
  words: ['创建课次', '新建课次', '添加课次', '创建签到', '发起签到'],
  slash: ['newsession'],
  audience: ['TUTOR', 'COUNTY_CONTACT'],
  parse: (rest, message) => {
    const range = parseTimeRange(rest, message.sentAt);
    if (!range) return { startsAt: undefined };
    const o = parseOptions(range.rest);
    return { startsAt: range.start, endsAt: range.end, ...o };
  },
  args: z.object({
    startsAt: z.date({ error: 'session.badTime' }),
    endsAt: z.date({ error: 'session.badTime' }),
    hours: z.coerce.number({ error: 'session.badHours' }).min(0, { error: 'session.badHours' }).max(24, { error: 'session.badHours' }).default(0),
    late: z.coerce.number().int().min(0).max(240).optional(),
    code: z.string().regex(/^[A-Za-z0-9]{1,12}$/, { error: 'checkin.badCode' }).optional(),
    rotating: z.coerce.number().int().min(MIN_STEP_SECONDS, { error: 'session.badStep' }).max(MAX_STEP_SECONDS, { error: 'session.badStep' }).optional(),
    requireLocation: z.boolean().default(false),
    className: z.string().max(80).optional(),
    title: z.string().max(60).optional(),
  }),
  async run(ctx, args) {
    const { app, actor } = ctx;
    let classId = ctx.binding?.classId ?? null;
    if (args.className) classId = (await findManagedClass(app, actor, args.className)).id;
    if (!classId) throw new UserError('session.noClassHere');
    if (!canManageClass(actor.grants, await classScope(app.db, classId))) throw new UserError('common.forbidden');
    if (args.endsAt.getTime() <= app.clock.now().getTime()) throw new UserError('session.inPast');
    if (args.requireLocation && (args.code || args.rotating)) throw new UserError('session.locationAndCode');
    const session = await createSession(app, { personId: actor.person!.id, label: `${actor.platform}:${actor.user.id}` }, {
      classId,
      title: args.title,
      startsAt: args.startsAt,
      endsAt: args.endsAt,
      hours: args.hours,
      lateMinutes: args.late,
      code: args.code?.toUpperCase(),
      rotatingStepSeconds: args.rotating,
      requireLocation: args.requireLocation,
    });
    await ctx.reply('session.created', {
      title: session.title,
      window: describeWindow(session),
      opens: formatChinaClock(session.checkinOpensAt),
      late: formatChinaClock(session.lateAfter),
      closes: formatChinaClock(session.checkinClosesAt),
      hours: Number(session.hours),
      codeLine: session.code && !session.codeSecret ? app.t('session.codeLine', { code: session.code }) : await proofLine(app, session),
    });
  },
});
