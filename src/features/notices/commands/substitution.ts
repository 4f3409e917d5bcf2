import { z } from 'zod';
import { decideSubstitution, requestSubstitution } from '../substitutions.ts';
import { decisionArguments } from '../../../core/text/decision.ts';
import { ARROW, argumentTokens, withoutLabel } from '../../../core/text/grammar.ts';
import { toHalfWidth } from '../../../core/text/normalize.ts';
import { defineCommand } from '../../../app/command.ts';
import { readSubstitution, substitutionDecidedFirst } from '../sentences.ts';

const REASON_LABEL = /[\s,，、;；]*(?:更换|换人)?(?:原因|理由|因为|事由)\s*(?:是)?\s*[:：,，]?\s*/;
/** 「原学员：」「新参训教师：」: the labels of a form, before the names they introduce. */
const NAME_LABELS = /(?:原|新)(?:参训)?(?:学员|教师|老师|人员)\s*[:：]?|(?:替换为|换为|换成)\s*[:：]/g;
const PHONE = /(?:联系)?(?:手机号?码?|电话号?码?)?\s*[:：]?\s*1[\d\s-]{10,14}/;

/**
 * 「张三 李四 13800001234 外出学习」「张三→李四（13800001234），原因：生病」「张三换成李四 13800001234 原因张三生病」
 * 「申请换人 张三 改派 李四 13800001234 外出学习冲突」「换人 张三 李四 原因 …」「吴芳换钱磊，吴芳产假」: old name, new
 * name, the new teacher's mobile number wherever it stands (none when they are on the roster), and the
 * reason (labelled or whatever is left).
 */
function substitutionArguments(verbatim: string) {
  const labelled = REASON_LABEL.exec(verbatim);
  let head = toHalfWidth(labelled ? verbatim.slice(0, labelled.index) : verbatim).replace(NAME_LABELS, (label) => (/[换替]/.test(label) ? ' → ' : ' '));
  const phone = /1\d{10}/.exec(head.replace(/[\s-]/g, ''));
  if (phone) head = head.replace(PHONE, ' ');
  // 「吴芳换钱磊」: a bare 换 between two names.
  head = head.replace(/^(\s*[\u3400-\u9FFF·]{2,4})换(?![成为作])(?=[\u3400-\u9FFF·]{2,4}(?:$|[\s,，]))/, '$1 ');
  const [fromName, toName, ...more] = argumentTokens(head.replace(/[()（）[\]【】「」]/g, ' ').replace(ARROW, ' '));
  const reason = labelled ? verbatim.slice(labelled.index + labelled[0].length) : more.filter((t) => t !== fromName && t !== toName).join(' ');
  return { fromName, toName, toPhone: phone?.[0], reason: withoutLabel(reason, ['原因', '理由', '因为']).replace(/[。.!！]+$/, '') };
}

export const substitutionCommand = defineCommand({
  id: 'substitution',
  words: ['换人', '申请换人', '更换人员', '换人申请'],
  slash: ['substitute'],
  audience: ['SCHOOL_CONTACT', 'COUNTY_CONTACT'],
  quietWhenNotPermitted: true,
  // 「换人申请表发我一份」: the word glued to a sentence is talk about substitutions.
  startsSentences: true,
  sentences: [readSubstitution],
  parse: (_rest, _message, verbatim) => substitutionArguments(verbatim),
  args: z.object({
    fromName: z.string({ error: 'substitution.usage' }).min(1).max(40),
    toName: z.string({ error: 'substitution.usage' }).min(1).max(40),
    toPhone: z.string().min(1).optional(),
    reason: z.string().min(1, { error: 'substitution.reasonRequired' }).max(200, { error: 'leave.reasonTooLong' }),
  }),
  async run(ctx, args) {
    const result = await requestSubstitution(ctx.app, ctx.actor, args);
    await ctx.reply('substitution.requested', result);
  },
});

const decision = (approve: boolean) =>
  defineCommand({
    id: approve ? 'approveSubstitution' : 'rejectSubstitution',
    words: approve ? ['同意换人', '批准换人'] : ['驳回换人', '不同意换人', '拒绝换人'],
    // The county contact answers the prompt with its verbs, as for leave (see decide-leave.ts).
    synonyms: approve ? ['同意', '批准', '批了'] : ['驳回', '不同意', '拒绝'],
    slash: [approve ? 'approvesub' : 'rejectsub'],
    audience: ['COUNTY_CONTACT'],
    // A bare 批准 decides the one pending request; 「同意，尽快安排」 carries a remark and no name.
    sentences: [substitutionDecidedFirst(approve ? '同意|批准|批了|通过' : '驳回|不同意|不批准|拒绝|不行')],
    // 「批准梁静换郑海燕」: the new teacher after 换 says which request, the old one decides it.
    parse: (rest, message, verbatim) => decisionArguments(rest, verbatim, /(?:的)?换人(?:申请)?|(?<=[\u3400-\u9FFF])(?:换成|换为|→|换)[\u3400-\u9FFF·]{2,4}(?=$|[\s,，])/, message.text),
    args: z.object({ name: z.string().max(40).optional(), note: z.string().max(200).optional(), whole: z.string().max(240).optional() }),
    async run(ctx, typed) {
      const result = await decideSubstitution(ctx.app, ctx.actor, typed, approve);
      await ctx.reply(approve ? 'substitution.approved' : 'substitution.rejected', result);
    },
  });

export const approveSubstitutionCommand = decision(true);
export const rejectSubstitutionCommand = decision(false);
