import { normalizeCommandText } from '../core/text/normalize.ts';
import { decorationless, deniedOrTroubled, hasHan, isQuestion, oneEditApart, onlyCourtesy, PARTICLE, verbatimOf, withoutCourtesy, withoutRepeats } from '../core/text/understand.ts';
import type { Command } from '../app/command.ts';

export interface RouteMatch {
  command: Command<any>;
  rest: string;
  viaSlash: boolean;
}

/** Finds the command a normalised text invokes; Chinese words first, then /slash commands. */
export function matchCommand(commands: readonly Command<any>[], text: string, botUsername?: string): RouteMatch | null {
  if (text.startsWith('/')) {
    const m = /^\/([A-Za-z_]+)(?:@(\S+))?(?:\s+([\s\S]*))?$/.exec(text);
    if (!m) return null;
    const [, name, target, rest] = m;
    if (target && botUsername && target.toLowerCase() !== botUsername.toLowerCase()) return null;
    const command = commands.find((c) => c.slash.includes(name!.toLowerCase()));
    return command ? { command, rest: (rest ?? '').trim(), viaSlash: true } : null;
  }
  let best: RouteMatch | null = null;
  let bestLength = 0;
  for (const command of commands) {
    if (command.exactWords?.includes(text)) return { command, rest: '', viaSlash: false };
    for (const word of command.words) {
      if (word.length > bestLength && text.startsWith(word)) {
        best = { command, rest: text.slice(word.length).trim(), viaSlash: false };
        bestLength = word.length;
      }
    }
  }
  return best;
}

/** True for text containing Chinese characters: group chatter that merely starts with a command word. */
export function hasChinese(text: string): boolean {
  return /[\u3400-\u9FFF]/.test(text);
}

/** What a message means to the bot, decided before anyone is looked up. */
export type Understanding =
  /** A command; `candidates` are tried in order (several only for a shared synonym, `weak`). */
  /** `glued`: the argument follows the word without a space (「签到情况大家看一下」), as in a sentence. */
  | { kind: 'command'; candidates: Command<any>[]; rest: string; verbatim: string; weak: boolean; glued: boolean; viaSlash: boolean; named: boolean; text: string }
  /** A question or complaint about a command (or about the bot, `command` null). */
  | { kind: 'question'; command: Command<any> | null; named: boolean; text: string }
  /** Nearly a command word: the sender probably meant it. */
  | { kind: 'hint'; command: Command<any>; named: boolean; text: string }
  /** A slash command for another bot (`/x@otherbot`). */
  | { kind: 'elsewhere'; named: false; text: string }
  | { kind: 'none'; named: boolean; text: string };

export interface Names {
  /** The bot's names (configured name, platform username) and the names @mentioned, removed from the text. */
  botNames: readonly string[];
  /** The bot's own names: a `/x@name` for any other name is for another bot. */
  ownNames: readonly string[];
  /** The sender's name, which people write before or after a word (「张三 到」). */
  senderName?: string;
}

const SEPARATOR = /^[\s,.;:!?，。；：！？、]/;
const QUESTION_WORD = /谁|什么|哪|怎么/;
const ONLY_QUESTION = /^(?:吗|么|呢|嘛|没|没有|不|否)$/;

/** 1 for a command everyone may use: where two share a word, the one for a narrower role is tried first. */
const broad = (c: Command<any>) => (c.audience.some((a) => a === 'TRAINEE' || a === 'ANYONE') ? 1 : 0);

function wordsOf(command: Command<any>): { word: string; weak: boolean }[] {
  return [...command.words.map((word) => ({ word, weak: false })), ...(command.synonyms ?? []).map((word) => ({ word, weak: true }))];
}

/** The command word anywhere in the text, longest first: what a question or complaint is about. */
function commandMentioned(commands: readonly Command<any>[], text: string): Command<any> | null {
  let best: Command<any> | null = null;
  let length = 0;
  for (const command of commands) {
    for (const { word } of wordsOf(command)) if (word.length > length && word.length > 1 && text.includes(word)) [best, length] = [command, word.length];
    for (const word of command.exactWords ?? []) if (word.length > length && word.length > 1 && text.includes(word)) [best, length] = [command, word.length];
  }
  return best;
}

/**
 * Understands a message: the command it invokes with its argument text (decoration, courtesy and the
 * bot's name off), or that it is a question or complaint about one, nearly one, or chatter. A
 * question, a denial (「没收到」) or trouble (「签到不了」) never performs the command it mentions.
 */
export function understand(commands: readonly Command<any>[], raw: string, names: Names): Understanding {
  const target = /^\/[A-Za-z_]+@([^\s@]+)/.exec(normalizeCommandText(raw, []));
  if (target && !names.ownNames.some((n) => n && n.toLowerCase() === target[1]!.toLowerCase())) return { kind: 'elsewhere', named: false, text: raw };
  const { text, named } = decorationless(raw, names.botNames, names.ownNames);
  const own = names.senderName ? [names.senderName] : [];
  const command = (candidates: Command<any>[], rest: string, o: { weak?: boolean; glued?: boolean; viaSlash?: boolean; verbatim?: string } = {}): Understanding => ({
    kind: 'command',
    candidates,
    rest,
    verbatim: o.verbatim ?? verbatimOf(raw, names.botNames, names.ownNames, rest),
    weak: o.weak ?? false,
    glued: o.glued ?? false,
    viaSlash: o.viaSlash ?? false,
    named,
    text,
  });
  const slashed = [text, withoutCourtesy(text, own, { trailing: false })].find((t) => t.startsWith('/'));
  if (slashed) {
    const m = matchCommand(commands, slashed.replace(/^(\/[A-Za-z_]+(?:@\S+)?)[^A-Za-z_@\s].*$/, '$1'));
    return m ? command([m.command], m.rest, { viaSlash: true }) : { kind: 'none', named, text };
  }
  if (!text) return { kind: 'none', named, text };
  const plain = withoutRepeats(text);
  const lead = withoutRepeats(withoutCourtesy(plain, own, { trailing: false }));
  const polite = withoutRepeats(withoutCourtesy(plain, own));
  /** The commands' sentence readers (the verb in the middle or at the end), tried once no word starts the message. */
  const sentence = (): Understanding | null => readAsSentence(commands, [polite, plain], raw);

  for (const variant of [plain, polite]) {
    for (const c of commands) {
      for (const phrase of c.phrases ?? []) {
        const m = phrase.exec(variant);
        // A sentence shape, not a command word: from someone who may not use it, unaddressed, it is chatter
        // (a trainee passing on 「明天下午不上课了」).
        if (m) return command([c], (m.groups?.rest ?? '').trim(), { glued: true });
      }
    }
  }
  const question = isQuestion(raw, text);
  for (const variant of [plain, polite, polite.replace(/\s+/g, '')]) {
    // 「确认」 confirms a broadcast draft for a tutor and a notice for a trainee: both are tried.
    const exact = commands.filter((c) => c.exactWords?.includes(variant)).sort((a, b) => broad(a) - broad(b));
    if (exact.length) return question ? { kind: 'question', command: exact[0]!, named, text } : command(exact, '');
  }
  // 「签 到」「关闭 动态口令」: a short message typed with a space inside the word (the spaces not counted).
  const closed = lead.replace(/\s+/g, '');
  for (const variant of [plain, lead, ...(closed.length <= 6 ? [closed] : [])]) {
    let length = 0;
    let found: { command: Command<any>; weak: boolean; rest: string }[] = [];
    for (const c of commands) {
      for (const { word, weak } of wordsOf(c)) {
        if (!variant.startsWith(word) || word.length < length) continue;
        const entry = { command: c, weak, rest: variant.slice(word.length) };
        // A longer word wins; at the same length a word beats a synonym, and synonyms are collected.
        if (word.length > length || (!weak && found.every((f) => f.weak))) found = [entry];
        else if (weak === found[0]!.weak && !found.some((f) => f.command === c)) found.push(entry);
        length = word.length;
      }
    }
    const first = found[0];
    if (!first) continue;
    const word = variant.slice(0, length);
    const candidates = found.map((f) => f.command);
    if (deniedOrTroubled(text, word)) return { kind: 'question', command: first.command, named, text };
    let rest = first.rest.replace(new RegExp(`${PARTICLE.source}(?=$|[\\s,.;:!?，。；：！？、A-Za-z0-9])`), '');
    const separated = !rest || SEPARATOR.test(rest) || !hasHan(rest[0]!);
    rest = rest.replace(/^[\s,.;:!?，。；：！？、]+/, '').trim();
    // 「请假的事回头再说」「签到的时候」: the word as a noun in a sentence.
    if (!separated && rest.startsWith('的')) return question ? { kind: 'question', command: first.command, named, text } : (sentence() ?? { kind: 'none', named, text });
    // A word that is itself a question (「谁没签到」) is asked by its question mark too.
    const asked = isQuestion(QUESTION_WORD.test(word) ? '' : raw, text.split(word).join(' '));
    if (ONLY_QUESTION.test(withoutCourtesy(rest)) || (asked && (!separated || first.command.startsSentences || !rest))) {
      // 「我的学时多少了？县级以上的够180没有」: a question its own command's sentence reader takes for the request is one.
      return readAsSentence([first.command], [polite, plain], raw) ?? { kind: 'question', command: first.command, named, text };
    }
    // 「签到签到 手机刚充上电」「签到一下我已经在会场了」: glued to more words it is a sentence, read as one.
    if (first.command.startsSentences && !separated) return onlyCourtesy(rest, own) ? command(candidates, '', { weak: first.weak }) : (sentence() ?? { kind: 'none', named, text });
    return command(candidates, onlyCourtesy(rest, first.command.startsSentences ? own : []) ? '' : rest, { weak: first.weak, glued: !separated });
  }
  /** The first of `among`'s sentence readers that reads the message, as that command. */
  function readAsSentence(among: readonly Command<any>[], variants: string[], raw: string): Understanding | null {
    for (const variant of new Set(variants)) {
      for (const c of among) {
        for (const read of c.sentences ?? []) {
          const r = read(variant, raw);
          if (!r) continue;
          const lead = r.lead.replace(/\s+/g, ' ').trim();
          const join = (a: string, b: string) => [a, b].filter(Boolean).join(' ');
          return command([c], join(lead, r.rest), { weak: r.weak, glued: true, verbatim: join(lead, r.verbatim) });
        }
      }
    }
    return null;
  }
  const read = sentence();
  if (read) return read;
  const about = commandMentioned(commands, text);
  if (about && (question || commands.some((c) => wordsOf(c).some(({ word }) => word.length > 1 && deniedOrTroubled(text, word))))) return { kind: 'question', command: about, named, text };
  if (question && named) return { kind: 'question', command: null, named, text };
  const compact = polite.replace(/\s+/g, '');
  if (compact.length <= 4) {
    for (const c of commands) for (const { word } of wordsOf(c)) if (word.length >= 2 && hasHan(word) && oneEditApart(compact, word) && !compact.includes(word)) return { kind: 'hint', command: c, named, text };
  }
  return { kind: 'none', named, text };
}
