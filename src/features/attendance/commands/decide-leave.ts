import { z } from 'zod';
import { decideLeave } from '../leave.ts';
import type { InboundMessage } from '../../../core/message.ts';
import { decisionArguments } from '../../../core/text/decision.ts';
import { defineCommand } from '../../../app/command.ts';
import { decisionFirstNamed } from '../sentences.ts';

/**
 * 「张三」「张三的请假」「张三请假」「请假 张三」「张三 理由：材料不全」: the name, then the note
 * (its label off); 「同意，注意安全」: no name, a remark. The leave prompt's own verbs (批准, 驳回) and
 * 同意/准了 are synonyms.
 */
const nameAndNote = (rest: string, message: InboundMessage, verbatim: string) => {
  const read = decisionArguments(rest, verbatim, /(?:的)?(?:请假|补签|假)(?:申请)?/, message.text);
  // 「批了 @周晓燕」: the requester @mentioned rather than typed.
  const mentioned = message.mentions.length === 1 ? message.mentions[0]!.name : undefined;
  return read.name || !mentioned ? read : { ...read, name: mentioned };
};
const args = z.object({
  name: z.string().max(40).optional(),
  note: z.string().max(200, { error: 'leave.reasonTooLong' }).optional(),
  whole: z.string().max(240, { error: 'leave.reasonTooLong' }).optional(),
});

export const approveLeaveCommand = defineCommand({
  id: 'approveLeave',
  words: ['准假', '批准请假', '同意请假', '准许请假'],
  synonyms: ['批准', '同意', '准了', '准啦', '批了'],
  sentences: [decisionFirstNamed('同意|批准|准假|准了|批了')],
  slash: ['approve'],
  audience: ['TUTOR', 'COUNTY_CONTACT'],
  parse: nameAndNote,
  args,
  async run(ctx, { name, note, whole }) {
    const result = await decideLeave(ctx.app, ctx.actor, ctx.binding, { name, note, whole }, true, ctx.at);
    await ctx.reply(result.kind === 'MAKEUP' ? 'makeup.approved' : 'leave.approved', { name: result.name, title: result.title });
  },
});

export const rejectLeaveCommand = defineCommand({
  id: 'rejectLeave',
  words: ['驳回请假', '不准假', '拒绝请假', '不批准请假', '不同意请假'],
  synonyms: ['驳回', '不同意', '不批准', '拒绝', '不准'],
  sentences: [decisionFirstNamed('驳回|不同意|不批准|不能批准|不能批|不批|不能准|不准')],
  slash: ['reject'],
  audience: ['TUTOR', 'COUNTY_CONTACT'],
  parse: nameAndNote,
  args,
  async run(ctx, { name, note, whole }) {
    const result = await decideLeave(ctx.app, ctx.actor, ctx.binding, { name, note, whole }, false, ctx.at);
    await ctx.reply(result.kind === 'MAKEUP' ? 'makeup.rejected' : 'leave.rejected', { name: result.name, title: result.title });
  },
});
