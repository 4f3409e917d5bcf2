import type { ChatRef } from '../core/message.ts';
import type { Clock, Outbox, Scheduler } from '../core/ports.ts';
import type { Translator } from '../i18n/index.ts';

export interface AckEntry {
  name: string;
  /** PRESENT and LATE acknowledge check-ins, CONFIRMED a 收到 to an opening notice. */
  status: 'PRESENT' | 'LATE' | 'CONFIRMED';
  minutesLate?: number;
}

export const ACK_FLUSH_JOB = 'acks.flush';

/** How long the first acknowledgement after a quiet spell waits for others to join it. */
export const ACK_FIRST_DELAY_MS = 2500;

/**
 * Collects check-in acknowledgements per group and sends them as one message, because a group of
 * 300 trainees answered one by one would flood the chat and hit platform limits. The first batch
 * after a quiet spell goes 2.5 s after its first check-in (a burst of 500 is answered within 3 s);
 * after that a group gets at most one acknowledgement every `intervalMs` while check-ins keep coming.
 */
export class AckBatcher {
  private readonly pending = new Map<string, { chat: ChatRef; entries: AckEntry[] }>();
  private readonly lastSent = new Map<string, number>();

  constructor(
    private readonly deps: { scheduler: Scheduler; clock: Clock; outbox: Outbox; t: Translator; intervalMs: number },
  ) {}

  /** Queues an acknowledgement; the first one in a batch schedules the flush. */
  async add(chat: ChatRef, entry: AckEntry): Promise<void> {
    const key = `${chat.platform}:${chat.id}`;
    const batch = this.pending.get(key);
    if (batch) {
      batch.entries.push(entry);
      return;
    }
    this.pending.set(key, { chat, entries: [entry] });
    const now = this.deps.clock.now().getTime();
    const at = Math.max(now + Math.min(ACK_FIRST_DELAY_MS, this.deps.intervalMs), (this.lastSent.get(key) ?? 0) + this.deps.intervalMs);
    await this.deps.scheduler.schedule({ id: `acks:${key}`, name: ACK_FLUSH_JOB, at: new Date(at), data: { key } });
  }

  /** Sends the batch for one chat (called by the scheduled job). */
  async flush(key: string): Promise<void> {
    const batch = this.pending.get(key);
    this.pending.delete(key);
    if (!batch || batch.entries.length === 0) return;
    this.lastSent.set(key, this.deps.clock.now().getTime());
    const { t } = this.deps;
    const onTime = batch.entries.filter((e) => e.status === 'PRESENT');
    const late = batch.entries.filter((e) => e.status === 'LATE');
    const lines: string[] = [];
    if (onTime.length) lines.push(t('checkin.batchPresent', { count: onTime.length, names: onTime.map((e) => e.name).join('、') }));
    if (late.length) {
      const names = late.map((e) => t('checkin.batchLateName', { name: e.name, minutes: e.minutesLate ?? 0 })).join('、');
      lines.push(t('checkin.batchLate', { count: late.length, names }));
    }
    const confirmed = batch.entries.filter((e) => e.status === 'CONFIRMED');
    if (confirmed.length) lines.push(t('notice.batchConfirmed', { count: confirmed.length, names: confirmed.map((e) => e.name).join('、') }));
    await this.deps.outbox.send({ chat: batch.chat, text: lines.join('\n') });
  }

  /** Sends every pending batch now (used at shutdown). */
  async flushAll(): Promise<void> {
    for (const key of [...this.pending.keys()]) await this.flush(key);
  }
}
