// Argument grammars people actually use: labels before values (原因：, 尾号), arrows between names
// (张三→李四, 张三换成李四), Chinese commas and colons as separators, digits glued to a name.

const HAN = '\\u3400-\\u9FFF';

/** Splits argument text on spaces, commas (，、,) and colons; empty pieces dropped. */
export function argumentTokens(text: string): string[] {
  return text.split(/[\s,，、;；:：]+/).filter(Boolean);
}

/** Removes a leading label such as 「原因：」「理由」「因为」 from free text. */
export function withoutLabel(text: string, labels: readonly string[]): string {
  const pattern = new RegExp(`^(?:${labels.join('|')})\\s*(?:是|为)?\\s*[:：,，]?\\s*`);
  return text.trim().replace(pattern, '').trim();
}

const APOLOGY = '不好意思|实在抱歉|非常抱歉|抱歉|对不起|麻烦(?:您|你)?了|(?:望|请|恳请)(?:老师)?批准|谢谢(?:老师|您)?|感谢|辛苦了';
/** A clause that only addresses, greets, apologises or introduces the writer (「王老师好」「我是桃源镇中心小学的黄丽」). */
const COURTESY_CLAUSE = new RegExp(`^(?:[${HAN}]{0,2}老师(?:好|您好)?|您好|你好|(?:${APOLOGY})+|(?:我|本人)是(?:[${HAN}]{2,16}的)?[${HAN}]{2,4}(?:老师)?|(?:我|本人)?是[${HAN}]{0,14}(?:学校|小学|中学|初中|高中|中心校|幼儿园|[一二三四五六七八九][小中])的[${HAN}]{2,4}(?:老师)?)$`);
const APOLOGY_EDGES = new RegExp(`^(?:${APOLOGY})+|(?:${APOLOGY})+$`, 'g');

/**
 * A request's reason as the person gave it, without the courtesy around it: 「不好意思王老师，今天下午我得
 * 请假，母亲摔了一跤」 keeps 「母亲摔了一跤」; the clauses that are all courtesy go, the rest keep their words.
 */
export function withoutCourtesy(text: string): string {
  const clauses = text.split(/([\s,，。.!！;；\n~～]+)/);
  const kept: string[] = [];
  for (let i = 0; i < clauses.length; i += 2) {
    const clause = clauses[i]!.replace(APOLOGY_EDGES, '');
    if (clause && !COURTESY_CLAUSE.test(clause)) kept.push(clause, clauses[i + 1] ?? '');
  }
  return kept.join('').replace(/[\s,，。.!！;；~～]+$/, '').trim();
}

/** Puts a space between Chinese characters and digits that touch (「张三1234」→「张三 1234」). */
export function separateDigits(text: string): string {
  return text.replace(new RegExp(`([${HAN}])(?=\\d)`, 'g'), '$1 ').replace(new RegExp(`(\\d)(?=[${HAN}])`, 'g'), '$1 ');
}

/** The arrows and verbs people put between an old and a new name. */
export const ARROW = /\s*(?:→|->|=>|—>|－>|➡|➔|⇒|-->|换成|换为|换作|改为|改成|改派|替换为|替换成|替换)\s*/;

/** Joins a Chinese name typed with spaces inside (「欧阳 娜娜」→「欧阳娜娜」); Latin names keep theirs. */
export function joinName(parts: readonly string[]): string {
  return parts.every((p) => new RegExp(`^[${HAN}·•]+$`).test(p)) ? parts.join('') : parts.join(' ');
}
