import { z } from 'zod';
import { classInfoLines, updateClassInfo } from '../class-info.ts';
import { UserError } from '../../../core/errors.ts';
import { CLASS_INFO_LABELS, parseClassInfo } from '../../../core/timetable/class-info-phrase.ts';
import { defineCommand } from '../../../app/command.ts';
import { classToManage, leadingClassName } from './timetable-class.ts';

const WORDS = ['设置班级信息', '修改班级信息', '设置班级', '班级设置'];

export const setClassInfoCommand = defineCommand({
  id: 'setClassInfo',
  words: WORDS,
  // 「班级设置里找不到」 is a sentence about the setting; glued to the word, only a label (「设置班级地点…」) is an argument.
  startsSentences: true,
  phrases: [new RegExp(`^(?:${WORDS.join('|')})(?<rest>(?:${CLASS_INFO_LABELS}).*)$`)],
  slash: ['setclass'],
  audience: ['TUTOR', 'COUNTY_CONTACT'],
  // The user's own text, so a class name keeps its brackets; what was read is kept beside it (the run reads it again).
  parse: (rest, message, verbatim) => {
    const text = verbatim || rest;
    const { className, rest: info } = leadingClassName(text);
    const read = parseClassInfo(info, message.sentAt);
    if ('problem' in read) return { text, className };
    const coords = read.latitude !== undefined ? `${read.latitude},${read.longitude}` : undefined;
    return { text, className, start: read.startsOn, end: read.endsOn, venue: read.venue, coords, radius: read.radiusMeters };
  },
  args: z.object({
    text: z.string().min(1, { error: 'classInfo.usage' }).max(300, { error: 'classInfo.usage' }),
    className: z.string().optional(),
    start: z.unknown().optional(),
    end: z.unknown().optional(),
    venue: z.string().optional(),
    coords: z.string().optional(),
    radius: z.number().optional(),
  }),
  async run(ctx, { text }) {
    const { className, rest } = leadingClassName(text);
    const classId = await classToManage(ctx, className);
    const change = parseClassInfo(rest, ctx.at);
    if ('problem' in change) throw new UserError(change.problem);
    await updateClassInfo(ctx.app, { personId: ctx.actor.person!.id, label: `${ctx.actor.platform}:${ctx.actor.user.id}` }, classId, change);
    await ctx.app.outbox.send({ chat: ctx.message.chat, text: [ctx.app.t('classInfo.saved'), ...(await classInfoLines(ctx.app, classId))].join('\n') });
  },
});
