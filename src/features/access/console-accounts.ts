import { createHash, randomBytes, randomInt, scryptSync, timingSafeEqual } from 'node:crypto';
import type { App, AuditActor } from '../../app/app.ts';
import type { Grant } from '../../core/permissions.ts';

// Signing in to the web console. Tutors and contacts ask the bot for a one-time code in a private
// chat (「登录」) and type it with their phone number, or open the link it sends; the administrator
// uses ADMIN_PASSWORD. A signed-in browser holds a random session token in an HttpOnly cookie; the
// database keeps only hashes of codes, links and tokens.

export const LOGIN_CODE_MINUTES = 10;
export const SESSION_HOURS = 12;
const MAX_CODE_ATTEMPTS = 5;

/** Who is signed in: a person with their grants, or the administrator. */
export interface ConsoleAccount {
  sessionId: number;
  personId: number | null;
  name: string;
  grants: Grant[];
  csrfToken: string;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** Issues a sign-in code and link for a person (the bot sends them privately). */
export async function issueLoginCode(app: App, personId: number): Promise<{ code: string; linkToken: string; expiresAt: Date }> {
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  const linkToken = randomBytes(24).toString('base64url');
  const expiresAt = new Date(app.clock.now().getTime() + LOGIN_CODE_MINUTES * 60_000);
  await app.db.consoleLoginCode.create({ data: { personId, codeHash: sha256(`${personId}:${code}`), linkHash: sha256(linkToken), expiresAt, createdAt: app.clock.now() } });
  return { code, linkToken, expiresAt };
}

/**
 * The person a phone number and code sign in, or null. Each wrong code counts against that person's
 * open codes, which stop working after five misses (their links with them); a code works once. An
 * unknown phone costs the same lookups as a known one, so the answer time does not tell which
 * numbers belong to someone.
 */
export async function redeemCode(app: App, phone: string, code: string): Promise<number | null> {
  const person = await app.db.person.findUnique({ where: { phone }, select: { id: true } });
  // No person has id 0: an unknown phone looks up (no) open codes exactly as a known one does.
  const personId = person?.id ?? 0;
  const now = app.clock.now();
  const open = await app.db.consoleLoginCode.findMany({ where: { personId, usedAt: null, expiresAt: { gt: now }, attempts: { lt: MAX_CODE_ATTEMPTS } } });
  const hash = sha256(`${personId}:${code}`);
  const match = person ? open.find((c) => c.codeHash === hash) : undefined;
  if (!match) {
    await app.db.consoleLoginCode.updateMany({ where: { id: { in: open.map((c) => c.id) } }, data: { attempts: { increment: 1 } } });
    return null;
  }
  const claimed = await app.db.consoleLoginCode.updateMany({ where: { id: match.id, usedAt: null }, data: { usedAt: now } });
  return claimed.count === 1 ? personId : null;
}

/** The open sign-in row of a link: unused, unexpired, and not voided by five wrong codes. */
async function openLink(app: App, linkToken: string) {
  const row = await app.db.consoleLoginCode.findUnique({ where: { linkHash: sha256(linkToken) } });
  return row && !row.usedAt && row.expiresAt > app.clock.now() && row.attempts < MAX_CODE_ATTEMPTS ? row : null;
}

/** True when a one-time link would still sign someone in (it is not used up by asking). */
export async function linkIsOpen(app: App, linkToken: string): Promise<boolean> {
  return (await openLink(app, linkToken)) !== null;
}

/** The person a one-time link signs in, or null (unknown, used, expired, or voided with its code). */
export async function redeemLink(app: App, linkToken: string): Promise<number | null> {
  const row = await openLink(app, linkToken);
  if (!row) return null;
  const claimed = await app.db.consoleLoginCode.updateMany({ where: { id: row.id, usedAt: null, attempts: { lt: MAX_CODE_ATTEMPTS } }, data: { usedAt: app.clock.now() } });
  return claimed.count === 1 ? row.personId : null;
}

/** Hashes an administrator password for ADMIN_PASSWORD_HASH (scrypt, salted). */
export function hashPassword(password: string): string {
  const salt = randomBytes(16);
  return `scrypt:${salt.toString('base64url')}:${scryptSync(password, salt, 32).toString('base64url')}`;
}

/** True when the password is the administrator's (a plain ADMIN_PASSWORD or a hash from hashPassword). */
export function isAdminPassword(configured: string | undefined, given: string): boolean {
  if (!configured || !given) return false;
  const [kind, salt, hash] = configured.split(':');
  if (kind === 'scrypt' && salt && hash) {
    const expected = Buffer.from(hash, 'base64url');
    return timingSafeEqual(scryptSync(given, Buffer.from(salt, 'base64url'), expected.length), expected);
  }
  const a = Buffer.from(sha256(configured));
  return timingSafeEqual(a, Buffer.from(sha256(given)));
}

/** Starts a session; returns the cookie token. */
export async function startSession(app: App, personId: number | null): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  const now = app.clock.now();
  await app.db.consoleSession.create({
    data: { tokenHash: sha256(token), personId, csrfToken: randomBytes(24).toString('base64url'), createdAt: now, expiresAt: new Date(now.getTime() + SESSION_HOURS * 3_600_000) },
  });
  return token;
}

/** The account behind a session cookie, or null when it is missing, unknown or expired. */
export async function accountFor(app: App, token: string | undefined): Promise<ConsoleAccount | null> {
  if (!token) return null;
  const session = await app.db.consoleSession.findUnique({ where: { tokenHash: sha256(token) } });
  if (!session || session.expiresAt <= app.clock.now()) return null;
  if (session.personId === null) {
    return { sessionId: session.id, personId: null, name: '管理员', grants: [{ role: 'ADMIN', regionId: null, schoolId: null, classId: null }], csrfToken: session.csrfToken };
  }
  const person = await app.db.person.findUnique({ where: { id: session.personId }, include: { grants: { select: { role: true, regionId: true, schoolId: true, classId: true } } } });
  if (!person || person.grants.length === 0) return null;
  return { sessionId: session.id, personId: person.id, name: person.name, grants: person.grants, csrfToken: session.csrfToken };
}

/** Ends the session of a cookie token (signing out). */
export async function endSession(app: App, token: string | undefined): Promise<void> {
  if (token) await app.db.consoleSession.deleteMany({ where: { tokenHash: sha256(token) } });
}

/** True when the submitted token is the session's (constant time). */
export function csrfMatches(account: ConsoleAccount, submitted: unknown): boolean {
  if (typeof submitted !== 'string' || submitted.length !== account.csrfToken.length) return false;
  return timingSafeEqual(Buffer.from(submitted), Buffer.from(account.csrfToken));
}

/** Who made a change from the console, for the audit log. */
export function auditActorOf(account: ConsoleAccount): AuditActor {
  return { personId: account.personId, label: account.personId === null ? 'console:admin' : `console:${account.personId}` };
}
