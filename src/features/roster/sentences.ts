// Roster requests as people write them (see core/text/sentence.ts): 「我是城关二小的陈静，手机尾号0917」
// 「帮 @孙丽 绑定一下 孙丽 4421，她说不会弄」「本群绑定到“国培计划（2026）”——…」「帮我新建一个班：…」
// 「核对一下群成员」. Class and school names are taken from the user's own text, brackets and quotes kept.
import { clauseAsked, rawAfter, trimmed, type SentenceReader } from '../../core/text/sentence.ts';
import { deniedOrTroubled, isQuestion } from '../../core/text/understand.ts';

const DIGITS = /(?<!\d)(?:1\d{10}|\d{4})(?!\d)/;
const DIGIT_LABEL = /(?:手机号?码?|电话号?码?)?(?:的)?(?:尾号|后四位|后4位|号码)?\s*(?:是|为)?\s*[:：]?\s*$/;
const SELF = /^(?:我是|我叫|本人是?|本人叫|姓名\s*[:：]?)/;
const SCHOOLISH = /(?:小学|中学|学校|初中|高中|中心校|幼儿园|[小中]|校|学院)$/;

/**
 * 「我是城关二小的陈静，手机尾号0917」「姓名：朱红梅 手机后4位：6690 绑定」「老师 我要绑定 郭建华 8816」: the name
 * just before the phone's digits (a school before 的 or after the digits), the rest of the sentence dropped.
 */
export const readBind: SentenceReader = (text, raw) => {
  const bindWord = /绑定/.test(text);
  if (!bindWord && !(/我是|我叫|本人|姓名/.test(text) && /尾号|后四位|后4位|手机/.test(text))) return null;
  if (isQuestion(raw, text) || deniedOrTroubled(text, '绑定')) return null;
  const digits = DIGITS.exec(text);
  if (!digits) return null;
  const before = text.slice(0, digits.index).replace(DIGIT_LABEL, '');
  const token = (trimmed(before).split(/[\s,，、;；:：]+/).pop() ?? '').replace(/^.*绑定(?:一下|身份|账号)?/, '').replace(SELF, '');
  // 「城关二小的陈静」: the school before the last 的.
  const of = token.lastIndexOf('的');
  const [school, name] = of > 0 ? [token.slice(0, of), token.slice(of + 1)] : [undefined, token];
  if (!name || !/^[\u3400-\u9FFF·]{2,5}$/.test(name)) return null;
  const after = trimmed(text.slice(digits.index + digits[0].length)).split(/[\s,，、;；。]+/)[0] ?? '';
  const where = school || (SCHOOLISH.test(after) ? after : '');
  return { lead: [name, digits[0], where].filter(Boolean).join(' '), rest: '', verbatim: '', weak: !bindWord };
};

const GROUP = '(?:这个群|本群|此群|该群|这群|群里|群)\\s*(?:就|要|请)?\\s*绑定(?:一下)?(?:到|为|至|成|给)?\\s*';

/** 「本群绑定到“国培计划（2026）”——…」「这个群绑定班级 …」: the class as the user typed it. */
export const readBindGroup: SentenceReader = (text, raw) => {
  if (!new RegExp(`^${GROUP}(?!学校)`).test(text) || isQuestion(raw, text)) return null;
  const verbatim = rawAfter(raw, new RegExp(`${GROUP}(?:班级)?\\s*[:：]?`));
  const rest = text.replace(new RegExp(`^${GROUP}(?:班级)?`), '').trim();
  return verbatim && rest ? { lead: '', rest, verbatim } : null;
};

/** 「本群绑定学校：桃源镇中心小学」. */
export const readBindSchoolGroup: SentenceReader = (text, raw) => {
  if (!new RegExp(`^${GROUP}学校`).test(text) || isQuestion(raw, text)) return null;
  const rest = text.replace(new RegExp(`^${GROUP}学校\\s*[:：]?`), '').trim();
  return { lead: '', rest, verbatim: rawAfter(raw, new RegExp(`${GROUP}学校\\s*[:：]?`)) ?? rest };
};

const NEW_CLASS = /(?:新建|创建|新开|建)(?:一个|个)?(?:新的?)?班(?:级)?\s*[:：]?\s*/;

/** 「帮我新建一个班：2026年省级幼儿园园长任职资格培训班（第二期）」: the name as typed after the verb. */
export const readCreateClass: SentenceReader = (text, raw) => {
  const m = NEW_CLASS.exec(text);
  if (!m || isQuestion(raw, text) || !/^(?:帮我|请|麻烦)?\s*(?:帮忙)?\s*$/.test(text.slice(0, m.index))) return null;
  const verbatim = rawAfter(raw, NEW_CLASS);
  const rest = text.slice(m.index + m[0].length).trim();
  return verbatim && rest.length >= 4 ? { lead: '', rest, verbatim } : null;
};

const CHECK_ROSTER = /核对(?:一下|下)?(?:群成员|群里的?人|名单|花名册|人员|群)/;

/** 「@研修助手 核对一下群成员，看看谁还没进群」「帮我核对名单」: asked for anywhere in the message. */
export const readRosterCheck: SentenceReader = (text, raw) =>
  CHECK_ROSTER.test(text) && !clauseAsked(text, raw, CHECK_ROSTER) && !deniedOrTroubled(text, '核对') ? { lead: '', rest: '', verbatim: '' } : null;
