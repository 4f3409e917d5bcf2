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

/**
 * Collects check-in acknowledgements per group and sends them as one message every few seconds,
 * because a group of 300 trainees answered one by one would flood the chat and hit platform limits.
 */
export class AckBatcher {
  private readonly pending = new Map<string, { chat: ChatRef; entries: AckEntry[] }>();

  constructor(
    private readonly deps: { scheduler: Scheduler; clock: Clock; outbox: Outbox; t: Translator; delayMs: number },
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
    await this.deps.scheduler.schedule({
      id: `acks:${key}`,
      name: ACK_FLUSH_JOB,
      at: new Date(this.deps.clock.now().getTime() + this.deps.delayMs),
      data: { key },
    });
  }

  /** Sends the batch for one chat (called by the scheduled job). */
  async flush(key: string): Promise<void> {
    const batch = this.pending.get(key);
    this.pending.delete(key);
    if (!batch || batch.entries.length === 0) return;
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
