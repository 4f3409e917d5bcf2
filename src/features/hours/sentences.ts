// Hours requests as people write them (see core/text/sentence.ts): 「我这学期学时够了没有」「查下黄丽的学时」
// 「把韦丽萍的学时认定了」「于海波的学时不予认定，作业抄袭」「给司马俊登记8个学时，个人自修，读书笔记两篇」.
import { ASKS_HOW, clauseAsked, reasonOf, trimmed, type SentenceReader } from '../../core/text/sentence.ts';
import { deniedOrTroubled } from '../../core/text/understand.ts';

/**
 * Words of the other hours commands, of statements about an amount (「每节3学时」) and of the class's
 * figures (「把本班考勤和学时统计一下」 is 统计), not a request to see one person's hours.
 */
const NOT_ASKING = /认定|登记|补录|录入|导出|要求|每节|每篇|每次|每半天|排课|课表|学时\s*\d|\d\s*个?学时|扣|算不算|不算|考勤|出勤|本班|全班/;
const ASKING = /查|看|多少|够|满|几|情况|达标|差|统计|记录/;
/** Cues before a name: verbs, 把, and who they belong to (「我们学校冯雪」). */
const BEFORE_NAME = /^.*(?:查询|查看|查|看看|看|一下|下|把|给|帮|学校|班里|班上|本班|校|的)/;
/** 「五年周期的学时」「县级以上的学时」: the hours of a period or level, not of a person. */
const TIME_OR_LEVEL = /学期|周期|年度|今年|本年|去年|本周|这周|本月|全部|所有|累计|以上|[国省市县校]级|总/;
const PRONOUN = /^(?:我|你|他|她|自己|本人|大家|我们|咱们)$/;

/** The name before 「的学时」 (「查下黄丽的学时」→ 黄丽), '' for the writer's own, null when none reads like a name. */
function ownerOf(text: string): string | null {
  const at = text.indexOf('的学时');
  if (at < 0) return '';
  const owner = text.slice(0, at).replace(BEFORE_NAME, '').trim();
  if (!owner || PRONOUN.test(owner) || TIME_OR_LEVEL.test(owner)) return '';
  return /^[\u3400-\u9FFF·]{2,5}$/.test(owner) ? owner : null;
}

/**
 * 「我这学期学时够了没有」「@研修助手 我现在一共多少学时了」「看一下陈静的学时情况」: a question about one's own
 * hours (or someone's, named before 的学时) is the request; one about how hours work (「学时怎么算的」) is not.
 */
export const readHours: SentenceReader = (text) => {
  if (!/学时/.test(text) || NOT_ASKING.test(text) || ASKS_HOW.test(text) || !ASKING.test(text) || deniedOrTroubled(text, '学时') || deniedOrTroubled(text, '查')) return null;
  const owner = ownerOf(text);
  if (owner === null) return null;
  if (owner) return { lead: owner, rest: '', verbatim: '' };
  // Someone's own hours: 「我」 in the sentence, or the verb right before 学时 (「麻烦查下学时」).
  return /我|自己|本人/.test(text) || /(?:查|看)(?:一下|下|看)?学时/.test(text) ? { lead: '', rest: '', verbatim: '' } : null;
};

const ACCREDIT = /(?<![不没未])(?:认定|确认)(?:一下|了|掉)?/;
const REFUSE = /(?:不予|不能|不给|不|没法)认定/;

/** 「本班学时统一认定一下」「把韦丽萍的学时认定了」: everyone's pending hours, or the named trainee's. */
export const readAccredit: SentenceReader = (text, raw) => {
  if (!/学时/.test(text) || !ACCREDIT.test(text) || REFUSE.test(text) || clauseAsked(text, raw, ACCREDIT)) return null;
  const owner = ownerOf(text);
  if (owner === null) return null;
  return { lead: owner, rest: '', verbatim: '' };
};

/** 「于海波的学时不予认定，作业抄袭」: the trainee before 的学时, the reason after the verb. */
export const readRejectHours: SentenceReader = (text, raw) => {
  const m = REFUSE.exec(text);
  if (!m || !/学时/.test(text) || clauseAsked(text, raw, REFUSE)) return null;
  const owner = ownerOf(text.slice(0, m.index));
  if (!owner) return null;
  return { lead: owner, ...reasonOf(raw, [text.slice(m.index + m[0].length).replace(/^[了的]/, '')]) };
};

const RECORD = /^(?:给|为|帮)?(?<name>[\u3400-\u9FFF·]{2,5}?)\s*(?:登记|补录|录入|记上?|加上?)\s*(?<hours>\d+(?:\.\d+)?)\s*个?学时/;

/** 「给司马俊登记8个学时，个人自修，读书笔记两篇」: name, hours, then the category and a note. */
export const readRecordHours: SentenceReader = (text, raw) => {
  const m = RECORD.exec(text);
  if (!m?.groups || clauseAsked(text, raw, /学时/)) return null;
  const [category = '', ...note] = trimmed(text.slice(m[0].length)).split(/[\s,，;；。]+/).filter(Boolean);
  if (!category) return null;
  return { lead: `${m.groups.name} ${m.groups.hours} ${category}`, ...reasonOf(raw, note) };
};
