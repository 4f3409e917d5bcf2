import type { MessageKey } from '../i18n/index.ts';

/**
 * An expected failure the user can act on: it carries a message-catalogue key and becomes a polite
 * reply. Anything else thrown is unexpected, logged with context and answered with a generic apology.
 */
export class UserError extends Error {
  override readonly name = 'UserError';
  constructor(
    readonly key: MessageKey,
    readonly params: Record<string, string | number> = {},
  ) {
    super(key);
  }
}

/**
 * A reading the bot is not sure of (a name one sound or character off): the sender is asked back with
 * `key` and 「回复『是』确认」, and their 是 runs the command again with `readAs` ([typed, meant] pairs)
 * replaced in what they wrote.
 */
export class Unsure extends UserError {
  constructor(
    key: MessageKey,
    params: Record<string, string | number>,
    readonly readAs: [string, string][],
  ) {
    super(key, params);
  }
}
