// 换人 as school contacts write it (see core/text/sentence.ts): 「我们学校的梁静怀孕了医生让卧床，想换成同校的郑海燕，
// 电话 138 7745 2091」「石桥镇初中的宋晓东这次去不了，学校改派于海波，于老师电话…，原因是…」. The teacher replaced is
// whoever on the roster the words before the verb name (looked up when the request is filed); the new
// one is the name right after it; the reason is labelled, or what is said about the old teacher.
import { reasonOf, trimmed, verbatimPart, type SentenceReader } from '../../core/text/sentence.ts';
import { isQuestion } from '../../core/text/understand.ts';

const VERB = /换成|换为|改派|替换为|替换成|改换成?|换作/;
const NEW_NAME = /^\s*[:：]?\s*(?:同校的|本校的|我们学校的|学校的|同学科的)?(?<name>[\u3400-\u9FFF·]{2,4}?)(?=老师|[\s,，。;；(（吧]|电话|手机|\d|$)/;
const LABELLED = /(?:原因|理由|因为|事由)\s*(?:是)?\s*[:：]?\s*/;
const FRAME = /(?:想|要|就|准备|打算|拟|请|申请|学校|所以|现在)+$/;
/** Clauses about the request itself, not why: 「学校那边已经同意了」「黄丽在名单里」「于老师电话…」. */
const NOT_A_REASON = /名单|花名册|电话|手机|同意|\d{4}/;

/** 「原参训教师：林丽娟 新参训教师：谢婷婷 联系电话：… 更换原因：…」: the request's form, without its header. */
const FORM = /原(?:参训)?(?:学员|教师|老师|人员)\s*[:：]?\s*[\u3400-\u9FFF·]{2,5}[\s\S]*新(?:参训)?(?:学员|教师|老师|人员)\s*[:：]?\s*[\u3400-\u9FFF·]{2,5}/;

export const readSubstitution: SentenceReader = (text, raw) => {
  if (FORM.test(text) && !isQuestion(raw, text)) return { lead: '', rest: text, verbatim: raw.trim() };
  const verb = VERB.exec(text);
  if (!verb || isQuestion(raw, text)) return null;
  const to = NEW_NAME.exec(text.slice(verb.index + verb[0].length));
  if (!to?.groups) return null;
  const before = trimmed(trimmed(text.slice(0, verb.index)).replace(FRAME, ''));
  const from = before.replace(/[\s,，、;；:：]+/g, '');
  if (from.length < 2) return null;
  const phone = /1\d{10}/.exec(text.slice(verb.index).replace(/[\s-]/g, ''))?.[0] ?? '';
  const label = LABELLED.exec(text);
  const said = before.split(/[,，;；]+/).map((c) => c.replace(/^.*?的(?=[\u3400-\u9FFF]{2})/, '')).filter((c) => c.length > 4);
  const after = text.slice(verb.index + verb[0].length + to[0].length).split(/[,，;；。]+/).filter((c) => c.trim() && !NOT_A_REASON.test(c));
  const reason = label ? reasonOf(raw, [text.slice(label.index + label[0].length)]) : reasonOf(raw, [...said, ...after]);
  const lead = `${from} → ${to.groups.name} ${phone}`.trim();
  return reason.rest ? { lead, rest: `原因：${reason.rest}`, verbatim: `原因：${reason.verbatim || verbatimPart(raw, reason.rest)}`, weak: true } : null;
};

/** 「罗文斌那个换人同意」「何秀英的换人驳回，名额已经报到省里了」: the teacher first, the decision, a remark after it. */
export function substitutionDecidedFirst(verbs: string): SentenceReader {
  const shape = new RegExp(`^(?<name>[\\u3400-\\u9FFF·]{2,5}?)\\s*(?:那个|的)?\\s*换人(?:申请|的事)?\\s*(?<![不没])(?:${verbs})(?:了)?(?<remark>(?:[\\s,，;；。!！]+.*)?)$`);
  return (text, raw) => {
    const m = isQuestion(raw, text) ? null : shape.exec(text);
    return m?.groups ? { lead: m.groups.name!, ...reasonOf(raw, [m.groups.remark ?? '']) } : null;
  };
}
