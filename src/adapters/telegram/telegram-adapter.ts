import type { RouteHandlerMethod } from 'fastify';
import { autoRetry } from '@grammyjs/auto-retry';
import { Bot as GrammyBot, webhookCallback, type BotError } from 'grammy';
import type { Bot as CoreBot } from '../../bot/create-bot.ts';
import type { Logger } from '../../logger.ts';
import { decodeMessage, displayName } from './decode.ts';
import { liveMessageStore } from '../../app/live-messages.ts';
import { TelegramOutbox, TELEGRAM_LIMITS } from './telegram-outbox.ts';
import type { PaceLimits } from '../shared/paced-sender.ts';

export interface TelegramOptions {
  token: string;
  /** Bot API root, e.g. a local emulator in tests; default https://api.telegram.org. */
  apiRoot?: string;
  limits?: PaceLimits;
  log: Logger;
}

/**
 * The Telegram adapter: grammY in, grammY out. It only translates: updates become core messages
 * for the core's handler; the core's replies go out through the paced outbox.
 */
export class TelegramAdapter {
  readonly grammy: GrammyBot;
  readonly outbox: TelegramOutbox;
  private core: CoreBot | undefined;
  private polling: Promise<void> | undefined;

  constructor(private readonly options: TelegramOptions) {
    this.grammy = new GrammyBot(options.token, options.apiRoot ? { client: { apiRoot: options.apiRoot } } : undefined);
    this.grammy.api.config.use(autoRetry({ maxRetryAttempts: 6, maxDelaySeconds: 600, rethrowHttpErrors: true }));
    this.outbox = new TelegramOutbox(this.grammy.api, options.log, options.limits ?? TELEGRAM_LIMITS);
    this.grammy.catch((error: BotError) => {
      options.log.error('telegram update failed', { updateId: error.ctx.update.update_id, error: error.error });
    });
  }

  /** Connects the adapter to the core (after the core was created with this adapter's outbox). */
  async attach(core: CoreBot): Promise<void> {
    this.core = core;
    await this.grammy.init();
    const { username, id } = this.grammy.botInfo;
    // Telegram bots may write to a user only after the user has written to them.
    core.app.platforms.privateOptIn.add('telegram');
    // Telegram edits what the bot sent: check-in acknowledgements are one live list per session.
    core.app.platforms.editable.add('telegram');
    core.app.platforms.privateLinks.set('telegram', `https://t.me/${username}?start=from_group`);
    this.outbox.useLiveStore(liveMessageStore(core.app.db, 'telegram'));
    this.grammy.on('message:new_chat_members', async (ctx) => {
      const m = ctx.message;
      const members = m.new_chat_members.filter((u) => !u.is_bot).map((u) => ({ id: String(u.id), name: displayName(u) }));
      await core.handler.handleJoin({
        chat: { platform: 'telegram', id: String(m.chat.id), kind: 'group', title: 'title' in m.chat ? m.chat.title : undefined },
        members,
        messageId: String(m.message_id),
        sentAt: new Date(m.date * 1000),
      });
    });
    this.grammy.on('message', async (ctx) => {
      const message = decodeMessage(ctx.message, username, id);
      if (message) await core.handler.handle(message);
    });
    // A live location's new positions arrive as edits of its message; other edits change nothing.
    this.grammy.on('edited_message:location', async (ctx) => {
      const message = decodeMessage(ctx.editedMessage, username, id, { edited: true });
      if (message) await core.handler.handle(message);
    });
    this.grammy.on('callback_query:data', async (ctx) => {
      const query = ctx.callbackQuery;
      const chat = query.message?.chat;
      if (!chat) return void (await ctx.answerCallbackQuery());
      const answer = await core.buttons.handle({
        chat: { platform: 'telegram', id: String(chat.id), kind: chat.type === 'private' ? 'private' : 'group', title: 'title' in chat ? chat.title : undefined },
        sender: { id: String(query.from.id), name: displayName(query.from) },
        data: query.data,
        pressId: query.id,
        messageId: query.message ? String(query.message.message_id) : undefined,
      });
      await ctx.answerCallbackQuery(answer.toast ? { text: answer.toast } : undefined);
    });
  }

  /** Sets the command menus: trainees' commands everywhere, tutors' in groups for admins. */
  async setCommandMenus(): Promise<void> {
    const trainee = [
      { command: 'checkin', description: '签到（也可以直接发「签到」）' },
      { command: 'hours', description: '查询我的学时（私信发送）' },
      { command: 'leave', description: '请假：/leave 原因' },
      { command: 'bind', description: '绑定身份：/bind 姓名 手机后四位' },
      { command: 'help', description: '查看可以使用的命令' },
    ];
    const tutor = [
      ...trainee,
      { command: 'newsession', description: '创建课次：/newsession 明天 8:30-11:30 学时3' },
      { command: 'attendance', description: '签到情况（私信发送）' },
      { command: 'close', description: '结束签到并生成考勤汇总' },
    ];
    await this.grammy.api.setMyCommands(trainee, { scope: { type: 'default' } });
    await this.grammy.api.setMyCommands(trainee, { scope: { type: 'all_group_chats' } });
    await this.grammy.api.setMyCommands(tutor, { scope: { type: 'all_chat_administrators' } });
  }

  /** Long polling (the default). Telegram re-delivers unconfirmed updates after a restart; the core's message-id check drops them. */
  startPolling(): void {
    this.polling ??= this.grammy.start({
      allowed_updates: ['message', 'edited_message', 'callback_query', 'my_chat_member'],
      onStart: (info) => this.options.log.info('telegram polling', { bot: info.username }),
    });
  }

  /** Registers the webhook with Telegram, with the secret Telegram must echo in every request. */
  async setWebhook(url: string, secret: string): Promise<void> {
    await this.grammy.api.setWebhook(url, { secret_token: secret, allowed_updates: ['message', 'edited_message', 'callback_query', 'my_chat_member'] });
  }

  /** A Fastify handler for webhook requests: 401 without the right secret header, else the update is handled. */
  webhookHandler(secret: string): RouteHandlerMethod {
    if (!this.core) throw new Error('attach the core before serving the webhook');
    return webhookCallback(this.grammy, 'fastify', { secretToken: secret, timeoutMilliseconds: 9000, onTimeout: 'return' }) as unknown as RouteHandlerMethod;
  }

  async stop(): Promise<void> {
    if (this.polling) {
      await this.grammy.stop();
      await this.polling.catch(() => undefined);
    }
    await this.outbox.drain();
    this.outbox.stopRetries();
  }
}
