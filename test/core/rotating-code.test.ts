import { describe, expect, it } from 'vitest';
import { burstFollowers } from '../../src/core/checkin/anomalies.ts';
import { checkRotatingCode, codeForStep, currentCode, stepAt } from '../../src/core/checkin/rotating-code.ts';
import { distanceMeters, formatDistance } from '../../src/core/geo/distance.ts';

// RFC 6238's SHA-1 test secret, "12345678901234567890", as our secrets are stored (base64url).
const RFC_SECRET = Buffer.from('12345678901234567890').toString('base64url');

describe('rotating codes', () => {
  it('when computed at the RFC 6238 test times the codes are the RFC’s (last six digits)', () => {
    // RFC 6238 Appendix B, SHA1: 59 s → 94287082, 1111111109 → 07081804, 1234567890 → 89005924.
    expect(codeForStep(RFC_SECRET, stepAt(new Date(59_000), 30))).toBe('287082');
    expect(codeForStep(RFC_SECRET, stepAt(new Date(1_111_111_109_000), 30))).toBe('081804');
    expect(codeForStep(RFC_SECRET, stepAt(new Date(1_234_567_890_000), 30))).toBe('005924');
  });

  it('when a code is typed the current and previous steps are valid, older ones of the session stale, others wrong', () => {
    const since = new Date('2026-11-23T00:00:00Z');
    const at = new Date('2026-11-23T00:10:05Z');
    const code = (t: string) => currentCode(RFC_SECRET, 60, new Date(t)).code;
    expect(checkRotatingCode(RFC_SECRET, 60, code('2026-11-23T00:10:00Z'), at, since).kind).toBe('valid');
    expect(checkRotatingCode(RFC_SECRET, 60, code('2026-11-23T00:09:01Z'), at, since).kind).toBe('valid');
    expect(checkRotatingCode(RFC_SECRET, 60, code('2026-11-23T00:08:59Z'), at, since).kind).toBe('stale');
    expect(checkRotatingCode(RFC_SECRET, 60, code('2026-11-22T23:00:00Z'), at, since).kind).toBe('wrong');
    expect(currentCode(RFC_SECRET, 60, at).changesAt.toISOString()).toBe('2026-11-23T00:11:00.000Z');
  });
});

describe('distances', () => {
  it('when measured between Beijing’s Tiananmen and Shanghai’s People’s Square the distance is about 1,068 km', () => {
    const d = distanceMeters({ latitude: 39.9087, longitude: 116.3975 }, { latitude: 31.2304, longitude: 121.4737 });
    expect(d / 1000).toBeGreaterThan(1060);
    expect(d / 1000).toBeLessThan(1075);
    expect(formatDistance(350.4)).toBe('350 米');
    expect(formatDistance(3210)).toBe('3.2 公里');
  });
});

describe('bursts after a posted code', () => {
  const t = (s: number) => new Date(Date.UTC(2026, 10, 23, 0, 10, s));
  it('when five others check in within 20 s of a post they are flagged; four, or later ones, are not', () => {
    const five = [1, 2, 3, 4, 5].map((id, i) => ({ personId: id + 1, at: t(2 + i * 3) }));
    expect([...burstFollowers([{ personId: 1, at: t(0) }], [{ personId: 1, at: t(0) }, ...five])].sort()).toEqual([2, 3, 4, 5, 6]);
    expect(burstFollowers([{ personId: 1, at: t(0) }], five.slice(0, 4)).size).toBe(0);
    expect(burstFollowers([{ personId: 1, at: t(0) }], five.map((c) => ({ ...c, at: new Date(c.at.getTime() + 30_000) }))).size).toBe(0);
  });
});
