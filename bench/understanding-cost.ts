import { BareForms } from '../src/bot/bare-forms.ts';
import { commands } from '../src/bot/registry.ts';
import { understand } from '../src/bot/router.ts';
import { traineeName } from './checkin-burst.ts';

export interface UnderstandingCostResult {
  messages: number;
  /** One full reading by the understanding step (router.ts understand()). */
  fullReadMicros: number;
  /** One reading through the check-in path's shortcut (bare-forms.ts): the full step once per text, then reused. */
  shortcutReadMicros: number;
  /** Per message on the check-in path: before, the handler read every message twice the full way. */
  beforeMicrosPerMessage: number;
  afterMicrosPerMessage: number;
  ratio: number;
}

/** What a check-in burst's messages say, each from its own trainee. */
const TEXTS = ['签到', '到', '签到 8866', '收到', '打卡'];

/**
 * The understanding step's CPU cost per message on the check-in path, before (two full readings per
 * message) and after (one reading, through the bare-form shortcut), measured in the same run over the
 * same messages; the fastest of three rounds of each counts.
 */
export function understandingCost(messages: number): UnderstandingCostResult {
  const inputs = Array.from({ length: messages }, (_, i) => ({ text: TEXTS[i % TEXTS.length]!, names: { botNames: ['研修助手'], ownNames: ['研修助手'], senderName: traineeName(i) } }));
  const time = (read: (input: (typeof inputs)[number]) => unknown) => {
    const started = performance.now();
    for (const input of inputs) read(input);
    return ((performance.now() - started) * 1000) / messages;
  };
  const full: number[] = [];
  const shortcut: number[] = [];
  for (let round = 0; round < 3; round++) {
    full.push(time((m) => understand(commands, m.text, m.names)));
    const bare = new BareForms(commands);
    shortcut.push(time((m) => bare.understand(m.text, m.names)));
  }
  const fullReadMicros = Math.min(...full);
  const shortcutReadMicros = Math.min(...shortcut);
  const round2 = (x: number) => Number(x.toFixed(2));
  return {
    messages,
    fullReadMicros: round2(fullReadMicros),
    shortcutReadMicros: round2(shortcutReadMicros),
    beforeMicrosPerMessage: round2(2 * fullReadMicros),
    afterMicrosPerMessage: round2(shortcutReadMicros),
    ratio: Number(((2 * fullReadMicros) / shortcutReadMicros).toFixed(1)),
  };
}
