import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import QRCode from 'qrcode';
import { WechatyBuilder, types, type Message } from 'wechaty';
import type { WechatyInterface } from 'wechaty/impls';
import { notifyAdmins } from '../../app/notify.ts';
import type { Bot as CoreBot } from '../../bot/create-bot.ts';
import type { Clock } from '../../core/ports.ts';
import type { Logger } from '../../logger.ts';
import type { PaceLimits, SenderTime } from '../shared/paced-sender.ts';
import { decodeWechatMessage } from './decode.ts';
import { WECHAT_LIMITS, WechatOutbox } from './wechat-outbox.ts';

export interface WechatOptions {
  /** A puppet instance (tests: wechaty-puppet-mock) or a puppet package name, loaded lazily by wechaty. */
  puppet: string | object;
  /** Passed to the puppet as it is (see puppet.ts: token, authority, tls). */
  puppetOptions?: Record<string, unknown>;
  clock: Clock;
  log: Logger;
  limits?: PaceLimits;
  time?: SenderTime;
  /** Messages older than this (or from before start-up) are replays and are ignored. */
  maxMessageAgeSeconds?: number;
  /** Where the login QR code is saved as a PNG (for the console and, later, the web console). */
  qrFile?: string;
  /** Reconnect delays after a logout: first, doubling up to the max. */
  reconnectMs?: { first: number; max: number };
}

/**
 * The WeChat adapter: wechaty in, wechaty out, translating only. It also keeps the login alive —
 * QR code in the terminal and as a PNG, reconnect with backoff after a logout, admins told when the
 * account goes offline and comes back — and tells the core when a new login began (ids change then).
 */
export class WechatAdapter {
  readonly wechaty: WechatyInterface;
  readonly outbox: WechatOutbox;
  private startedAt = new Date(0);
  private loggedIn = false;
  private wasLoggedIn = false;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private reconnectDelay: number;
  private stopped = false;

  constructor(private readonly options: WechatOptions) {
    const puppetOptions = options.puppetOptions;
    this.wechaty = WechatyBuilder.build({ name: 'yanxiu-bot', puppet: options.puppet, ...(puppetOptions ? { puppetOptions } : {}) } as Parameters<typeof WechatyBuilder.build>[0]) as WechatyInterface;
    this.outbox = new WechatOutbox(this.wechaty, options.log, options.limits ?? WECHAT_LIMITS, options.time);
    this.reconnectDelay = options.reconnectMs?.first ?? 5000;
    // An unhandled 'error' event would end the process; puppets emit them for transient trouble.
    this.wechaty.on('error', (error) => options.log.warn('wechat puppet error', { error }));
  }

  get isLoggedIn(): boolean {
    return this.loggedIn;
  }

  /** Connects the adapter to the core and registers the event handlers. */
  attach(core: CoreBot): void {
    const { log, clock } = this.options;
    core.app.platforms.memberLists.set('wechat', async (roomId) => {
      const room = await this.wechaty.Room.find({ id: roomId });
      if (!room) return [];
      const self = this.wechaty.currentUser;
      const members = await room.memberAll();
      return Promise.all(members.filter((c) => c.id !== self.id).map(async (c) => ({ id: c.id, name: (await room.alias(c)) || c.name() })));
    });
    this.wechaty.on('scan', (qrcode, status) => void this.showQr(qrcode, status));
    this.wechaty.on('login', async (user) => {
      this.loggedIn = true;
      this.reconnectDelay = this.options.reconnectMs?.first ?? 5000;
      if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
      core.app.platforms.loginEpochs.set('wechat', clock.now());
      log.info('wechat logged in', { user: user.name() });
      if (this.wasLoggedIn) await notifyAdmins(core.app, core.app.t('wechat.backOnline'), { avoid: 'wechat' }).catch(() => undefined);
      this.wasLoggedIn = true;
    });
    this.wechaty.on('logout', async (user, reason) => {
      this.loggedIn = false;
      log.warn('wechat logged out', { user: user.name(), reason });
      await notifyAdmins(core.app, core.app.t('wechat.offline'), { avoid: 'wechat', elsewhereOnly: true }).catch(() => undefined);
      this.scheduleReconnect();
    });
    this.wechaty.on('message', async (message: Message) => {
      if (message.self()) return;
      const sentAt = message.date();
      const maxAge = (this.options.maxMessageAgeSeconds ?? 300) * 1000;
      if (sentAt.getTime() < this.startedAt.getTime() - 1000 || message.age() * 1000 > maxAge) {
        log.debug('ignored a replayed message', { id: message.id, sentAt });
        return;
      }
      // Live messages are timed by the bot's clock (WeChat timestamps have second precision and
      // some puppets report receive times); replays were filtered out above.
      const inbound = await decodeWechatMessage(message, clock.now());
      if (inbound) await core.handler.handle(inbound);
    });
    this.wechaty.on('room-join', async (room, invitees) => {
      const self = this.wechaty.currentUser;
      const members = invitees.filter((c) => c.id !== self.id && c.type() !== types.Contact.Official).map((c) => ({ id: c.id, name: c.name() }));
      const minute = Math.floor(clock.now().getTime() / 60_000);
      await core.handler.handleJoin({
        chat: { platform: 'wechat', id: room.id, kind: 'group', title: await room.topic() },
        members,
        messageId: `join:${minute}:${members.map((m) => m.id).join(',')}`,
        sentAt: clock.now(),
      });
    });
  }

  async start(): Promise<void> {
    this.stopped = false;
    this.startedAt = new Date();
    // Some puppets (wechat4u) install a process-wide uncaughtException handler that only logs, which
    // would keep a broken process running silently: remove whatever the puppet added.
    const before = new Set(process.listeners('uncaughtException'));
    await this.wechaty.start();
    for (const listener of process.listeners('uncaughtException')) {
      if (!before.has(listener)) {
        process.removeListener('uncaughtException', listener);
        this.options.log.warn('removed an uncaughtException handler installed by the WeChat puppet');
      }
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    await this.outbox.drain();
    await this.wechaty.stop();
  }

  private scheduleReconnect(): void {
    if (this.stopped || this.reconnectTimer) return;
    const delay = this.reconnectDelay;
    this.reconnectDelay = Math.min(delay * 2, this.options.reconnectMs?.max ?? 10 * 60_000);
    this.options.log.info('wechat reconnecting', { inMs: delay });
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = undefined;
      if (this.loggedIn || this.stopped) return;
      void (async () => {
        try {
          await this.wechaty.stop();
          await this.wechaty.start();
        } catch (error) {
          this.options.log.error('wechat reconnect failed', { error });
          this.scheduleReconnect();
        }
      })();
    }, delay);
    this.reconnectTimer.unref();
  }

  private async showQr(qrcode: string, status: types.ScanStatus): Promise<void> {
    if (status !== types.ScanStatus.Waiting && status !== types.ScanStatus.Timeout) return;
    const { log } = this.options;
    try {
      process.stdout.write(`\n请用作为机器人的微信扫码登录 / scan with the bot's WeChat account:\n${await QRCode.toString(qrcode, { type: 'terminal', small: true })}\n`);
      if (this.options.qrFile) {
        await mkdir(path.dirname(this.options.qrFile), { recursive: true });
        await writeFile(this.options.qrFile, await QRCode.toBuffer(qrcode, { type: 'png', width: 360 }));
        log.info('wechat login QR code saved', { file: this.options.qrFile });
      }
    } catch (error) {
      log.error('could not show the login QR code', { error });
    }
  }
}
