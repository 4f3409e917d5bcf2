import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { DeliveryError, type PlatformSender } from '../core/delivery.ts';
import type { OutboundMessage, Platform } from '../core/message.ts';
import type { Outbox } from '../core/ports.ts';
import type { Logger } from '../logger.ts';
import type { ClaimedDelivery, DeliveryLog } from './delivery-log.ts';

export interface DeliveryQueueOptions {
  /** How long a worker owns what it claimed without renewing (renewed every third of it). */
  leaseMs: number;
  /** How often to look for work queued by other processes and for rows of dead workers. */
  pollMs: number;
  /** Rows claimed and waiting in the platform's pacing at most, per worker. */
  maxInFlight: number;
  /** Tries for a message that certainly did not go out, before it is FAILED. */
  maxAttempts: number;
}

export const DELIVERY_DEFAULTS: DeliveryQueueOptions = { leaseMs: 30_000, pollMs: 500, maxInFlight: 200, maxAttempts: 6 };

/** The sending worker lost its claim on the row (its lease ran out); another worker owns it now. */
class LeaseLost extends DeliveryError {
  constructor() {
    super('lease lost', 'retry');
  }
}

/**
 * The one queue every platform message goes through. `send` writes the message to the delivery log
 * (an outbox table) and returns; the worker side claims due rows under a lease, hands them to the
 * platform's paced sender, and records the outcome: SENT with the platform's message ids, QUEUED again
 * with backoff when it certainly did not go out, FAILED when the platform refused it for good,
 * UNCERTAIN when it may have arrived. A process may only enqueue (no senders) or also work.
 */
export class DeliveryQueue implements Outbox {
  readonly worker = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  private readonly options: DeliveryQueueOptions;
  private readonly inFlight = new Set<Promise<void>>();
  private readonly timers: NodeJS.Timeout[] = [];
  private running = false;
  private pumping = false;
  private wakeAgain = false;

  constructor(
    private readonly log: DeliveryLog,
    private readonly senders: Partial<Record<Platform, PlatformSender>>,
    private readonly logger: Logger,
    options: Partial<DeliveryQueueOptions> = {},
  ) {
    this.options = { ...DELIVERY_DEFAULTS, ...options };
  }

  private get platforms(): string[] {
    return Object.entries(this.senders)
      .filter(([, sender]) => sender)
      .map(([platform]) => platform);
  }

  private readyPlatforms(): string[] {
    return Object.entries(this.senders)
      .filter(([, sender]) => sender && (sender.ready?.() ?? true))
      .map(([platform]) => platform);
  }

  async send(message: OutboundMessage): Promise<void> {
    await this.log.enqueue(message);
    this.wake();
  }

  start(): void {
    if (this.running || this.platforms.length === 0) return;
    this.running = true;
    this.timers.push(setInterval(() => this.wake(), this.options.pollMs));
    this.timers.push(setInterval(() => void this.renewLeases(), this.options.leaseMs / 3));
    this.timers.push(setInterval(() => void this.recover(), this.options.leaseMs / 2));
    void this.recover();
    this.wake();
  }

  /**
   * Sends what is due for up to `drainMs`, then stops claiming, gives back what is claimed but not
   * started (another worker or the next start sends it), and waits for the sends under way.
   */
  async stop(drainMs = 5000): Promise<void> {
    if (!this.running) return;
    await this.idle(drainMs).catch(() => this.logger.warn('stopping with messages still queued; they are sent at the next start'));
    this.running = false;
    for (const timer of this.timers.splice(0)) clearInterval(timer);
    await this.log.release(this.worker).catch((error: unknown) => this.logger.error('could not release claimed deliveries', { error }));
    await Promise.allSettled([...this.inFlight]);
  }

  /** Resolves when nothing is left to send on this worker's platforms (tests, shutdown of a one-off run). */
  async idle(timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.inFlight.size > 0 || (await this.log.open(this.platforms)) > 0) {
      if (Date.now() > deadline) throw new Error('the delivery queue did not empty in time');
      this.wake();
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  private wake(): void {
    if (!this.running) return;
    if (this.pumping) {
      this.wakeAgain = true;
      return;
    }
    this.pumping = true;
    void this.pump()
      .catch((error: unknown) => this.logger.error('delivery queue could not claim work', { error }))
      .finally(() => {
        this.pumping = false;
      });
  }

  private async pump(): Promise<void> {
    do {
      this.wakeAgain = false;
      const room = this.options.maxInFlight - this.inFlight.size;
      const rows = await this.log.claim(this.worker, this.readyPlatforms(), room, this.options.leaseMs);
      for (const row of rows) {
        const sending: Promise<void> = this.deliver(row)
          .catch((error: unknown) => this.logger.error('could not record a delivery outcome', { delivery: row.id, error }))
          .finally(() => {
          this.inFlight.delete(sending);
          this.wake();
        });
        this.inFlight.add(sending);
      }
      if (rows.length === room && room > 0) this.wakeAgain = true;
    } while (this.wakeAgain && this.running && this.inFlight.size < this.options.maxInFlight);
  }

  private async deliver(row: ClaimedDelivery): Promise<void> {
    const sender = this.senders[row.platform as Platform]!;
    const { leaseMs, maxAttempts } = this.options;
    let started = false;
    try {
      const ids = await sender.deliver(row.message, async () => {
        if (!this.running || !(await this.log.markSending(row.id, this.worker, leaseMs))) throw new LeaseLost();
        started = true;
      });
      await this.log.markSent(row.id, this.worker, ids);
    } catch (error) {
      if (error instanceof LeaseLost) return;
      const failure = error instanceof DeliveryError ? error : new DeliveryError(String(error), 'uncertain');
      const attempts = row.attempts + 1;
      const throttled = failure.failure === 'retry' && failure.hold.throttled === true;
      if (failure.failure === 'retry' && (attempts < maxAttempts || throttled)) {
        await this.log.retryLater(row.id, this.worker, failure.hold.retryAfterMs ?? Math.min(1000 * 2 ** attempts, 300_000), failure.message, { uncounted: throttled && started });
      } else {
        await this.log.markEnded(row.id, this.worker, failure.failure === 'uncertain' ? 'UNCERTAIN' : 'FAILED', failure.message);
        this.logger.warn('message not delivered', { delivery: row.id, chat: row.message.chat.id, outcome: failure.failure, reason: failure.message });
      }
    }
  }

  private async renewLeases(): Promise<void> {
    await this.log.extendLeases(this.worker, this.options.leaseMs).catch((error: unknown) => this.logger.error('could not renew delivery leases', { error }));
  }

  private async recover(): Promise<void> {
    try {
      const uncertain = await this.log.recoverExpired();
      for (const row of uncertain) this.logger.warn('a worker died while sending; delivery uncertain, not resent', { delivery: row.id, source: row.source });
    } catch (error) {
      this.logger.error('could not recover deliveries of stopped workers', { error });
    }
  }
}
