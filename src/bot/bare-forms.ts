import type { Command } from '../app/command.ts';
import { understand, type Names, type Understanding } from './router.ts';

/** A command word alone, perhaps with a code (「签到 8866」「签到8866」) and a closing mark. */
const BARE = /^\s*([^\sA-Za-z0-9]{1,6}?)\s*(?:[A-Za-z0-9]{1,12})?[\s。.!！~～]*$/;
/** Enough for every bare form a class sends in a minute (rotating codes included), small enough to forget. */
const MAX_KNOWN = 512;

/**
 * The check-in path's shortcut: a burst is hundreds of trainees sending the same few texts (「签到」
 * 「到」「收到」「签到 8866」) within seconds, and reading one the full way costs more than storing it.
 * A bare command word is read the full way once and that reading reused — so it is the same reading
 * by construction. Only where nothing but the text decides it: the bot's own name and no @mentions,
 * and the sender's name nowhere in the text (the reader takes it off the ends: 「张三 到」).
 */
export class BareForms {
  private readonly words: ReadonlySet<string>;
  private readonly known = new Map<string, Understanding>();

  constructor(private readonly commands: readonly Command<any>[]) {
    this.words = new Set(commands.flatMap((c) => [...c.words, ...(c.exactWords ?? []), ...(c.synonyms ?? [])]));
  }

  understand(raw: string, names: Names): Understanding {
    const key = this.keyOf(raw, names);
    if (key === null) return understand(this.commands, raw, names);
    let reading = this.known.get(key);
    if (!reading) {
      reading = understand(this.commands, raw, names);
      if (this.known.size >= MAX_KNOWN) this.known.clear();
      this.known.set(key, reading);
    }
    return reading;
  }

  /** The key a bare form's reading is kept under; null for anything else. */
  private keyOf(raw: string, names: Names): string | null {
    const [own, ...more] = names.ownNames;
    if (more.length || names.botNames.length !== 1 || names.botNames[0] !== own) return null;
    const word = BARE.exec(raw)?.[1];
    if (!word || !this.words.has(word)) return null;
    const sender = names.senderName?.toLowerCase();
    if (sender && raw.toLowerCase().includes(sender)) return null;
    return `${own ?? ''}\u0000${raw}`;
  }
}
