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
