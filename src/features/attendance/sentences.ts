// Attendance requests as people write them in sentences (see core/text/sentence.ts):
// 「我11月25日上午要去医院复查，请假半天」「刚才忘记签到了，能补签吗」「把王五的考勤改成迟到，他8点40才到」
// 「李四上午其实来了，就是忘了签」「赵敏改迟到，手机没电」「王五同意，祝孩子早日康复」.
import { askedNotRequested, OTHERS, reasonOf, trimmed, withoutFrame, type SentenceReader, type SentenceReading } from '../../core/text/sentence.ts';
import { deniedOrTroubled, isQuestion } from '../../core/text/understand.ts';
import { withoutCourtesy } from '../../core/text/grammar.ts';
import { DAY_WORDS } from './session-lookup.ts';

const SESSION_WORDS = `(?:${DAY_WORDS}|第\\s*[\\d一二两三四五六七八九十]{1,3}\\s*(?:次课|节课|次|节)|上午|下午|晚上|早上|早晨|全天|整天)`;
const SESSION_SPAN = new RegExp(SESSION_WORDS, 'g');
const SESSION_WORD = new RegExp(SESSION_WORDS);
/** Roster-shaped names, several joined by 、和跟及与 (the roster decides whether they are people). */
const NAME = '[\\u3400-\\u9FFF·]{2,5}?';
const NAMES = `${NAME}(?:\\s*[、,，和跟及与]\\s*${NAME})*`;
const MARKS = '出勤|到课|迟到|请假|缺勤|旷课|早退';
const REMARK = '(?:[\\s,，;；。!！]+(?<remark>.*))?';

/** The day, half-day and 第N次课 words in `text`, and what is left. */
function sessionSpans(text: string): { spans: string[]; rest: string } {
  const spans = text.match(SESSION_SPAN) ?? [];
  return { spans, rest: text.replace(SESSION_SPAN, ' ') };
}

/** The verb `word` in a sentence by the writer about themselves, not asked about, denied or a noun. */
function selfRequest(text: string, raw: string, word: RegExp): { before: string; after: string } | null {
  const m = word.exec(text);
  if (!m) return null;
  const before = text.slice(0, m.index);
  const after = text.slice(m.index + m[0].length);
  // 「到时候再请假吧」: put off, not asked for now; 「王五的请假」: a noun.
  if (OTHERS.test(before) || RELAYED.test(text) || /(?:再|回头|以后|到时候|改天|的)\s*$/.test(before) || /^\s*(?:的|条|单|表|流程|制度|手续)/.test(after) || deniedOrTroubled(text, m[0])) return null;
  // 「改成请假」「缺勤改请假」: the word as a correction's mark; 「陈静请假同意」「批准黄丽请假」: a decision on it.
  if (/(?:改成|改为|改|标成|标为|记为|记|算作|算)\s*$/.test(before) || DECIDED.test(before) || DECIDED.test(after.slice(0, 4))) return null;
  if (askedNotRequested(raw, text, before, after)) return null;
  return { before, after };
}

/** Passing on someone else's news (「她让我跟大家说一声」), or thanks for what was done (「谢谢王老师帮我补签」). */
const RELAYED = /[他她](?:让|叫|托|请)我|(?:谢谢|感谢|多谢).*帮我/;
const DECIDED = /同意|批准|准了|不批|不准|驳回/;

const LEAVE = /(?:要|想|需要)?请(?:个|一下|[半一二两三四五\d]天)?假(?:[半一二两三四五\d]天|一下)?/;

/** 「这周五我请假一天，家里有事」: the days named before the verb (or at the start after it), the rest the reason. */
export const readLeave: SentenceReader = (text, raw) => {
  const found = selfRequest(text, raw, LEAVE);
  if (!found) return null;
  // 「老师好\n我是…的黄丽\n17号上午家里有事需要请假」: greetings and introductions are no reason.
  const { spans, rest: before } = sessionSpans(withoutCourtesy(found.before));
  // 「申请请假一天（12月10日）」: the day just after the verb, in brackets or not.
  const next = new RegExp(`^[\\s(（【\\[]*((?:${SESSION_WORDS}\\s*)+)[)）】\\]]?`).exec(found.after);
  const after = (next ? found.after.slice(next[0].length) : found.after).replace(/^(?:吧|啊|呀)/, '');
  return { lead: [...spans, next?.[1] ?? ''].join(''), ...reasonOf(raw, [withoutFrame(before.replace(/\s+/g, '')).replace(/^(?:因为|由于|要|得|需要)/, ''), after]) };
};

const MAKEUP = /补(?:个|一下)?签(?:到)?|补打卡|补(?:个)?卡|(?<=(?:签到|打卡).*(?:漏|没签|忘).*)帮我补(?:一下|上)?/;

/** 「刚才忘记签到了，能补签吗」「手机没电了，没签上到，申请补签」: what was said around the verb is the reason. */
export const readMakeup: SentenceReader = (text, raw) => {
  const found = selfRequest(text, raw, MAKEUP);
  if (!found || !/^(?:一下|下)?(?:吧|吗|么|嘛)?(?:$|[\s,.;!?，。；！？、])/.test(found.after) || /(?:给|把|帮)(?!我)|帮我把/.test(found.before)) return null;
  const after = found.after.replace(/^(?:一下|下)?(?:吧|吗|么|嘛)?/, '');
  const { spans, rest: before } = sessionSpans(withoutFrame(found.before));
  return { lead: spans.join(''), ...reasonOf(raw, [withoutFrame(before), after]) };
};

const FACT_SHAPE = new RegExp(
  `^(?<names>${NAMES})\\s*(?<session>${SESSION_WORDS}*)\\s*(?:其实|实际上|实际|确实|当时|也|都)*\\s*(?:已经|是)?\\s*(?<fact>来了|到了|在的|在呢|来过|到过|在教室|在场|有来|一直在|迟到了)${REMARK}$`,
);
/** The order in a correction: 「改成请假」「缺勤改请假」「标成迟到」「记迟到」「算正常出勤」「补签上」. */
const ORDER = new RegExp(`(?:(?:${MARKS})(?:的|那个|那节)?)?\\s*(?:改成|改为|改|标成|标为|标记为|记为|记|算作|算为|算|更正为)\\s*(?:成)?\\s*(?:正常)?(?<mark>${MARKS}|正常)|(?<makeup>补签(?:上|一下)?|补个签)|(?<=\\s)(?<bare>${MARKS})$`);
/** Before the order: 「把」「给」「帮我把」, then names (several joined by 、和跟及与), days and half-days, 的考勤. */
const HEAD = new RegExp(`^(?:帮我|麻烦)?(?:把|给|将)?\\s*(?<names>${NAME}(?:\\s*[、,，和跟及与]\\s*${NAME})*)\\s*(?:[两三四五六七八九]位|都|的|考勤|签到记录|记录|那节|的课|\\s)*$`);
const FILLER = /的考勤|的签到记录|签到记录|考勤|那节|的课|[两三四五六七八九]位|都/g;
const CLAUSE_END = /[,.;!?，。；！？\n]/;

function markOf(word: string | undefined): string {
  return !word || word === '正常' ? '出勤' : word;
}

/** 「陈静今天上午的改成请假，她提前跟我说过」「给罗文斌、梁静补签一下，网络断了」「董丽萍、唐志刚 今天下午 旷课」. */
function readOrder(text: string, raw: string): SentenceReading | null {
  const m = ORDER.exec(text);
  if (!m?.groups) return null;
  const start = Math.max(...[...',.;!?，。；！？\n'].map((c) => text.lastIndexOf(c, m.index - 1))) + 1;
  const clause = text.slice(start, m.index);
  // 「申请补签」 is a trainee's request: 补签 as an order names whom (「给…」「把…」).
  if (m.groups.makeup && !/^\s*(?:帮我|麻烦)?(?:把|给)/.test(clause)) return null;
  const { spans, rest } = sessionSpans(clause.replace(FILLER, ' '));
  const head = HEAD.exec(rest.replace(/\s+/g, ' ').trim().replace(/^的\s*/, ''));
  const names = head?.groups?.names?.replace(/\s+/g, '');
  if (!names || /我|你|他|她|们/.test(names) || spans.some((w) => names.includes(w))) return null;
  const status = m.groups.makeup ? '出勤' : markOf(m.groups.mark ?? m.groups.bare);
  const after = text.slice(m.index + m[0].length).replace(/^(?:吧|了|一下|上|下)+/, '');
  const note = reasonOf(raw, [CLAUSE_END.test(after[0] ?? '') || /^\s/.test(after) ? after : '']);
  const session = spans.join('');
  const day = /^(?:上午|下午|晚上)$/.test(session) ? `今天${session}` : session;
  return { lead: `${names.split(/[和跟及与]/).join('、')} ${day} 改为 ${status}`, rest: note.rest ? `备注 ${note.rest}` : '', verbatim: note.verbatim ? `备注 ${note.verbatim}` : '', weak: true };
}

/**
 * 「张三改迟到，手机没电」 (the mark after the name) and 「李四上午其实来了，就是忘了签」 (a fact instead of
 * an order): names, session and mark in the correction's own grammar, what follows them the remark.
 */
export const readCorrection: SentenceReader = (text, raw) => {
  if (isQuestion(raw, text)) return null;
  const fact = FACT_SHAPE.exec(text);
  if (!fact?.groups) return readOrder(text, raw);
  const { names, session, fact: said, remark } = fact.groups;
  if (/我|你|他|她|们/.test(names!) || SESSION_WORD.test(names!)) return null;
  const note = reasonOf(raw, [remark ?? '']);
  // 「上午其实来了」: a half-day alone is today's.
  const day = session && /^(?:上午|下午|晚上)$/.test(session) ? `今天${session}` : (session ?? '');
  return { lead: `${names} ${day} 改为 ${said === '迟到了' ? '迟到' : '出勤'}`, rest: note.rest ? `备注 ${note.rest}` : '', verbatim: note.verbatim ? `备注 ${note.verbatim}` : '', weak: true };
};

/**
 * 「王五同意，祝孩子早日康复」「李四的补签批准了」「补签的同意了，下次记得准时签」「这个假不能准」: the name (or
 * the request) before the decision's verb, a remark after it; 「可以，批准黄丽请假」「行，同意。」: the verb
 * after a word of assent, read as if it came first.
 */
export function decisionFirstNamed(verbs: string): SentenceReader {
  const request = '(?:这个|这次|这)?(?:请假|补签|假)(?:申请)?';
  const shape = new RegExp(`^(?:(?:${request})(?:的)?|(?<names>${NAME})\\s*(?:的)?(?:${request})?)\\s*(?:都)?(?<![不没])(?:${verbs})(?:了)?${REMARK}$`);
  const assent = new RegExp(`^(?:可以|行|好的?|嗯|ok|没问题)[\\s,，。]+(?:${verbs})(?:了)?(?<rest>(?:$|[\\s,，。]|[\\u3400-\\u9FFF]).*)$`, 'i');
  return (text, raw) => {
    if (isQuestion(raw, text)) return null;
    const first = assent.exec(text);
    if (first?.groups) return { lead: '', ...reasonOf(raw, [trimmed(first.groups.rest ?? '')]) };
    const m = shape.exec(text);
    if (!m?.groups) return null;
    return { lead: m.groups.names ?? '', ...reasonOf(raw, [trimmed(m.groups.remark ?? '')]), weak: true };
  };
}

const CHECKIN_VERB = /签个到|打个卡|签到打卡|已签到|已打卡|签到|打卡|报到|已签(?!字|名|约|收|过)/;
/** Clauses set apart by punctuation, spaces or line breaks, a clause said twice (「到了到了」) once. */
const clausesOf = (text: string) => text.split(/[\s,.;:!?，。；：！？、…]+/).filter(Boolean).map((c) => c.replace(/^(.{1,4}?)\1+$/u, '$1'));
/** Arriving, said without the verb: 「到了」「人到了」「我已经到了」 as a clause of its own. */
const ARRIVED = /^(?:人|我|本人)?(?:已经|也)?(?:到了|到啦|到喽|到|已到|来了)$/;
/** A story rather than a check-in: 「准时到了，结果专家还没来」「显示已签到，但名单里没有我」. */
const CONTRAST = /结果|但是|但|可是|不过|却|显示|看回放/;
/** Someone else checked in, for someone, later, or the check-in spoken of: never this writer's check-in now. */
const NOT_NOW = /他|她|你|谁|有人|大家|别人|们|帮|替|代|给|结束|关闭|开启|打开|明早|明天|昨天|前天|等下|等会|待会|一会|再|提醒|记得|要求|通知|开始|之前|以后|的时候|时$/;
/** 补签, leave or a correction: another request, even when 签到 is in it (「忘了点签到，申请补签」). */
const OTHER_REQUEST = /补签|补个签|补卡|补打卡|请假|请个假|忘|漏|没签|改成|改为/;
const REPEATED_VERB = /(签到|打卡)(?:[\s,，、!！]*\1)+/g;
const AFTER_VERB = /^(?:一下|了|啦|哈|啊|呀|咯|喽|哦|下)*(?:$|[\s,.;:!?，。；：！？、…]|(?<=一下)[\u3400-\u9FFF])/;

/**
 * 「老师早，签个到」「我已经到报告厅了，签到」「口令9527 签到」「人到了，在后门这边」「下午签到」: the
 * writer checking in now, the verb (or an arrival clause) anywhere and the rest their remark — never
 * a question, someone else, later, a story with a 「但」, or the word as a noun (「签到表」「签到的时候」).
 */
export const readCheckin: SentenceReader = (said, raw) => {
  if (isQuestion(raw, said) || CONTRAST.test(said) || OTHER_REQUEST.test(said)) return null;
  const text = said.replace(REPEATED_VERB, '$1');
  const m = CHECKIN_VERB.exec(text);
  if (!m) return clausesOf(text).some((c) => ARRIVED.test(c)) && !NOT_NOW.test(text) ? { lead: '', rest: '', verbatim: '', weak: true } : null;
  const clauseStart = Math.max(...[...' ,.;:!?，。；：！？、…\n'].map((s) => text.lastIndexOf(s, m.index - 1))) + 1;
  const before = text.slice(clauseStart, m.index);
  const after = text.slice(m.index + m[0].length);
  if (NOT_NOW.test(before) || !AFTER_VERB.test(after) || deniedOrTroubled(text, m[0])) return null;
  // 「口令9527 签到」「签到 口令9527」: a code named as such anywhere is the code.
  const code = /(?:口令|签到码|密码)\s*[:：]?\s*([A-Za-z0-9]{2,12})(?![A-Za-z0-9])/.exec(text)?.[1];
  return { lead: code ?? '', rest: '', verbatim: '', weak: true };
};

/** A message that is nothing but a code (「6629」): a check-in only where the open session asks for one. */
export const readBareCode: SentenceReader = (text) => (/^[A-Za-z]{0,2}\d{4,8}$/.test(text) ? { lead: text, rest: '', verbatim: '', weak: true } : null);
