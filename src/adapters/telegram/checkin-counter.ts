import type { Api } from 'grammy';
import type { Logger } from '../../logger.ts';
import { escapeHtml } from './encode.ts';

const COUNT_LINE = /\n\n✅ 已签到 \d+\/\d+ 人$/;

/**
 * Keeps the running count on a check-in message up to date by editing it, at most once per
 * `intervalMs` per message (Telegram throttles edits), always showing the latest count.
 */
export class CheckinCounter {
  private readonly pending = new Map<string, { chatId: number; messageId: number; base: string; done: number; enrolled: number; markup: unknown }>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    private readonly api: Api,
    private readonly log: Logger,
    private readonly intervalMs = 3000,
  ) {}

  /** Records the latest count for a message; the edit follows within the interval. */
  update(chatId: number, messageId: number, currentText: string, markup: unknown, done: number, enrolled: number): void {
    const key = `${chatId}:${messageId}`;
    const base = this.pending.get(key)?.base ?? currentText.replace(COUNT_LINE, '');
    this.pending.set(key, { chatId, messageId, base, done, enrolled, markup });
    if (this.timers.has(key)) return;
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        const edit = this.edit(key).finally(() => this.inFlight.delete(edit));
        this.inFlight.add(edit);
      }, this.intervalMs),
    );
  }

  private async edit(key: string): Promise<void> {
    const item = this.pending.get(key);
    if (!item) return;
    const text = `${escapeHtml(item.base)}\n\n✅ 已签到 ${item.done}/${item.enrolled} 人`;
    try {
      await this.api.editMessageText(item.chatId, item.messageId, text, { parse_mode: 'HTML', reply_markup: item.markup as never });
    } catch (error) {
      this.log.warn('could not update the check-in count', { chat: item.chatId, error });
    }
  }

  /** Sends every pending edit now (shutdown, tests). */
  async flush(): Promise<void> {
    for (const [key, timer] of this.timers) {
      clearTimeout(timer);
      this.timers.delete(key);
      await this.edit(key);
    }
    await Promise.all([...this.inFlight]);
  }
}
