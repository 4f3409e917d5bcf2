// The class a tutor names after a command (「统计 小学数学1班」), told apart from what people add
// when they speak (「统计一下人数吧」「导出一下」): filler and words about the data are not a class.

const LEADING = ['一下子', '一下', '下子', '下', '看看', '看一下', '帮我', '给我', '发我', '我们', '咱们', '这个', '本'];
const TRAILING = ['一下子', '一下', '看看', '吧', '呗', '啊', '呀', '哈', '了', '嘛', '情况', '数据', '人数', '结果', '的', '班的', '全部', '所有'];
const LOOKS_LIKE_A_CLASS = /班|组|期|营|级|届|坊|\d/;

/**
 * The class name in a command's argument text, filler off: `plausible` when it reads like one
 * (「…班」, a number), so that a misspelt one gets 「没有找到班级」; a loose one (「人数」) is used only
 * if such a class exists. Nothing but filler gives no name.
 */
export function classNameArgument(rest: string): { name?: string; plausible: boolean } {
  let text = rest.trim();
  for (let changed = true; changed && text; ) {
    changed = false;
    for (const word of LEADING) if (text.startsWith(word) && text.length > word.length) [text, changed] = [text.slice(word.length).trim(), true];
    for (const word of TRAILING) if (text.endsWith(word)) [text, changed] = [text.slice(0, -word.length).trim(), true];
    text = text.replace(/^[\s,，、。!！~～]+|[\s,，、。!！~～]+$/g, '');
  }
  return text ? { name: text, plausible: LOOKS_LIKE_A_CLASS.test(text) } : { plausible: false };
}

// Bracket and quote styles people use interchangeably in class and project names, one form each.
const OPENERS = /[(（[［【〔〖{｛]/g;
const CLOSERS = /[)）\]］】〕〗}｝]/g;
const QUOTES = /[“”‘’「」『』《》〈〉"'＂＇]/g;
const DOTS = /[·•・‧∙．]/g;
const DASHES = /[—–―─－-]+/g;

/**
 * A name as it compares tolerantly: bracket, quote, dot and dash styles, full or half width, and
 * spaces do not count; every character that carries meaning (the brackets themselves included) does.
 */
export function classNameKey(name: string): string {
  return name.normalize('NFKC').replace(OPENERS, '(').replace(CLOSERS, ')').replace(QUOTES, '"').replace(DOTS, '·').replace(DASHES, '-').replace(/\s+/g, '').toLowerCase();
}
