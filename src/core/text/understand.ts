// How people decorate a chat message around what they mean: brackets, emoji, tildes, repeated
// punctuation, the bot's name, particles and politeness. These helpers take that decoration off so
// the router sees the words; what a command's arguments look like lives with each command.
import { normalizeCommandText, repairUtf16, toHalfWidth } from './normalize.ts';

// Traditional forms that turn up in our users' messages now and then (a Taiwanese or Cantonese input
// method, a copied notice); one character to one character, so positions do not move.
const TRADITIONAL = '簽請學時綁認換準駁確幫號後個數們嗎麼沒還點說開課這為於從來給經讓應該發燒醫裡裏誰問題詢識師謝長輔導員參會議聽講孫錢趙張劉陳楊黃吳鄭馬歐陽親東車機電話碼與個兒頭際麗華國歲實驗區縣鎮職稱單級計劃劃標準備資審核頁條歡將專業師範業績記錄獲證書覽課時達標異創結統評價補錄過對單設權啟動態關閉';
const SIMPLIFIED = '签请学时绑认换准驳确帮号后个数们吗么没还点说开课这为于从来给经让应该发烧医里里谁问题询识师谢长辅导员参会议听讲孙钱赵张刘陈杨黄吴郑马欧阳亲东车机电话码与个儿头际丽华国岁实验区县镇职称单级计划划标准备资审核页条欢将专业师范业绩记录获证书览课时达标异创结统评价补录过对单设权启动态关闭';
const TO_SIMPLIFIED = new Map([...TRADITIONAL].map((c, i) => [c, [...SIMPLIFIED][i]!]));

/** Replaces the traditional characters our users type now and then with their simplified forms (same length). */
export function toSimplified(text: string): string {
  return text.replace(/[\u3400-\u9FFF]/g, (c) => TO_SIMPLIFIED.get(c) ?? c);
}

const EMOJI = /\p{Extended_Pictographic}|[\u{1F1E6}-\u{1F1FF}]|[\u{1F3FB}-\u{1F3FF}]|\uFE0E|\uFE0F|\u20E3|\u200D/gu;
const BRACKETS = /[[\]［］()（）{}｛｝「」『』〔〕《》【】〈〉〖〗]/g;
const TILDES = /[~～〜∼]+/g;
const EDGE_PUNCT = /^[\s,.;:!?，。；：！？、…·'"“”‘’`*#+\-=_|\\]+|[\s,.;:!?，。；：！？、…·'"“”‘’`*#=_|/\\]+$/g;

/**
 * A message's text for matching: normalised (see normalize.ts), traditional characters simplified,
 * @mentions of `botNames` removed, and the bot's own names wherever they stand (with or without @); emoji, brackets and tildes turned
 * into spaces, a trailing 「+1」 and repeated punctuation dropped. `named` says whether the bot's name
 * was written in the text (a message that names the bot is addressed to it).
 */
export function decorationless(text: string, botNames: readonly string[], ownNames: readonly string[] = botNames): { text: string; named: boolean } {
  let out = toSimplified(normalizeCommandText(text, botNames));
  let named = false;
  for (const name of ownNames) {
    if (name && out.includes(name)) {
      named = true;
      out = out.split(name).join(' ');
    }
  }
  out = out
    .replace(EMOJI, ' ')
    .replace(BRACKETS, ' ')
    // 「8:30~11:30」: a tilde between numbers is a range, anywhere else decoration.
    .replace(/(\d)\s*[~～〜∼]+\s*(?=\d)/g, '$1-')
    .replace(TILDES, ' ')
    .replace(/\s*\+\s*1\s*$/, '')
    .replace(/([!?！？。.,，])\1+/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
  return { text: out.replace(EDGE_PUNCT, '').trim(), named };
}

/**
 * The part of the original message that reads as `rest` once decoration is off, as the user wrote it
 * (their full-width punctuation and emoji kept, trailing decoration trimmed); `rest` itself when none does.
 */
export function verbatimOf(text: string, botNames: readonly string[], ownNames: readonly string[], rest: string): string {
  if (!rest) return '';
  let light = repairUtf16(text).replace(/[\u200B-\u200D\u2060\uFEFF]/g, '');
  for (const name of botNames) if (name) light = light.split(`@${name}`).join(' ');
  for (const name of ownNames) if (name) light = light.split(name).join(' ');
  const folded = toSimplified(toHalfWidth(light));
  // A rest that starts with a quote (「“国培计划…」) is found by its words; withOpeners puts the quote back.
  const words = decorationless(rest, []).text || rest;
  for (let at = folded.lastIndexOf(words[0]!); at >= 0; at = at > 0 ? folded.lastIndexOf(words[0]!, at - 1) : -1) {
    const tail = decorationless(folded.slice(at), []).text;
    // `rest` had its trailing courtesy taken off; the user's words keep their particles (「孩子发烧了」), not the thanks.
    if (tail === words || withoutCourtesy(tail) === words) {
      const own = withoutTrailingDecoration(foldAlphanumerics(light.slice(withOpeners(light, at))));
      return (tail === words ? own : own.replace(TRAILING_THANKS, '').trim()) || rest;
    }
  }
  return rest;
}
// Full-width letters, digits and spaces are an input method's, not the user's choice; punctuation is theirs.
const foldAlphanumerics = (text: string) =>
  text.replace(/[\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/[\u3000 ]+/g, ' ');
const TRAILING_THANKS = /(?:[\s,.;:!?，。；：！？、~～]*(?:谢谢老师|谢谢大家|谢谢您|谢谢|多谢|感谢|辛苦了|辛苦啦|辛苦|老师好|老师|哈哈哈|哈哈|ok))+[\s,.;:!?，。；：！？、~～]*$/i;
const TRAILING_DECORATION = new RegExp(`(?:[\\s~～〜。.!！\\]）)］】」』〕》〗]|${EMOJI.source})+$`, 'u');
const OPENING = /[(（[［【「『〔《〖〈“]/g;
const CLOSING = /[)）\]］】」』〕》〗〉”]/g;
const count = (text: string, pattern: RegExp) => (text.match(pattern) ?? []).length;

/**
 * Where the verbatim text starts once an opening bracket or quote its words close is back
 * (「【省培】2026…」「“国培计划（2026）”——…」); one that wraps the whole rest (「（孩子发烧）」) stays decoration.
 */
function withOpeners(text: string, at: number): number {
  let start = at;
  for (;;) {
    const c = text[start - 1];
    if (c && /[(（[［【「『〔《〖〈“]/.test(c) && closesInside(text.slice(start - 1))) start--;
    // A straight quote closes the one before it: an odd number after it means it opens one.
    else if (c && /["＂]/.test(c) && count(text.slice(start), /["＂]/g) % 2 === 1) start--;
    else return start;
  }
}
function closesInside(text: string): boolean {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    if (/[(（[［【「『〔《〖〈“]/.test(text[i]!)) depth++;
    else if (/[)）\]］】」』〕》〗〉”]/.test(text[i]!) && --depth === 0) return text.slice(i + 1).replace(TRAILING_DECORATION, '').trim() !== '';
  }
  return false;
}

/** Trailing decoration off, but not a closing bracket that closes one opened inside (「…（第一期）」). */
function withoutTrailingDecoration(text: string): string {
  let kept = text.replace(TRAILING_DECORATION, '').trim();
  let open = count(kept, OPENING) - count(kept, CLOSING);
  for (const c of text.slice(kept.length).trimStart()) {
    if (open <= 0 || !/[)）\]］】」』〕》〗〉”]/.test(c)) break;
    kept += c;
    open--;
  }
  return kept;
}

// Said before the point of a message: greetings, agreement, addressing the teacher, "I", "please".
const LEADING = ['各位老师好', '老师们好', '老师您好', '老师好', '大家好', '您好', '你好', '好的呢', '好的', '好嘞', '好滴', '嗯嗯', '嗯呢', '嗯', '哦哦', '哦', '噢', '明白了', '明白', '知道了', '了解', 'ok', '报告', '老师', '那个', '麻烦', '我也', '我来', '我'];
// Said after it: particles, thanks, "teacher", laughter.
const TRAILING = ['谢谢老师', '谢谢大家', '谢谢您', '谢谢', '多谢', '感谢', '辛苦了', '辛苦啦', '辛苦', '老师好', '老师', '哈哈哈', '哈哈', '哈', '了哦', '了呀', '了啦', '了', '啦', '啊', '呀', '哦', '喔', '嗯', '哒', '喽', '咯', '哟', '嘞', 'ok'];
const ADDRESSEE = /^[\u3400-\u9FFF]{1,2}(?:老师|校长|主任)(?:好|您好)?[\s,.;:!?，。；：！？、]+/;
const SEPARATORS = /^[\s,.;:!?，。；：！？、]+|[\s,.;:!?，。；：！？、]+$/g;

/** Takes greetings and particles off both ends (「好的，收到了谢谢老师」→「收到」); never empties the text. */
export function withoutCourtesy(text: string, names: readonly string[] = [], options: { trailing?: boolean } = {}): string {
  let out = text;
  for (let changed = true; changed; ) {
    changed = false;
    for (const word of options.trailing === false ? [] : [...names, ...TRAILING]) {
      const rest = out.toLowerCase().endsWith(word) ? out.slice(0, -word.length).replace(SEPARATORS, '') : out;
      if (rest !== out && rest) {
        out = rest;
        changed = true;
      }
    }
    // 「李老师，我请个假」: the teacher addressed by surname, then a separator.
    const addressee = ADDRESSEE.exec(out);
    if (addressee && out.length > addressee[0].length) {
      out = out.slice(addressee[0].length);
      changed = true;
    }
    // 「我的作业」 keeps its 我: a word followed by 的 belongs to what follows.
    for (const word of [...names, ...LEADING]) {
      const rest = out.toLowerCase().startsWith(word) ? out.slice(word.length).replace(SEPARATORS, '') : out;
      if (rest !== out && rest && !rest.startsWith('的')) {
        out = rest;
        changed = true;
      }
    }
  }
  return out;
}

/** True when the text is nothing but greetings, thanks, particles or the given names (「谢谢老师」). */
export function onlyCourtesy(text: string, names: readonly string[] = []): boolean {
  return withoutCourtesy(`\u0001${text}`, names) === '\u0001';
}

/** The particles that may follow a command word directly (「签到啦」「收到了」). */
export const PARTICLE = /^(?:了哦|了呀|了啦|了|啦|呀|哈|哦|喔|嗯|哒|喽|咯|哟|嘞)+/;

/** 「签到签到」「收到，收到」→ one of them. */
export function withoutRepeats(text: string): string {
  const m = /^(.{1,6}?)(?:[\s,，、!！]*\1)+$/u.exec(text);
  return m ? m[1]! : text;
}

const QUESTION_WORDS = /多久|多长时间|怎么|怎样|咋|如何|哪里|哪儿|在哪|哪个|什么|啥|为什么|为何|几点|几时|是否|能否|能不能|可不可以|可以吗|要不要|有没有|是不是|会不会|需不需要|用不用|谁/;

/** True for a question: a question mark, a question particle at the end, or a question word. */
export function isQuestion(raw: string, clean: string): boolean {
  return /[?？]/.test(raw) || /(?:吗|么|呢|嘛|没|没有|不)$/.test(clean) || QUESTION_WORDS.test(clean);
}

const BEFORE_NEGATION = /(?:不|没|没有|未|别|无法|不能|没法|忘了|忘记|不用|不要|不需要|还没|没能|不会)$/;
const AFTER_TROUBLE = /^(?:不了|不上|不进|失败|不成功|没反应|不行|有问题|出错|错了|报错|没成功|没有成功|不到)/;

/** True when `word` stands in `text` denied or in trouble: 「没收到」「我签到不了」「别签到」. */
export function deniedOrTroubled(text: string, word: string): boolean {
  for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
    if (BEFORE_NEGATION.test(text.slice(0, at).replace(/\s+$/, '')) || AFTER_TROUBLE.test(text.slice(at + word.length).replace(/^\s+/, ''))) return true;
  }
  return false;
}

/** True when `a` becomes `b` by changing, adding or removing one character. */
export function oneEditApart(a: string, b: string): boolean {
  if (a === b || Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) return a.slice(i + 1) === b.slice(i + 1);
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

/** True for text with a Chinese character. */
export function hasHan(text: string): boolean {
  return /[\u3400-\u9FFF]/.test(text);
}
