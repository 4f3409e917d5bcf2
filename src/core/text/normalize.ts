// Chat text as people type it on phones: full-width letters and punctuation, ideographic spaces,
// an @mention of the bot in front, stray zero-width characters.

const ZERO_WIDTH = /[\u200B-\u200D\u2060\uFEFF]/g;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;
const SPACES = /[\s\u3000\u2005\u00A0]+/g;

/** Converts full-width ASCII (Ｆ１！) and the ideographic space to their half-width forms. */
export function toHalfWidth(text: string): string {
  return text.replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ');
}

/** Replaces unpaired UTF-16 surrogates (broken emoji) with U+FFFD so nothing downstream chokes on them. */
export function repairUtf16(text: string): string {
  return text.toWellFormed();
}

/**
 * The free text after a command word as the user wrote it (full-width punctuation kept), for
 * notices and reasons; falls back to the normalised remainder when the word cannot be found.
 */
export function verbatimRest(text: string, botNames: readonly string[], normalizedRest: string): string {
  const light = normalizeCommandText(text, botNames, { foldWidth: false });
  const folded = toHalfWidth(light);
  const at = folded.length - normalizedRest.length;
  return normalizedRest && at >= 0 && folded.slice(at) === normalizedRest ? light.slice(at).trim() : normalizedRest;
}

/**
 * Normalises a message for command matching: repairs broken UTF-16, drops control and zero-width
 * characters, folds full-width forms, removes @mentions of the bot, collapses whitespace, trims
 * Chinese and ASCII punctuation at the ends.
 */
export function normalizeCommandText(text: string, botNames: readonly string[], options: { foldWidth?: boolean } = {}): string {
  const cleaned = repairUtf16(text).replace(ZERO_WIDTH, '').replace(CONTROL, ' ');
  let out = options.foldWidth === false ? cleaned : toHalfWidth(cleaned);
  for (const name of botNames) {
    if (name) out = out.split(`@${name}`).join(' ');
  }
  return out
    .replace(SPACES, ' ')
    .trim()
    .replace(/^[,.;:!?，。；：！？、\s]+|[,.;:!?，。；：！？、\s]+$/g, '');
}

/**
 * Text as the database can store it: PostgreSQL rejects NUL characters and invalid UTF-8, which
 * broken clients and copy-paste do send. Each becomes U+FFFD, so nothing else about the text changes.
 */
export function storable(text: string): string {
  return text.toWellFormed().replaceAll('\u0000', '\uFFFD');
}

/** A message with every user-supplied string made storable. */
export function storableMessage<M extends { text: string; sender: { id: string; name: string }; chat: { id: string; title?: string }; mentions: { id: string; name: string }[] }>(m: M): M {
  const user = (u: { id: string; name: string }) => ({ ...u, id: storable(u.id), name: storable(u.name) });
  return {
    ...m,
    text: storable(m.text),
    sender: user(m.sender),
    chat: { ...m.chat, id: storable(m.chat.id), ...(m.chat.title !== undefined ? { title: storable(m.chat.title) } : {}) },
    mentions: m.mentions.map(user),
  };
}
