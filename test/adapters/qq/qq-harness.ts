import { advanceVirtualClock } from '../../../src/jobs/clock-scheduler.ts';
import { VirtualBullmq } from '../../../src/jobs/virtual-bullmq.ts';
import type { PaceLimits, SenderTime } from '../../../src/adapters/shared/paced-sender.ts';
import type { OutboundMessage } from '../../../src/core/message.ts';
import { QqAdapter } from '../../../src/adapters/qq/qq-adapter.ts';
import { applySetup } from '../../../src/features/roster/setup.ts';
import { createBot, type Bot } from '../../../src/bot/create-bot.ts';
import { parseConfig } from '../../../src/config.ts';
import { PlatformOutbox } from '../../../src/core/platform-outbox.ts';
import { ManualClock, type JobRunner } from '../../../src/core/ports.ts';
import { DeliveryLog } from '../../../src/delivery/delivery-log.ts';
import { DeliveryQueue } from '../../../src/delivery/delivery-queue.ts';
import { createLogger } from '../../../src/logger.ts';
import type { TestDatabase } from '../../support/databases.ts';
import { OneBotPeer, type PeerOptions } from '../../support/onebot-peer.ts';
import { freshQueueName } from '../../support/redis.ts';

export const FAST_QQ: PaceLimits = { perChatGapMs: 5, perGroupPerMinute: 10_000, global: { max: 10_000, windowMs: 60_000 } };
export const TOKEN = 'test-onebot-token-7f3a';
export const BOT_QQ = 10000;

export interface QqHarnessOptions {
  at: string;
  setup?: unknown;
  limits?: PaceLimits;
  time?: SenderTime;
  /** Scheduled jobs on BullMQ in this Redis (as `npm start` runs them), else in-process. */
  redisUrl?: string;
  peer?: Partial<PeerOptions>;
  /** A peer already serving (NapCat kept running while the bot process restarted); it stays up when this harness stops its bot. */
  runningPeer?: OneBotPeer;
  silenceMs?: number;
  riskBackoff?: { firstMs: number; maxMs: number };
  offlineNoticeMs?: number;
  muteRecheckMs?: number;
}

/**
 * The core with the QQ adapter as `npm start` wires it — every message through the delivery log
 * and queue — against a OneBot peer on loopback (forward WebSocket), on a virtual clock.
 */
export class QqHarness {
  handled = 0;

  private constructor(
    readonly peer: OneBotPeer,
    readonly adapter: QqAdapter,
    readonly core: Bot<JobRunner>,
    readonly deliveries: DeliveryQueue,
    readonly clock: ManualClock,
    private readonly bullmq: VirtualBullmq | undefined,
    /** Messages for other platforms (an admin told about QQ trouble on their playground account). */
    readonly elsewhere: OutboundMessage[],
  ) {}

  static async start(db: TestDatabase, options: QqHarnessOptions): Promise<QqHarness> {
    const clock = new ManualClock(new Date(options.at));
    const peer = options.runningPeer ?? (await OneBotPeer.serve({ accessToken: TOKEN, selfId: BOT_QQ, now: () => clock.now().getTime(), ...options.peer }));
    const log = createLogger(process.env.YANXIU_TEST_LOG === '1' ? 'debug' : 'silent');
    const adapter = new QqAdapter({
      connection: { kind: 'forward', url: peer.url },
      accessToken: TOKEN,
      clock,
      log,
      limits: options.limits ?? FAST_QQ,
      time: options.time,
      reconnectMs: { first: 50, max: 400 },
      silenceMs: options.silenceMs ?? 30_000,
      riskBackoff: options.riskBackoff,
      offlineNoticeMs: options.offlineNoticeMs,
      muteRecheckMs: options.muteRecheckMs,
    });
    const deliveries = new DeliveryQueue(new DeliveryLog(db.prisma), { qq: adapter.outbox }, log.child({ part: 'deliveries' }), { pollMs: 20 });
    const elsewhere: OutboundMessage[] = [];
    const outbox = new PlatformOutbox({ qq: deliveries, playground: { send: async (m) => void elsewhere.push(m) } }, () => undefined);
    let bullmq: VirtualBullmq | undefined;
    if (options.redisUrl) {
      const url = new URL(options.redisUrl);
      bullmq = new VirtualBullmq({ host: url.hostname, port: Number(url.port || 6379), maxRetriesPerRequest: null }, clock, log, freshQueueName('qq'));
    }
    const core = await createBot<JobRunner>({ config: parseConfig({}), database: db, outbox, clock, log, scheduler: bullmq?.scheduler });
    bullmq?.start();
    const harness = new QqHarness(peer, adapter, core, deliveries, clock, bullmq, elsewhere);
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
    if (options.setup) await applySetup(core.app, options.setup);
    adapter.attach(core);
    await adapter.start();
    deliveries.start();
    await harness.until(() => adapter.outbox.ready() && adapter.self === String(BOT_QQ) && !adapter.catchingUp);
    return harness;
  }

  async until(condition: () => boolean | Promise<boolean>, timeoutMs = 10_000, what = 'condition'): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!(await condition())) {
      if (Date.now() > deadline) throw new Error(`${what} not met in time`);
      await new Promise((r) => setTimeout(r, 5));
    }
  }

  async waitHandled(count: number): Promise<void> {
    await this.until(() => this.handled >= count, 10_000, `${count} messages handled (${this.handled} so far)`);
  }

  /** Moves the virtual clock, running the jobs due on the way at their own times. */
  async advanceTo(to: Date): Promise<void> {
    await advanceVirtualClock(this.bullmq ? [this.bullmq, this.core.local] : this.core.local, this.clock, to);
  }

  /** Waits until everything queued has been sent. */
  async settle(timeoutMs = 20_000): Promise<void> {
    await this.deliveries.idle(timeoutMs);
  }

  /** What the bot sent into a chat (group id or user id), as members read it. */
  sentTo(chat: number | string): string[] {
    return this.peer.sent.filter((s) => s.chat === String(chat)).map((s) => this.peer.readable(s));
  }

  /** Stops the bot process (core, deliveries, adapter) and leaves the peer running, as NapCat would. */
  async stopBot(): Promise<void> {
    await this.core.stop();
    await this.deliveries.stop(1000);
    await this.adapter.stop();
  }

  async stop(): Promise<void> {
    await this.stopBot();
    await this.peer.stop();
  }
}
