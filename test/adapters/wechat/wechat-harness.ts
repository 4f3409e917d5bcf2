import { advanceVirtualClock, type ClockScheduler } from '../../../src/jobs/clock-scheduler.ts';
import * as PuppetMock from 'wechaty-puppet-mock';
import type { Message } from 'wechaty';
import type { PaceLimits, SenderTime } from '../../../src/adapters/shared/paced-sender.ts';
import { WechatAdapter } from '../../../src/adapters/wechat/wechat-adapter.ts';
import { applySetup } from '../../../src/features/roster/setup.ts';
import { createBot, type Bot } from '../../../src/bot/create-bot.ts';
import { parseConfig } from '../../../src/config.ts';
import { ManualClock } from '../../../src/core/ports.ts';
import { createLogger } from '../../../src/logger.ts';
import type { TestDatabase } from '../../support/databases.ts';

export const FAST_WECHAT: PaceLimits = { perChatGapMs: 5, perGroupPerMinute: 10_000, global: { max: 10_000, windowMs: 60_000 } };

/** Virtual time for the sender: sleeping moves the clock instead of waiting. */
export class VirtualSenderTime implements SenderTime {
  constructor(public current = 0) {}
  now(): number {
    return this.current;
  }
  async sleep(ms: number): Promise<void> {
    this.current += Math.max(0, ms);
  }
  random(): number {
    return 0.5;
  }
}

export interface SentByBot {
  chat: string;
  text: string;
  at: number;
}

/** Real wechaty on its mock puppet, the WeChat adapter, and the core on a virtual clock. */
export class WechatHarness {
  handled = 0;
  readonly sent: SentByBot[] = [];

  private constructor(
    readonly mocker: PuppetMock.mock.Mocker,
    readonly adapter: WechatAdapter,
    readonly core: Bot<ClockScheduler>,
    readonly clock: ManualClock,
    readonly botContact: PuppetMock.mock.ContactMock,
  ) {}

  static async start(db: TestDatabase, options: { at: string; setup?: unknown; limits?: PaceLimits; time?: SenderTime; qrFile?: string }): Promise<WechatHarness> {
    const mocker = new PuppetMock.mock.Mocker();
    const puppet = new PuppetMock.PuppetMock({ mocker });
    const clock = new ManualClock(new Date(options.at));
    const log = createLogger(process.env.YANXIU_TEST_LOG === '1' ? 'debug' : 'silent');
    const adapter = new WechatAdapter({ puppet, clock, log, limits: options.limits ?? FAST_WECHAT, time: options.time, qrFile: options.qrFile, reconnectMs: { first: 60_000, max: 60_000 } });
    const core = await createBot({ config: parseConfig({}), database: db, outbox: adapter.outbox, clock, log });
    if (options.setup) await applySetup(core.app, options.setup);
    adapter.attach(core);
    const botContact = mocker.createContact({ name: '研修助手', id: 'wx-bot' });
    const harness = new WechatHarness(mocker, adapter, core, clock, botContact);
    for (const method of ['handle', 'handleJoin'] as const) {
      const original = (core.handler[method] as (...a: unknown[]) => Promise<unknown>).bind(core.handler);
      (core.handler as unknown as Record<string, unknown>)[method] = async (...args: unknown[]) => {
        try {
          return await original(...args);
        } finally {
          harness.handled++;
        }
      };
    }
    adapter.wechaty.on('message', (m: Message) => {
      if (!m.self()) return;
      const chat = m.room()?.id ?? m.listener()?.id ?? '';
      harness.sent.push({ chat, text: m.text().replace(/\u2005/g, ' '), at: options.time?.now() ?? Date.now() });
    });
    await adapter.start();
    mocker.login(botContact);
    await harness.until(() => adapter.isLoggedIn);
    return harness;
  }

  async until(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!condition()) {
      if (Date.now() > deadline) throw new Error('condition not met in time');
      await new Promise((r) => setTimeout(r, 5));
    }
  }

  async waitHandled(count: number): Promise<void> {
    await this.until(() => this.handled >= count);
  }

  async advanceTo(to: Date): Promise<void> {
    await advanceVirtualClock(this.core.scheduler, this.clock, to);
  }

  async stop(): Promise<void> {
    await this.core.stop();
    await this.adapter.stop();
  }
}
