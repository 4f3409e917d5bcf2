import { describe, expect, it } from 'vitest';
import { hashPassword, isAdminPassword } from '../../src/features/access/console-accounts.ts';

describe('the administrator password', () => {
  it('when ADMIN_PASSWORD holds a hash from hash-password the password signs in and anything else does not', () => {
    const hash = hashPassword('correct-horse-battery');
    expect(hash).not.toContain('correct-horse-battery');
    expect(isAdminPassword(hash, 'correct-horse-battery')).toBe(true);
    expect(isAdminPassword(hash, 'correct-horse-batterY')).toBe(false);
    expect(isAdminPassword('plain-password-here', 'plain-password-here')).toBe(true);
    expect(isAdminPassword('plain-password-here', '')).toBe(false);
    expect(isAdminPassword(undefined, 'anything')).toBe(false);
  });
});
