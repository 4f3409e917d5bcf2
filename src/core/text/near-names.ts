// A name typed one sound or one character off a roster name: 吴磊 for 吴蕾 (the same pinyin, the input
// method's first guess), 王午 for 王五. Such a name is asked back, never silently taken for the other.
import { pinyin } from 'pinyin-pro';
import { oneEditApart } from './understand.ts';
import { Unsure } from '../errors.ts';

const sound = (name: string) => pinyin(name, { toneType: 'none', type: 'array' }).join(' ');

/** The roster names `typed` may have meant: the same sound, or one character changed; none for an exact name. */
export function nearNames(typed: string, roster: readonly string[]): string[] {
  if (roster.includes(typed)) return [];
  const heard = sound(typed);
  return [...new Set(roster.filter((name) => name.length === typed.length && (sound(name) === heard || oneEditApart(name, typed))))];
}

/** True when two names sound alike (the same pinyin without tones). */
export const sameSound = (a: string, b: string) => sound(a) === sound(b);

/**
 * A name that is no one on the roster but one sound or character off exactly one person there is
 * asked back (「您是说吴蕾吗？回复『是』确认，将认定学时：吴蕾」), never silently taken; otherwise nothing happens.
 */
export function askIfNearName(typed: string, roster: readonly string[], reading: (meant: string) => string): void {
  const [meant, ...others] = nearNames(typed, roster);
  if (meant && !others.length) throw new Unsure('understanding.didYouMean', { names: meant, reading: reading(meant) }, [[typed, meant]]);
}
