import type { OutboundMessage } from './message.ts';

/**
 * How a failed send ends: `permanent` — the platform refused it for good (blocked, chat gone), so it
 * is never retried; `retry` — it certainly did not go out (rate limit, connection refused), so it may
 * be tried again; `uncertain` — it may have arrived (the connection broke mid-call), so it is not sent
 * again by itself (a duplicate notice is not ours to risk; a person decides).
 */
export type DeliveryFailure = 'permanent' | 'retry' | 'uncertain';

export class DeliveryError extends Error {
  constructor(
    message: string,
    readonly failure: DeliveryFailure,
    /**
     * `throttled`: the platform held the account back (QQ's risk control) — the try is not counted
     * against the message's attempts, so a long hold never makes it FAILED; `retryAfterMs`: not before then.
     */
    readonly hold: { throttled?: boolean; retryAfterMs?: number } = {},
  ) {
    super(message);
    this.name = 'DeliveryError';
  }
}

/** A platform's outbound side as the delivery queue sees it: paced, awaitable, returning the platform's message ids. */
export interface PlatformSender {
  /**
   * Sends one message (in as many parts as the platform needs). `beforeSend` runs after the pacing
   * wait, right before the first platform call; if it throws, nothing is sent.
   */
  deliver(message: OutboundMessage, beforeSend?: () => Promise<void>): Promise<string[]>;
  /** False while the platform cannot send (e.g. WeChat logged out): the queue keeps its messages until it can. */
  ready?(): boolean;
}
