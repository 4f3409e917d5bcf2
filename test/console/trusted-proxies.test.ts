import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Bot } from '../../src/bot/create-bot.ts';
import { ConfigError, parseConfig } from '../../src/config.ts';
import { exampleSetup } from '../support/chat.ts';
import { startConsole } from '../support/console.ts';
import { openTestDatabase, type TestDatabase } from '../support/databases.ts';

// Who may speak for the client through X-Forwarded-For. The attacker is a host on the same private
// network as the bot (another container, another machine on the LAN) that reaches the port directly
// and writes a fresh X-Forwarded-For on every sign-in attempt to dodge the per-address limit.

const attempt = (web: FastifyInstance, remoteAddress: string, forwarded: string) =>
  web.inject({ method: 'POST', url: '/console/login/code', remoteAddress, headers: { 'x-forwarded-for': forwarded }, payload: { phone: '13900000001', code: '000000' } });

async function statuses(web: FastifyInstance, remoteAddress: string, forwarded: (i: number) => string, count = 12) {
  const out = [];
  for (let i = 0; i < count; i++) out.push((await attempt(web, remoteAddress, forwarded(i))).statusCode);
  return out;
}

describe.each([
  ['HTTP_TRUSTED_PROXIES=10.0.0.5', { HTTP_TRUSTED_PROXIES: '10.0.0.5, fd00::5' }, '10.0.0.5'],
  ['HTTP_TRUST_PROXY=on (the older setting: a proxy on this machine)', { HTTP_TRUST_PROXY: 'on' }, '127.0.0.1'],
])('the console behind %s', (_label, env, proxy) => {
  let db: TestDatabase;
  let bot: Bot;
  let web: FastifyInstance;
  beforeAll(async () => {
    db = await openTestDatabase('pglite');
    ({ bot, web } = await startConsole(db, { at: '2026-11-23T08:00:00+08:00', setup: exampleSetup(), env }));
  }, 60_000);
  afterAll(async () => {
    await web?.close();
    await bot?.stop();
    await db?.close();
  });

  it('when a private-network host that is not the proxy rotates X-Forwarded-For, the sign-in limit still stops it', async () => {
    const seen = await statuses(web, '10.0.0.9', (i) => `203.0.113.${i + 1}`);
    expect(seen.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(seen.at(-1)).toBe(429);
  });

  it('when the listed proxy forwards different clients, each has a limit of its own', async () => {
    const seen = await statuses(web, proxy, (i) => `198.51.100.${i + 1}`);
    expect(seen.every((s) => s === 401)).toBe(true);
    // And a client behind the proxy that writes its own entries is still one client: the proxy's entry counts.
    const rotating = await statuses(web, proxy, (i) => `192.0.2.${i + 1}, 198.51.100.200`);
    expect(rotating.at(-1)).toBe(429);
  });
});

describe('HTTP_TRUSTED_PROXIES', () => {
  it('when it holds something that is not an address or a range, the bot refuses to start and says what it wants', () => {
    expect(() => parseConfig({ HTTP_TRUSTED_PROXIES: '10.0.0.5, nginx' })).toThrow(ConfigError);
    expect(() => parseConfig({ HTTP_TRUSTED_PROXIES: '10.0.0.0/33' })).toThrow(/10\.0\.0\.0\/24/);
    expect(parseConfig({ HTTP_TRUSTED_PROXIES: '10.0.0.5 172.18.0.0/16,::1' }).http.trustProxy.addresses).toEqual(['10.0.0.5', '172.18.0.0/16', '::1']);
  });
});
