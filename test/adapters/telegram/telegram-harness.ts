import { advanceVirtualClock, type ClockScheduler } from '../../../src/jobs/clock-scheduler.ts';
import type { PaceLimits } from '../../../src/adapters/shared/paced-sender.ts';
import { TelegramAdapter } from '../../../src/adapters/telegram/telegram-adapter.ts';
import { applySetup } from '../../../src/features/roster/setup.ts';
import { createBot, type Bot } from '../../../src/bot/create-bot.ts';
import { parseConfig } from '../../../src/config.ts';
import { ManualClock } from '../../../src/core/ports.ts';
import { createLogger } from '../../../src/logger.ts';
import type { TestDatabase } from '../../support/databases.ts';
import { FakeTelegram } from '../../support/fake-telegram.ts';

export const FAST_LIMITS: PaceLimits = { perChatGapMs: 10, perGroupPerMinute: 10_000, global: { max: 10_000, windowMs: 1000 } };

/** The core with the Telegram adapter against a local Bot API server, on a virtual clock. */
export class TelegramHarness {
  handled = 0;

  private constructor(
    readonly telegram: FakeTelegram,
    readonly adapter: TelegramAdapter,
    readonly core: Bot<ClockScheduler>,
    readonly clock: ManualClock,
  ) {}

  /** With `telegram`, a bot process restarted against the same Bot API server (its messages stay). */
  static async start(db: TestDatabase, options: { at: string; setup?: unknown; limits?: PaceLimits; telegram?: FakeTelegram }): Promise<TelegramHarness> {
    const telegram = options.telegram ?? new FakeTelegram();
    const apiRoot = options.telegram ? telegram.url! : await telegram.start();
    const log = createLogger(process.env.YANXIU_TEST_LOG === '1' ? 'debug' : 'silent');
    const adapter = new TelegramAdapter({ token: '123:TEST', apiRoot, limits: options.limits ?? FAST_LIMITS, log });
    const clock = new ManualClock(new Date(options.at));
    const core = await createBot({ config: parseConfig({}), database: db, outbox: adapter.outbox, clock, log });
    const harness = new TelegramHarness(telegram, adapter, core, clock);
    const handle = core.handler.handle.bind(core.handler);
    core.handler.handle = async (message) => {
      try {
        return await handle(message);
      } finally {
        harness.handled++;
      }
    };
    if (options.setup) await applySetup(core.app, options.setup);
    await adapter.attach(core);
    return harness;
  }

  /** Moves the virtual clock, running the jobs due on the way at their own times. */
  async advanceTo(to: Date): Promise<void> {
    await advanceVirtualClock(this.core.scheduler, this.clock, to);
  }

  /** Waits until the core has handled `count` messages in total. */
  async waitHandled(count: number, timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.handled < count) {
      if (Date.now() > deadline) throw new Error(`only ${this.handled} of ${count} messages handled`);
      await new Promise((r) => setTimeout(r, 5));
    }
  }

  /** Stops the bot process only (as SIGTERM would); the Bot API server stays for the next start. */
  async stopBot(): Promise<void> {
    await this.adapter.stop();
    await this.core.stop();
  }

  async stop(): Promise<void> {
    await this.stopBot();
    await this.telegram.stop();
  }
}

/** Telegram HTML back to the text a user reads. */
export function readable(html: string): string {
  return html.replace(/<a href="tg:\/\/user\?id=\d+">([^<]*)<\/a>/g, '@$1').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}
