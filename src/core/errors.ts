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
