// A decision typed as an answer to a prompt: 「同意 张三」「批准张三的请假」「驳回 张三 理由：材料不全」,
// or the verb with a remark and no name at all: 「同意，注意安全」「准了 早日康复」.
import { argumentTokens, withoutLabel } from './grammar.ts';
import { toHalfWidth } from './normalize.ts';
import { oneEditApart } from './understand.ts';

const NOTE_LABELS = ['理由', '原因', '因为', '备注'];

/**
 * The name (first token, with 「的请假」-style words around it off), the note after it (its label off),
 * and `whole`: everything after the verb as written, for when the first token turns out to be no name —
 * only when the user set it apart (「同意，注意安全」); glued to the verb (「同意楼上」) it is never a remark.
 */
export function decisionArguments(rest: string, verbatim: string, subject: RegExp, raw: string): { name?: string; note?: string; whole?: string } {
  const [name, ...note] = argumentTokens(rest.replace(/^(?:了|的)/, '').replace(subject, ' '));
  const at = verbatim ? toHalfWidth(raw).lastIndexOf(toHalfWidth(verbatim)) : -1;
  const apart = at > 0 && /[\s,.;:!?~，。；：！？、～]/.test(toHalfWidth(raw)[at - 1]!);
  const whole = apart ? withoutLabel(verbatim, NOTE_LABELS).replace(/[。.]+$/, '') : '';
  return { name, note: withoutLabel(note.join(' '), NOTE_LABELS) || undefined, whole: whole || undefined };
}

/**
 * 「同意，注意安全」: the first word is a name only when someone it could mean is called that (or one
 * character off, a typo the reply should catch); otherwise everything after the verb is the remark.
 */
export function nameOrRemark(args: { name?: string; note?: string; whole?: string }, known: readonly string[]): { name?: string; note?: string } {
  const { name, note, whole } = args;
  if (!name || !whole || known.some((k) => k === name || oneEditApart(k, name))) return { name, note };
  return { name: undefined, note: whole };
}
