import type { ChatRef, OutboundMessage } from '../core/message.ts';
import type { Clock, Outbox, Scheduler } from '../core/ports.ts';
import { formatChinaIsoDate } from '../core/time/parse-time-phrase.ts';
import type { Translator } from '../i18n/index.ts';
import type { Logger } from '../logger.ts';

export interface AckEntry {
  name: string;
  /** PRESENT and LATE acknowledge check-ins, CONFIRMED a 收到 to an opening notice. */
  status: 'PRESENT' | 'LATE' | 'CONFIRMED';
  minutesLate?: number;
  /** The session a check-in belongs to: on platforms that edit, its live list is refreshed. */
  sessionId?: number;
  /** The platform id of the session's live list, when the check-in came from its button. */
  liveMessageId?: string;
}

export const ACK_FLUSH_JOB = 'acks.flush';

/** How long the first acknowledgement after a quiet spell waits for others to join it. */
export const ACK_FIRST_DELAY_MS = 2500;
/**
 * After the first post, a post waits this long for others to join: everyone is still named within a
 * minute of their message (two seconds spare for pacing), and a trickle costs one message a minute.
 */
export const ACK_WINDOW_MS = 58_000;
/** A spell this long without a post starts over with a quick first post. */
export const ACK_QUIET_MS = 60_000;
/** Where messages are edited, the live list changes at most this often (edits share the group's rate budget). */
export const LIVE_EDIT_GAP_MS = 6000;

interface ChatAcks {
  chat: ChatRef;
  pending: AckEntry[];
  scheduled: boolean;
  lastPostAt: number;
  /** Where messages are edited: who confirmed an opening notice today, for the day's 收到 list. */
  confirmed?: { day: string; names: string[] };
}

export interface AckBatcherDeps {
  scheduler: Scheduler;
  clock: Clock;
  outbox: Outbox;
  t: Translator;
  /** The minimum gap between two posts in one group. */
  intervalMs: number;
  log: Logger;
  /** True for platforms that edit a live message in place. */
  editable: (platform: string) => boolean;
  /** A session's live list for a chat (announcement, count, names, button). */
  liveList: (chat: ChatRef, sessionId: number) => Promise<OutboundMessage | null>;
}

/**
 * Acknowledges check-ins and 收到 in a group without flooding it, under any arrival pattern. Where
 * messages can be edited (Telegram) each session has one live list, the opening announcement, edited
 * in place with the running count and every name. Elsewhere (WeChat, playground) posts name everyone
 * since the last: the first 2.5 s after its first entry (a burst of 500 is answered within 3 s), the
 * next ones after a growing wait of up to 58 s while entries keep coming, so 50 trainees trickling in
 * over 5 minutes get about 6 messages and every name still appears within a minute.
 */
export class AckBatcher {
  private readonly chats = new Map<string, ChatAcks>();

  constructor(private readonly deps: AckBatcherDeps) {}

  /** Queues an acknowledgement; the first one since the last post schedules the next post. */
  async add(chat: ChatRef, entry: AckEntry): Promise<void> {
    const key = `${chat.platform}:${chat.id}`;
    const state = this.chats.get(key) ?? { chat, pending: [], scheduled: false, lastPostAt: Number.NEGATIVE_INFINITY };
    this.chats.set(key, state);
    state.pending.push(entry);
    if (state.scheduled) return;
    state.scheduled = true;
    await this.deps.scheduler.schedule({ id: `acks:${key}`, name: ACK_FLUSH_JOB, at: new Date(this.dueAt(state)), data: { key } });
  }

  private dueAt(state: ChatAcks): number {
    const { intervalMs } = this.deps;
    const now = this.deps.clock.now().getTime();
    const first = Math.min(ACK_FIRST_DELAY_MS, intervalMs);
    if (this.deps.editable(state.chat.platform)) return Math.max(now + first, state.lastPostAt + Math.max(LIVE_EDIT_GAP_MS, intervalMs));
    const quiet = now - state.lastPostAt >= ACK_QUIET_MS;
    return Math.max(now + (quiet ? first : ACK_WINDOW_MS), state.lastPostAt + intervalMs);
  }

  /** Posts (or edits in) what one chat has pending (called by the scheduled job). */
  async flush(key: string): Promise<void> {
    const state = this.chats.get(key);
    if (!state) return;
    const entries = state.pending.splice(0);
    state.scheduled = false;
    if (entries.length === 0) return;
    state.lastPostAt = this.deps.clock.now().getTime();
    if (!this.deps.editable(state.chat.platform)) return this.deps.outbox.send({ chat: state.chat, text: this.post(entries) });
    const sessions = [...new Set(entries.flatMap((e) => (e.status !== 'CONFIRMED' && e.sessionId !== undefined ? [e.sessionId] : [])))];
    const rest: AckEntry[] = entries.filter((e) => e.status !== 'CONFIRMED' && e.sessionId === undefined);
    for (const sessionId of sessions) {
      try {
        const live = await this.deps.liveList(state.chat, sessionId);
        const replaces = entries.find((e) => e.sessionId === sessionId && e.liveMessageId)?.liveMessageId;
        if (live) await this.deps.outbox.send(replaces && live.live ? { ...live, live: { ...live.live, replaces } } : live);
      } catch (error) {
        // Without the list (the database is away) the names still reach the group, as a post.
        this.deps.log.warn('could not refresh the live check-in list; posting the names', { chat: state.chat.id, sessionId, error });
        rest.push(...entries.filter((e) => e.sessionId === sessionId && e.status !== 'CONFIRMED'));
      }
    }
    if (rest.length) await this.deps.outbox.send({ chat: state.chat, text: this.post(rest) });
    const confirmed = entries.filter((e) => e.status === 'CONFIRMED');
    if (confirmed.length) await this.deps.outbox.send(this.confirmedList(state, confirmed));
  }

  /** One post naming these entries: on time, late, confirmed, one line each. */
  private post(entries: AckEntry[]): string {
    const { t } = this.deps;
    const onTime = entries.filter((e) => e.status === 'PRESENT');
    const late = entries.filter((e) => e.status === 'LATE');
    const confirmed = entries.filter((e) => e.status === 'CONFIRMED');
    const lines: string[] = [];
    if (onTime.length) lines.push(t('checkin.batchPresent', { count: onTime.length, names: onTime.map((e) => e.name).join('、') }));
    if (late.length) {
      const names = late.map((e) => t('checkin.batchLateName', { name: e.name, minutes: e.minutesLate ?? 0 })).join('、');
      lines.push(t('checkin.batchLate', { count: late.length, names }));
    }
    if (confirmed.length) lines.push(t('notice.batchConfirmed', { count: confirmed.length, names: confirmed.map((e) => e.name).join('、') }));
    return lines.join('\n');
  }

  /** The day's 收到 list of a chat, one message edited in place. */
  private confirmedList(state: ChatAcks, entries: AckEntry[]): OutboundMessage {
    const day = formatChinaIsoDate(this.deps.clock.now());
    if (state.confirmed?.day !== day) state.confirmed = { day, names: [] };
    state.confirmed.names.push(...entries.map((e) => e.name));
    const { names } = state.confirmed;
    return { chat: state.chat, text: this.deps.t('notice.batchConfirmed', { count: names.length, names: names.join('、') }), live: { key: `confirmed:${day}` } };
  }

  /** Sends every pending batch now (before a close or a reminder, and at shutdown). */
  async flushAll(): Promise<void> {
    for (const key of [...this.chats.keys()]) await this.flush(key);
  }
}
