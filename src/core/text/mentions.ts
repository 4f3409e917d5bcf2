/** Splits "@张三 @李四 其他" into the mentioned names and the remaining text (for platforms and the
 * playground, where mentions arrive as plain text). */
export function extractTextMentions(text: string): { names: string[]; rest: string } {
  const names: string[] = [];
  const rest = text.replace(/@([^\s@\u2005]+)[\s\u2005]?/g, (_m, name: string) => {
    names.push(name);
    return ' ';
  });
  return { names, rest: rest.replace(/\s+/g, ' ').trim() };
}
