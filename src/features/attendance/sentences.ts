// Attendance requests as people write them in sentences (see core/text/sentence.ts):
// 「我11月25日上午要去医院复查，请假半天」「刚才忘记签到了，能补签吗」「把王五的考勤改成迟到，他8点40才到」
// 「李四上午其实来了，就是忘了签」「赵敏改迟到，手机没电」「王五同意，祝孩子早日康复」.
import { askedNotRequested, OTHERS, reasonOf, trimmed, withoutFrame, type SentenceReader } from '../../core/text/sentence.ts';
import { deniedOrTroubled, isQuestion } from '../../core/text/understand.ts';
import { DAY_WORDS } from './session-lookup.ts';

const SESSION_WORDS = `(?:${DAY_WORDS}|第\\s*[\\d一二两三四五六七八九十]{1,3}\\s*(?:次课|节课|次|节)|上午|下午|晚上)`;
const SESSION_SPAN = new RegExp(SESSION_WORDS, 'g');
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
  if (OTHERS.test(before) || /(?:再|回头|以后|到时候|改天|的)\s*$/.test(before) || /^\s*(?:的|条|单|表|流程|制度|手续)/.test(after) || deniedOrTroubled(text, m[0])) return null;
  if (askedNotRequested(raw, text, before, after)) return null;
  return { before, after };
}

const LEAVE = /(?:要|想|需要)?请(?:个|一下|[半一二两三四五\d]天)?假(?:[半一二两三四五\d]天|一下)?/;

/** 「这周五我请假一天，家里有事」: the days named before the verb (or at the start after it), the rest the reason. */
export const readLeave: SentenceReader = (text, raw) => {
  const found = selfRequest(text, raw, LEAVE);
  if (!found) return null;
  const { spans, rest: before } = sessionSpans(found.before);
  return { lead: spans.join(''), ...reasonOf(raw, [withoutFrame(before.replace(/\s+/g, '')).replace(/^(?:因为|由于|要|得|需要)/, ''), found.after]) };
};

const MAKEUP = /补(?:个|一下)?签(?:到)?|补打卡|补(?:个)?卡/;

/** 「刚才忘记签到了，能补签吗」「手机没电了，没签上到，申请补签」: what was said around the verb is the reason. */
export const readMakeup: SentenceReader = (text, raw) => {
  const found = selfRequest(text, raw, MAKEUP);
  if (!found || !/^(?:一下|下)?(?:吧|吗|么|嘛)?(?:$|[\s,.;!?，。；！？、])/.test(found.after)) return null;
  const after = found.after.replace(/^(?:一下|下)?(?:吧|吗|么|嘛)?/, '');
  const { spans, rest: before } = sessionSpans(withoutFrame(found.before));
  return { lead: spans.join(''), ...reasonOf(raw, [withoutFrame(before), after]) };
};

const MARK_SHAPE = new RegExp(`^把?\\s*(?<names>${NAMES})\\s*(?:的考勤)?\\s*(?<session>${SESSION_WORDS}*)\\s*(?:改为|改成|改|算|记为|记)\\s*(?<mark>${MARKS})${REMARK}$`);
const FACT_SHAPE = new RegExp(
  `^(?<names>${NAMES})\\s*(?<session>${SESSION_WORDS}*)\\s*(?:其实|实际上|确实|当时|也|都)*\\s*(?:已经|是)?\\s*(?<fact>来了|到了|在的|在呢|来过|到过|在教室|在场|有来|迟到了)${REMARK}$`,
);

/**
 * 「张三改迟到，手机没电」 (the mark after the name) and 「李四上午其实来了，就是忘了签」 (a fact instead of
 * an order): names, session and mark in the correction's own grammar, what follows them the remark.
 */
export const readCorrection: SentenceReader = (text, raw) => {
  if (isQuestion(raw, text)) return null;
  const m = MARK_SHAPE.exec(text) ?? FACT_SHAPE.exec(text);
  if (!m?.groups) return null;
  const { names, session, mark, fact, remark } = m.groups;
  const status = mark ?? (fact === '迟到了' ? '迟到' : '出勤');
  const note = reasonOf(raw, [remark ?? '']);
  // 「上午其实来了」: a half-day alone is today's.
  const day = session && /^(?:上午|下午|晚上)$/.test(session) ? `今天${session}` : (session ?? '');
  return { lead: `${names} ${day} 改为 ${status}`, rest: note.rest ? `备注 ${note.rest}` : '', verbatim: note.verbatim ? `备注 ${note.verbatim}` : '', weak: true };
};

/** 「王五同意，祝孩子早日康复」「李四的补签批准了」: the name before the decision's verb, a remark after it. */
export function decisionFirstNamed(verbs: string): SentenceReader {
  const shape = new RegExp(`^(?<names>${NAME})\\s*(?:的)?(?:请假|补签|假)?(?:申请)?\\s*(?<![不没])(?:${verbs})(?:了)?${REMARK}$`);
  return (text, raw) => {
    const m = isQuestion(raw, text) ? null : shape.exec(text);
    if (!m?.groups) return null;
    return { lead: m.groups.names!, ...reasonOf(raw, [trimmed(m.groups.remark ?? '')]), weak: true };
  };
}
