import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import type { App } from '../../src/app/app.ts';
import { startSession } from '../../src/features/access/console-accounts.ts';
import type { TestDatabase } from './databases.ts';

// The console's browser tests drive Debian's chromium through Playwright's library (no browser
// download): where it is, how it starts on a closed network, and signed-in cookies for named people.

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** False on a developer machine without chromium: the browser tests are skipped there, never in CI. */
export const haveChromium = existsSync(CHROMIUM);
if (!haveChromium && process.env.CI) throw new Error(`CI needs chromium at ${CHROMIUM} (apt-get install chromium)`);

/** Headless chromium with the flags a closed network needs (no background connections, no sandbox as root). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/** A console session token per named person, as the sign-in would set in the `yanxiu_session` cookie. */
export async function consoleSessions(app: App, db: TestDatabase, names: string[]): Promise<Record<string, string>> {
  const tokens: Record<string, string> = {};
  for (const name of names) tokens[name] = await startSession(app, (await db.prisma.person.findFirstOrThrow({ where: { name } })).id);
  return tokens;
}

/** A phone-sized page in a new context, signed in to the console at `base` with a session token. */
export async function signedInPage(browser: Browser, base: string, token: string) {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN' });
  await context.addCookies([{ name: 'yanxiu_session', value: token, url: base }]);
  return context.newPage();
}
