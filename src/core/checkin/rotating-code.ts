import { createHmac, randomBytes } from 'node:crypto';

// A rotating check-in code (动态口令), TOTP-like (RFC 6238's HOTP over the time step): the code of a
// step is derived from the session's secret and the step number, so no job rotates it and every
// process computes the same code at the same time. node:crypto is the platform, not a framework.

/** Shortest and longest step a session may use, in seconds. */
export const MIN_STEP_SECONDS = 15;
export const MAX_STEP_SECONDS = 300;
export const DEFAULT_STEP_SECONDS = 30;
/**
 * How many wrong or expired codes one person may type in one step. Six digits are a million codes;
 * with no limit a script could try them all within a session. Beyond this the person waits for the
 * next code, so guessing stays at a few chances in a million per step.
 */
export const MAX_CODE_ATTEMPTS_PER_STEP = 5;
/** How many steps back a code still counts as "expired" rather than simply wrong. */
const STALE_STEPS = 240;

/** A fresh secret for a session (base64url, 160 bits as TOTP recommends). */
export function newCodeSecret(): string {
  return randomBytes(20).toString('base64url');
}

/** The step number at `at`. */
export function stepAt(at: Date, stepSeconds: number): number {
  return Math.floor(at.getTime() / (stepSeconds * 1000));
}

/** The six-digit code of a step (HOTP with dynamic truncation). */
export function codeForStep(secret: string, step: number): string {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const mac = createHmac('sha1', Buffer.from(secret, 'base64url')).update(counter).digest();
  const offset = mac[mac.length - 1]! & 0x0f;
  const value = (mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000;
  return String(value).padStart(6, '0');
}

export interface RotatingCode {
  code: string;
  /** When this code stops being the current one (it is still accepted for one more step). */
  changesAt: Date;
  step: number;
}

/** The code shown at `at`, and when it changes. */
export function currentCode(secret: string, stepSeconds: number, at: Date): RotatingCode {
  const step = stepAt(at, stepSeconds);
  return { code: codeForStep(secret, step), changesAt: new Date((step + 1) * stepSeconds * 1000), step };
}

export type CodeCheck = { kind: 'valid'; step: number } | { kind: 'stale'; step: number } | { kind: 'wrong' };

/**
 * Checks a typed code at `at`: the current and the previous step's codes are valid (someone who read
 * the screen just before it changed); an older one of this session (`since`, its check-in opening) is
 * stale — read off a forwarded photo or message — and anything else is wrong.
 */
export function checkRotatingCode(secret: string, stepSeconds: number, typed: string, at: Date, since: Date): CodeCheck {
  const code = typed.trim();
  const now = stepAt(at, stepSeconds);
  for (const step of [now, now - 1]) if (codeForStep(secret, step) === code) return { kind: 'valid', step };
  const oldest = Math.max(stepAt(since, stepSeconds) - 1, now - STALE_STEPS);
  for (let step = now - 2; step >= oldest; step--) if (codeForStep(secret, step) === code) return { kind: 'stale', step };
  return { kind: 'wrong' };
}
