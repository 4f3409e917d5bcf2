// Requests written as sentences: the verb in the middle or at the end, the people, days and reasons
// around it. A command's sentence readers (declared in its own file) turn such a sentence into the
// argument text its grammar reads; these are the pieces they share.
import { toHalfWidth } from './normalize.ts';
import { isQuestion, toSimplified } from './understand.ts';

/**
 * What a sentence reader found: `lead` (names, days, marks: normalised words the command's grammar
 * reads first), then the free text (`rest` normalised, `verbatim` as the user wrote it). `weak`: the
 * reading is only a guess (a name-shaped word that may be no one), so it stays silent in a group when
 * the command cannot act on it.
 */
export interface SentenceReading {
  lead: string;
  rest: string;
  verbatim: string;
  weak?: boolean;
}

/** Reads a message (decoration and courtesy off; `raw` as sent) as a sentence for one command, or not. */
export type SentenceReader = (text: string, raw: string) => SentenceReading | null;

/** Someone other than the writer before the verb: 「他请假了」「谁请假」「有人补签」. */
export const OTHERS = /他|她|谁|有人|大家|别人|同学们|们/;

const SEPARATORS = /^[\s,.;:!?，。；：！？、]+|[\s,.;:!?，。；：！？、]+$/g;
const ASK_FRAME = /(?:能不能|可不可以|能否|可否|可以|能)(?:帮我|给我|让我)?(?:申请)?\s*$/;
const ASK_END = /^\s*(?:一下)?\s*(?:吗|么|嘛)?\s*$/;

/** The text with separators off both ends. */
export const trimmed = (text: string) => text.replace(SEPARATORS, '').trim();

/**
 * True when the sentence around a verb (`before`, `after`) is a question and not a request framed as
 * one: 「能补签吗」「可以请假吗」 by the writer about themselves ask for it; 「补签要找谁呢」 asks about it.
 */
export function askedNotRequested(raw: string, text: string, before: string, after: string): boolean {
  // 「可以请假吗」 alone asks whether one may: a request has something of its own (a reason, a day).
  if (ASK_FRAME.test(before) && withoutFrame(before) && ASK_END.test(after.replace(/[?？]/g, ''))) return false;
  return isQuestion(raw, text);
}

/** The words that frame a request around the verb (「能」「申请」「我想」), off the ends of a clause. */
export function withoutFrame(clause: string): string {
  return trimmed(
    trimmed(clause)
      .replace(/^(?:我|本人)(?:想|要|需要)?/, '')
      .replace(/(?:所以|因此|想|要|需要|申请|能不能|可不可以|能否|可否|可以|能|帮我|给我|让我|麻烦|请|得|只能|我)+$/, ''),
  );
}

/**
 * The part of `raw` that reads as `part` (a piece of the normalised text), with the user's own
 * punctuation; `part` itself when it cannot be found (decoration inside it).
 */
export function verbatimPart(raw: string, part: string): string {
  if (!part) return '';
  const folded = toSimplified(toHalfWidth(raw));
  const at = folded.indexOf(part);
  if (at < 0) return part;
  // The particle the normalised text left off its end (「网络断了」) is the user's.
  const particle = /^[了啦]+/.exec(folded.slice(at + part.length))?.[0].length ?? 0;
  return raw.slice(at, at + part.length + particle).trim();
}

/** Joins the clauses of a reason the way the user separated them (their verbatim text), empty ones dropped. */
export function reasonOf(raw: string, clauses: string[]): { rest: string; verbatim: string } {
  const kept = clauses.map(trimmed).filter(Boolean);
  return { rest: kept.join(' '), verbatim: kept.map((c) => verbatimPart(raw, c)).join('，') };
}

/** Asks how or why rather than for something: 「学时怎么算的」「作业交到哪里」「绑定要找谁」. */
export const ASKS_HOW = /怎么|怎样|如何|哪里|哪儿|在哪|为什么|为何|什么时候|啥时候|谁|多久|咋/;

/**
 * The user's own text after the first match of `trigger` in `raw` (their brackets, quotes and dots
 * kept, as class and project names carry them), its edges trimmed; null when the trigger is not there.
 */
export function rawAfter(raw: string, trigger: RegExp): string | null {
  const folded = toSimplified(toHalfWidth(raw));
  const m = trigger.exec(folded);
  if (!m) return null;
  return raw
    .slice(m.index + m[0].length)
    .replace(/^[\s:：,，、]+/, '')
    .replace(/(?:[\s。.!！~～]|\uFE0F|\u200D|\p{Extended_Pictographic})+$/u, '')
    .trim();
}

/** The clause of `text` (between separators) where `at` stands. */
export function clauseAt(text: string, at: number): string {
  const start = Math.max(...[...',，。;；!！?？\n'].map((c) => text.lastIndexOf(c, at - 1))) + 1;
  const ends = [...',，。;；!！?？\n'].map((c) => text.indexOf(c, at)).filter((i) => i >= 0);
  return text.slice(start, ends.length ? Math.min(...ends) : text.length).trim();
}

/** True when the clause holding the match of `word` asks about it (「核对名单了吗」) rather than asks for it. */
export function clauseAsked(text: string, raw: string, word: RegExp): boolean {
  const m = word.exec(text);
  if (!m) return false;
  const clause = clauseAt(text, m.index);
  return /(?:吗|么|呢|没|没有|不)$/.test(clause) || ASKS_HOW.test(clause) || (/[?？]/.test(raw) && !/[,，。;；!！]/.test(text));
}

const CLAUSE = /[\s,.;:!?，。；：！？、…]+/;
const WHEN = '(?:今天|今日|明天|这节课|本节课|下节课|这次|上午|下午|晚上)?(?:的)?';

/**
 * 「人都到齐了，结束签到吧」「这节课开动态口令，60秒换一次」: a command word heading a clause of its own
 * anywhere in the message (after a day or 「这节课」, with only 吧/了/一下 after it); the other clauses are
 * the argument text. A question never reads so.
 */
export function wordAsClause(words: readonly string[]): SentenceReader {
  const shape = new RegExp(`^${WHEN}(?:${words.join('|')})(?:吧|了|一下|啦|哈)*$`);
  return (text, raw) => {
    if (isQuestion(raw, text)) return null;
    const clauses = text.split(CLAUSE).filter(Boolean);
    const at = clauses.findIndex((c) => shape.test(c));
    if (at < 0 || clauses.length === 1) return null;
    const rest = clauses.filter((_, i) => i !== at).join(' ');
    return { lead: '', rest, verbatim: rest, weak: true };
  };
}
