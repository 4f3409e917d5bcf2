import { notifyAdmins } from '../../app/notify.ts';
import type { Bot as CoreBot } from '../../bot/create-bot.ts';
import type { Clock } from '../../core/ports.ts';
import type { Logger } from '../../logger.ts';
import type { PaceLimits, SenderTime } from '../shared/paced-sender.ts';
import { decodeQqMessage, qqName, type QqLookups } from './decode.ts';
import { OneBotClient, type OneBotConnection } from './onebot-client.ts';
import type { GroupMember, MessageEvent, MetaEvent, NoticeEvent, OneBotEvent } from './onebot-types.ts';
import { QqOutbox } from './qq-outbox.ts';

export interface QqOptions {
  connection: OneBotConnection;
  accessToken?: string;
  clock: Clock;
  log: Logger;
  limits?: PaceLimits;
  time?: SenderTime;
  /** Events older than this are replays (NapCat re-posts at login) and are ignored. */
  maxMessageAgeSeconds?: number;
  reconnectMs?: { first: number; max: number };
  silenceMs?: number;
  callTimeoutMs?: number;
  riskBackoff?: { firstMs: number; maxMs: number };
  /** The connection must stay down this long before the admins are told (a quick reconnect is no news). */
  offlineNoticeMs?: number;
  /** Waits between connection attempts (tests pass a virtual one). */
  reconnectSleep?: (ms: number) => Promise<void>;
  /** How often a group muted for everyone is looked at again (besides NapCat's unmute notice). */
  muteRecheckMs?: number;
}

/** Messages asked for per page of a group's history after a reconnect (NapCat keeps nothing for a client that was away). */
const HISTORY_COUNT = 50;
const HISTORY_PAGES = 5;
const REFUSED_LOG_EVERY_MS = 60_000;
/** A bot away for longer reads only this much of each group's history: what was said days ago is no longer news. */
const CATCH_UP_MAX_MS = 12 * 3600_000;
/** Read a little before the last message stored: NapCat's clock and the bot's may differ by seconds (the inbound store drops what was heard). */
const CATCH_UP_OVERLAP_MS = 60_000;

/**
 * The QQ adapter: OneBot v11 (NapCatQQ) in, OneBot out, translating only. It keeps the connection
 * (see OneBotClient), learns the bot's QQ number at each connection, lists group members for
 * 核对名单, and tells the admins — elsewhere than QQ — when QQ is offline for a while or held back
 * by risk control, and when it is back.
 */
export class QqAdapter {
  readonly client: OneBotClient;
  readonly outbox: QqOutbox;
  private selfId = '';
  private readonly titles = new Map<string, string>();
  private readonly names = new Map<string, string>();
  private offlineTimer: NodeJS.Timeout | undefined;
  private toldOffline = false;
  private toldRefused = false;
  private refusedLoggedAt = -Infinity;
  private live = false;
  /** True from a connection until the groups' history since the last message heard has been read. */
  catchingUp = false;
  /** The history being read now; stopping waits for it, and it reads no further once stopping. */
  private catchingUpWork: Promise<void> | undefined;
  private stopping = false;
  private core: CoreBot | undefined;

  constructor(private readonly options: QqOptions) {
    const log = options.log;
    this.client = new OneBotClient({
      connection: options.connection,
      accessToken: options.accessToken,
      log,
      reconnectMs: options.reconnectMs,
      silenceMs: options.silenceMs,
      callTimeoutMs: options.callTimeoutMs,
      sleep: options.reconnectSleep,
    });
    this.outbox = new QqOutbox(this.client, log, {
      limits: options.limits,
      time: options.time,
      backoff: options.riskBackoff,
      muteRecheckMs: options.muteRecheckMs,
      onHold: (state, holdMs) => void this.tellAdmins(state === 'held' ? 'qq.riskControl' : 'qq.riskControlOver', { minutes: Math.max(1, Math.round(holdMs / 60_000)) }),
      unreachableText: () => this.core?.app.t('qq.addFriend') ?? '',
    });
    this.client.on('refused', (reason) => this.refused(reason));
  }

  /** A wrong token: logged once a minute, the admins told once, until a connection is accepted again. */
  private refused(reason: string): void {
    const now = Date.now();
    if (now - this.refusedLoggedAt >= REFUSED_LOG_EVERY_MS) {
      this.refusedLoggedAt = now;
      this.options.log.error('the OneBot implementation refused our access token (ONEBOT_ACCESS_TOKEN must equal the token in its WebSocket config)', { reason });
    }
    if (this.toldRefused) return;
    this.toldRefused = true;
    void this.tellAdmins('qq.tokenRefused');
  }

  /** The bot's QQ number once connected. */
  get self(): string {
    return this.selfId;
  }

  /** Connects the adapter to the core and registers the event handlers. */
  attach(core: CoreBot): void {
    this.core = core;
    const { log } = this.options;
    core.app.platforms.memberLists.set('qq', async (groupId) => {
      const members = await this.client.call<GroupMember[]>('get_group_member_list', { group_id: Number(groupId) });
      return members.filter((m) => String(m.user_id) !== this.selfId).map((m) => ({ id: String(m.user_id), name: qqName(m, String(m.user_id)) }));
    });
    this.client.on('open', () => void this.connected());
    this.client.on('close', (reason) => {
      if (this.live) log.warn('qq connection lost', { reason });
      this.live = false;
      this.armOfflineNotice();
    });
    this.client.on('event', (event) => {
      this.onEvent(event).catch((error: unknown) => log.error('a QQ event could not be handled', { error, post: event.post_type }));
    });
  }

  async start(): Promise<void> {
    this.armOfflineNotice();
    await this.client.start();
  }

  /** Tells the admins once if the connection is not (back) within the grace time. */
  private armOfflineNotice(): void {
    this.offlineTimer ??= setTimeout(() => {
      this.toldOffline = true;
      // A refused token has been reported already: one notice for one fault.
      if (!this.toldRefused) void this.tellAdmins('qq.offline');
    }, this.options.offlineNoticeMs ?? 120_000);
    this.offlineTimer.unref();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    clearTimeout(this.offlineTimer);
    await this.catchingUpWork;
    await this.outbox.drain();
    await this.client.stop();
  }

  private async connected(): Promise<void> {
    const { log } = this.options;
    this.catchingUp = true;
    try {
      const info = await this.client.call<{ user_id: number; nickname?: string }>('get_login_info');
      this.selfId = String(info.user_id);
      log.info('qq connected', { self: this.selfId, nickname: info.nickname });
    } catch (error) {
      // A refused token closes the connection before the answer: that is not a connection.
      if (!this.client.connected) return void (this.catchingUp = false);
      log.warn('could not read the QQ login info; taking the bot id from events', { error });
    }
    this.live = true;
    this.toldRefused = false;
    clearTimeout(this.offlineTimer);
    this.offlineTimer = undefined;
    if (this.toldOffline) {
      this.toldOffline = false;
      await this.tellAdmins('qq.backOnline');
    }
    this.catchingUpWork = this.catchUp()
      .catch((error: unknown) => log.warn('could not read what the groups said while QQ was away', { error }))
      .finally(() => (this.catchingUp = false));
    await this.catchingUpWork;
  }

  /**
   * NapCat queues nothing for a client that was away: what each bound group said since the last
   * message stored from it (the inbound store outlives a restart of the bot, too) is read from its
   * history and handled as if it had just come, with its own time; what was heard already is dropped
   * by the inbound store. A group never heard from is read back over the replay window only.
   */
  private async catchUp(): Promise<void> {
    if (!this.core) return;
    const { db } = this.core.app;
    const groups = await db.groupChat.findMany({ where: { platform: 'qq' }, select: { chatId: true } });
    const heard = await db.inboundMessage.groupBy({ by: ['chatId'], where: { platform: 'qq', chatId: { in: groups.map((g) => g.chatId) } }, _max: { sentAt: true } });
    const lastHeard = new Map(heard.map((h) => [h.chatId, h._max.sentAt?.getTime()]));
    const now = this.options.clock.now().getTime();
    const window = (this.options.maxMessageAgeSeconds ?? 300) * 1000;
    for (const { chatId } of groups) {
      const last = lastHeard.get(chatId);
      const since = Math.max(last === undefined ? now - window : last - CATCH_UP_OVERLAP_MS, now - CATCH_UP_MAX_MS);
      for (const message of await this.historySince(chatId, since)) {
        if (this.stopping) return;
        await this.onMessage(message, new Date(message.time * 1000));
      }
    }
  }

  /** A group's messages since `since` (ms), oldest first: pages of history back from the newest, HISTORY_PAGES at most. */
  private async historySince(group: string, since: number): Promise<MessageEvent[]> {
    const found = new Map<string, MessageEvent>();
    let before: number | string | undefined;
    for (let page = 0; page < HISTORY_PAGES; page++) {
      const history = await this.client.call<{ messages?: MessageEvent[] }>('get_group_msg_history', { group_id: Number(group), count: HISTORY_COUNT, ...(before === undefined ? {} : { message_seq: before }) }).catch(() => undefined);
      const messages = (history?.messages ?? []).filter((m) => m.post_type === 'message' && typeof m.time === 'number');
      for (const m of messages) if (m.time * 1000 >= since) found.set(String(m.message_id), m);
      const oldest = messages.reduce<MessageEvent | undefined>((a, m) => (a && a.time <= m.time ? a : m), undefined);
      if (!oldest || oldest.time * 1000 < since || messages.length < HISTORY_COUNT || oldest.message_id === before) break;
      before = oldest.message_id;
    }
    return [...found.values()].sort((a, b) => a.time - b.time);
  }

  private async onEvent(event: OneBotEvent): Promise<void> {
    if (event.self_id !== undefined && !this.selfId) this.selfId = String(event.self_id);
    if (event.post_type === 'meta_event') return this.onMeta(event as MetaEvent);
    if (event.post_type === 'notice') return this.onNotice(event as NoticeEvent);
    // Private replies (学时, details) reach only the account's friends: accept whoever asks.
    if (event.post_type === 'request' && 'request_type' in event && event.request_type === 'friend') {
      await this.client.call('set_friend_add_request', { flag: event.flag, approve: true });
      return;
    }
    if (event.post_type !== 'message') return;
    const message = event as MessageEvent;
    const maxAge = (this.options.maxMessageAgeSeconds ?? 300) * 1000;
    const now = this.options.clock.now();
    if (typeof message.time === 'number' && message.time * 1000 < now.getTime() - maxAge) {
      this.options.log.debug('ignored a replayed QQ message', { id: message.message_id, time: message.time });
      return;
    }
    // Live messages are timed by the bot's clock, as on WeChat; replays were filtered out above.
    await this.onMessage(message, now);
  }

  private async onMessage(message: MessageEvent, sentAt: Date): Promise<void> {
    if (!this.core) return;
    if (message.group_id !== undefined) {
      const group = String(message.group_id);
      if (message.group_name) this.titles.set(group, message.group_name);
      if (message.sender) this.names.set(`${group}:${message.user_id}`, qqName(message.sender, String(message.user_id)));
    }
    const inbound = await decodeQqMessage(message, this.lookups(), sentAt);
    if (inbound) await this.core.handler.handle(inbound);
  }

  private onMeta(event: MetaEvent): void {
    if (event.meta_event_type === 'heartbeat' && event.status && typeof event.status.online === 'boolean') {
      if (this.outbox.online !== event.status.online) this.options.log.warn(event.status.online ? 'the QQ account is online again' : 'NapCat reports the QQ account offline');
      this.outbox.online = event.status.online;
    }
  }

  private async onNotice(event: NoticeEvent): Promise<void> {
    // The whole group (user 0) or the bot muted or unmuted: only that group's sending waits.
    if (event.notice_type === 'group_ban' && event.group_id !== undefined && (Number(event.user_id) === 0 || String(event.user_id) === this.selfId)) {
      this.outbox.setMuted(String(event.group_id), event.sub_type === 'ban');
      return;
    }
    if (event.notice_type !== 'group_increase' || event.group_id === undefined || event.user_id === undefined || !this.core) return;
    const userId = String(event.user_id);
    if (userId === this.selfId) return;
    const groupId = String(event.group_id);
    const lookups = this.lookups();
    const name = (await lookups.memberName(groupId, userId)) ?? userId;
    await this.core.handler.handleJoin({
      chat: { platform: 'qq', id: groupId, kind: 'group', title: await lookups.groupTitle(groupId) },
      members: [{ id: userId, name }],
      messageId: `join:${event.time}:${userId}`,
      sentAt: this.options.clock.now(),
    });
  }

  private lookups(): QqLookups {
    const quiet = <T>(work: Promise<T>) => work.catch(() => undefined);
    return {
      selfId: this.selfId,
      groupTitle: async (groupId) => {
        const known = this.titles.get(groupId);
        if (known) return known;
        const info = await quiet(this.client.call<{ group_name?: string }>('get_group_info', { group_id: Number(groupId) }, 5000));
        if (info?.group_name) this.titles.set(groupId, info.group_name);
        return info?.group_name;
      },
      memberName: async (groupId, userId) => {
        const known = this.names.get(`${groupId}:${userId}`);
        if (known) return known;
        const member = await quiet(this.client.call<GroupMember>('get_group_member_info', { group_id: Number(groupId), user_id: Number(userId) }, 5000));
        const name = member ? qqName(member, userId) : undefined;
        if (name) this.names.set(`${groupId}:${userId}`, name);
        return name;
      },
      isOwnMessage: async (messageId) => {
        if (this.outbox.isOwn(messageId)) return true;
        const original = await quiet(this.client.call<{ sender?: { user_id?: number }; user_id?: number }>('get_msg', { message_id: Number(messageId) || messageId }, 5000));
        const from = original?.sender?.user_id ?? original?.user_id;
        return from !== undefined && String(from) === this.selfId;
      },
    };
  }

  private async tellAdmins(key: 'qq.offline' | 'qq.backOnline' | 'qq.riskControl' | 'qq.riskControlOver' | 'qq.tokenRefused', params: Record<string, number> = {}): Promise<void> {
    if (!this.core) return;
    const app = this.core.app;
    await notifyAdmins(app, app.t(key, params), { avoid: 'qq', elsewhereOnly: true }).catch((error: unknown) => this.options.log.warn('could not tell the admins', { error }));
  }
}
