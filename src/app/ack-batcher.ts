import type { ChatRef, OutboundMessage } from '../core/message.ts';
import type { Clock, Outbox, Scheduler } from '../core/ports.ts';
import { formatChinaIsoDate } from '../core/time/parse-time-phrase.ts';
import type { Translator } from '../i18n/index.ts';
import type { Logger } from '../logger.ts';
import { ACK_LEASE_MS, chatKey, type AckBatch, type AckChatState, type AckEntry, type AckStore } from './ack-store.ts';

export type { AckEntry } from './ack-store.ts';

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
  scheduled: boolean;
  /** The group's last post as this process last saw it (the lease holder reads the shared one). */
  lastPostAt: number;
}

export interface AckBatcherDeps {
  /** Where every process keeps the groups' waiting entries. */
  store: AckStore;
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
 *
 * The entries wait in the database (ack-store.ts), not in this process: with several processes each
 * schedules a flush for the groups it heard from, and the one holding the group's lease posts
 * everyone's names; one that dies leaves them to the next flush, of any process.
 */
export class AckBatcher {
  private readonly chats = new Map<string, ChatAcks>();
  private sweeper: NodeJS.Timeout | undefined;

  constructor(private readonly deps: AckBatcherDeps) {}

  /** Queues an acknowledgement; the first one since the last post schedules the next post. */
  async add(chat: ChatRef, entry: AckEntry): Promise<void> {
    await this.deps.store.add(chat, entry, this.deps.clock.now());
    const key = chatKey(chat);
    const state = this.local(key);
    if (state.scheduled) return;
    await this.schedule(key, this.dueAt(chat.platform, state.lastPostAt));
  }

  private local(key: string): ChatAcks {
    const state = this.chats.get(key) ?? { scheduled: false, lastPostAt: Number.NEGATIVE_INFINITY };
    this.chats.set(key, state);
    return state;
  }

  private async schedule(key: string, at: number): Promise<void> {
    this.local(key).scheduled = true;
    await this.deps.scheduler.schedule({ id: `acks:${key}`, name: ACK_FLUSH_JOB, at: new Date(at), data: { key } });
  }

  private minGap(platform: string): number {
    return this.deps.editable(platform) ? Math.max(LIVE_EDIT_GAP_MS, this.deps.intervalMs) : this.deps.intervalMs;
  }

  private dueAt(platform: string, lastPostAt: number): number {
    const { intervalMs } = this.deps;
    const now = this.deps.clock.now().getTime();
    const first = Math.min(ACK_FIRST_DELAY_MS, intervalMs);
    if (this.deps.editable(platform)) return Math.max(now + first, lastPostAt + this.minGap(platform));
    const quiet = now - lastPostAt >= ACK_QUIET_MS;
    return Math.max(now + (quiet ? first : ACK_WINDOW_MS), lastPostAt + intervalMs);
  }

  /**
   * Posts (or edits in) what one group has waiting, from every process (called by the scheduled
   * job). Another process holding the group: this one looks again shortly (or when a dead holder's
   * lease runs out). `now`: before a close or at shutdown, whatever the pacing.
   */
  async flush(key: string, now = false): Promise<void> {
    const { store, clock } = this.deps;
    const state = this.local(key);
    state.scheduled = false;
    const platform = key.slice(0, key.indexOf(':'));
    const claimed = await store.claim(key, clock.now());
    const at = clock.now().getTime();
    if ('heldUntil' in claimed) return this.schedule(key, Math.max(at + 500, Math.min(claimed.heldUntil, at + this.deps.intervalMs)));
    const shared = claimed.state;
    state.lastPostAt = Math.max(state.lastPostAt, shared.lastPostAt);
    // Another process posted here meanwhile: the group's pacing holds, whoever posts.
    if (!now && at < shared.lastPostAt + this.minGap(platform)) {
      await store.release(key);
      return this.schedule(key, this.dueAt(platform, shared.lastPostAt));
    }
    const taken = await store.take(key);
    if (!taken) return store.release(key);
    for (const batch of taken.batches) await this.post(taken.chat, batch, shared);
    shared.lastPostAt = state.lastPostAt = at;
    await store.finish(key, taken.batches.map((b) => b.key), shared);
  }

  private async post(chat: ChatRef, batch: AckBatch, shared: AckChatState): Promise<void> {
    const { entries } = batch;
    if (!this.deps.editable(chat.platform)) return this.deps.outbox.send({ chat, text: this.lines(entries), delivery: { key: `acks.${batch.key}` } });
    const sessions = [...new Set(entries.flatMap((e) => (e.status !== 'CONFIRMED' && e.sessionId !== undefined ? [e.sessionId] : [])))];
    const rest: AckEntry[] = entries.filter((e) => e.status !== 'CONFIRMED' && e.sessionId === undefined);
    for (const sessionId of sessions) {
      try {
        const live = await this.deps.liveList(chat, sessionId);
        const replaces = entries.find((e) => e.sessionId === sessionId && e.liveMessageId)?.liveMessageId;
        if (live) await this.deps.outbox.send(replaces && live.live ? { ...live, live: { ...live.live, replaces } } : live);
      } catch (error) {
        // Without the list (the database is away) the names still reach the group, as a post.
        this.deps.log.warn('could not refresh the live check-in list; posting the names', { chat: chat.id, sessionId, error });
        rest.push(...entries.filter((e) => e.sessionId === sessionId && e.status !== 'CONFIRMED'));
      }
    }
    if (rest.length) await this.deps.outbox.send({ chat, text: this.lines(rest) });
    const confirmed = entries.filter((e) => e.status === 'CONFIRMED');
    if (confirmed.length) await this.deps.outbox.send(this.confirmedList(chat, shared, confirmed));
  }

  /** One post naming these entries: on time, late, confirmed, one line each. */
  private lines(entries: AckEntry[]): string {
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
  private confirmedList(chat: ChatRef, shared: AckChatState, entries: AckEntry[]): OutboundMessage {
    const day = formatChinaIsoDate(this.deps.clock.now());
    if (shared.confirmed?.day !== day) shared.confirmed = { day, names: [] };
    shared.confirmed.names.push(...entries.map((e) => e.name));
    const { names } = shared.confirmed;
    return { chat, text: this.deps.t('notice.batchConfirmed', { count: names.length, names: names.join('、') }), live: { key: `confirmed:${day}` } };
  }

  /** Sends every waiting batch now, this process's and any other's (before a close or a reminder, and at shutdown). */
  async flushAll(): Promise<void> {
    const keys = new Set([...this.chats.keys(), ...(await this.deps.store.waitingChats())]);
    for (const key of keys) await this.flush(key, true);
  }

  /** Schedules a flush of every group with entries waiting and none scheduled here: what a process that stopped or died left. */
  async recover(): Promise<void> {
    for (const key of await this.deps.store.waitingChats()) {
      const state = this.local(key);
      if (!state.scheduled) await this.schedule(key, this.dueAt(key.slice(0, key.indexOf(':')), state.lastPostAt));
    }
  }

  /** Looks for what other processes left behind every lease period (in production; tests call recover()). */
  startSweeping(): void {
    this.sweeper ??= setInterval(() => void this.recover().catch((error) => this.deps.log.warn('could not look for waiting acknowledgements', { error })), ACK_LEASE_MS);
    this.sweeper.unref();
  }

  stopSweeping(): void {
    clearInterval(this.sweeper);
    this.sweeper = undefined;
  }
}
