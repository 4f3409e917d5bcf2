import type { Command } from '../../app/command.ts';

/**
 * The only commands the public demo's personas may run (bot/sandbox.ts enforces it): a trainee's
 * check-in, leave, hours and help, and a tutor's session in their own demo class. Never 登录, and
 * nothing that creates classes, notices, broadcasts, hour records, exports or grants.
 */
export const SANDBOX_COMMANDS: ReadonlySet<Command['id']> = new Set<Command['id']>(['checkin', 'leave', 'hours', 'help', 'createSession', 'attendance', 'closeSession']);
