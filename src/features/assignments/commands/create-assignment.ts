import { z } from 'zod';
import { authorOf, createAssignment, type AssignmentKind } from '../assignments.ts';
import { parseDateTime } from '../../../core/time/parse-time-phrase.ts';
import { defineCommand } from '../../../app/command.ts';
import { managedGroupClass } from '../../../app/managed-class.ts';

const KIND_WORDS: Record<string, AssignmentKind> = { 图片: 'IMAGE', 照片: 'IMAGE', 文件: 'FILE', 文档: 'FILE', 链接: 'LINK', 文字: 'TEXT' };
const CLOSE_WORDS = new Set(['不收迟交', '截止后不收', '过期不收']);

/** 「标题 截止 [学时N] [类型] [不收迟交] 说明」 → raw arguments (the schema reports what is missing). */
function parseAssignment(rest: string, sentAt: Date, verbatim: string) {
  const [title = '', ...after] = rest.split(' ');
  const due = parseDateTime(after.join(' '), sentAt);
  if (!due) return { title, dueAt: undefined };
  const words = due.rest ? due.rest.split(' ') : [];
  let hours = 0;
  let kind: AssignmentKind = 'ANY';
  let closeAtDue = false;
  while (words.length) {
    const word = words[0]!;
    const h = /^学时(\d+(?:\.\d+)?)$/.exec(word);
    if (h) hours = Number(h[1]);
    else if (KIND_WORDS[word]) kind = KIND_WORDS[word];
    else if (CLOSE_WORDS.has(word)) closeAtDue = true;
    else break;
    words.shift();
  }
  // The description in the tutor's own punctuation: the verbatim text ends with the same characters.
  const description = words.join(' ');
  return { title, dueAt: due.at, hours, kind, closeAtDue, description: description ? verbatim.slice(verbatim.length - description.length).trim() : '' };
}

export const createAssignmentCommand = defineCommand({
  id: 'createAssignment',
  words: ['布置作业', '发布作业', '新建作业'],
  slash: ['assign'],
  audience: ['TUTOR', 'COUNTY_CONTACT'],
  where: 'group',
  parse: (rest, message, verbatim) => parseAssignment(rest, message.sentAt, verbatim),
  args: z.object({
    title: z.string().min(1, { error: 'assignment.titleRequired' }).max(40),
    dueAt: z.date({ error: 'assignment.dueRequired' }),
    hours: z.number().min(0).max(100).default(0),
    kind: z.enum(['ANY', 'TEXT', 'IMAGE', 'FILE', 'LINK']).default('ANY'),
    closeAtDue: z.boolean().default(false),
    description: z.string().max(1000).default(''),
  }),
  async run(ctx, args) {
    const classId = await managedGroupClass(ctx);
    const { assignment, groups } = await createAssignment(ctx.app, authorOf(ctx.actor), classId, args);
    await ctx.reply('assignment.created', { title: assignment.title, groups });
  },
});
