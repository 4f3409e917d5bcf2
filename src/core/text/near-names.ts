// A name typed one sound or one character off a roster name: 吴磊 for 吴蕾 (the same pinyin, the input
// method's first guess), 王午 for 王五. Such a name is asked back, never silently taken for the other.
import { pinyin } from 'pinyin-pro';
import { oneEditApart } from './understand.ts';

const sound = (name: string) => pinyin(name, { toneType: 'none', type: 'array' }).join(' ');

/** The roster names `typed` may have meant: the same sound, or one character changed; none for an exact name. */
export function nearNames(typed: string, roster: readonly string[]): string[] {
  if (roster.includes(typed)) return [];
  const heard = sound(typed);
  return [...new Set(roster.filter((name) => name.length === typed.length && (sound(name) === heard || oneEditApart(name, typed))))];
}

/** True when two names sound alike (the same pinyin without tones). */
export const sameSound = (a: string, b: string) => sound(a) === sound(b);
