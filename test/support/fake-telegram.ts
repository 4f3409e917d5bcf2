import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

// A small local HTTP server that speaks the Telegram Bot API (the methods the bot uses), so tests
// drive the real grammY client over HTTP. It records what the bot sent, feeds updates to getUpdates
// with long polling, and can be told to answer a method with an error such as 429 retry_after.

export interface SentCall {
  method: string;
  params: Record<string, unknown>;
  at: number;
  /** The id Telegram gave a message the call sent. */
  messageId?: number;
}

export interface InjectedFailure {
  method: string;
  chatId?: string;
  errorCode: number;
  description: string;
  retryAfter?: number;
  times: number;
  /** Drop the connection instead of answering (the request may or may not have been seen). */
  reset?: boolean;
}

const RESET = Symbol('reset');

export const BOT_USER = { id: 777000, is_bot: true, first_name: '研修助手', username: 'yanxiu_test_bot', can_join_groups: true, can_read_all_group_messages: true, supports_inline_queries: false };

export class FakeTelegram {
  readonly calls: SentCall[] = [];
  private readonly updates: Record<string, unknown>[] = [];
  private nextUpdateId = 1;
  private nextMessageId = 1000;
  private readonly failures: InjectedFailure[] = [];
  private waiters: (() => void)[] = [];
  private server: Server | undefined;
  webhook: { url: string; secret?: string } | null = null;
  /** Where the server listens, once started. */
  url: string | undefined;
  /** Called with each sendMessage once it is recorded (delivered) and before it is answered. */
  onSendMessage: ((count: number) => Promise<void> | void) | undefined;
  private sendCount = 0;
  /** What each message the bot sent shows now (text and buttons), as real Telegram keeps it for edits. */
  private readonly shown = new Map<string, { text: string; markup: string }>();
  /** Edits real Telegram would refuse: of an unknown message, or to exactly what it shows (400 "message is not modified"). */
  refusedEdits = 0;

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      void this.handle(req).then(
        (body) => {
          if (body === RESET) return void req.socket.destroy();
          res.writeHead(body.ok ? 200 : (body.error_code as number), { 'content-type': 'application/json' });
          res.end(JSON.stringify(body));
        },
        (error: Error) => {
          res.writeHead(500, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ ok: false, error_code: 500, description: error.message }));
        },
      );
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
    return this.url;
  }

  async stop(): Promise<void> {
    for (const wake of this.waiters) wake();
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }

  /** Queues an update for getUpdates and returns its update_id. */
  pushUpdate(update: Record<string, unknown>): number {
    const update_id = (update.update_id as number | undefined) ?? this.nextUpdateId++;
    const message = update.message as { chat?: { type?: string; id?: number } } | undefined;
    if (message?.chat?.type === 'private') this.reachable.add(String(message.chat.id));
    this.updates.push({ ...update, update_id });
    for (const wake of this.waiters.splice(0)) wake();
    return update_id;
  }

  failNext(failure: Omit<InjectedFailure, 'times' | 'errorCode' | 'description'> & { times?: number; errorCode?: number; description?: string }): void {
    this.failures.push({ times: 1, errorCode: 500, description: 'Internal Server Error', ...failure });
  }

  /** Makes the next `times` calls of a method end with a connection reset (ECONNRESET) before any answer. */
  resetNext(method: string, times = 1): void {
    this.failNext({ method, times, reset: true });
  }

  /** Users who wrote to the bot privately: as on real Telegram, only they can be written to privately. */
  readonly reachable = new Set<string>();

  /**
   * `openPrivateChats`: every user has started the bot already (tests about delivery itself, not about
   * Telegram's rule that a bot may only answer users who wrote to it first).
   */
  constructor(private readonly options: { openPrivateChats?: boolean } = {}) {}

  /** The sendMessage calls, in the order they reached the server. */
  sentMessages(): { id: number; chatId: string; text: string; at: number; replyMarkup?: unknown }[] {
    return this.calls
      .filter((c) => c.method === 'sendMessage')
      .map((c) => ({ id: c.messageId ?? 0, chatId: String(c.params.chat_id), text: String(c.params.text), at: c.at, replyMarkup: c.params.reply_markup }));
  }

  /** The editMessageText calls Telegram accepted, in order. */
  edits(): { chatId: string; messageId: number; text: string; at: number; replyMarkup?: unknown }[] {
    return this.calls
      .filter((c) => c.method === 'editMessageText')
      .map((c) => ({ chatId: String(c.params.chat_id), messageId: Number(c.params.message_id), text: String(c.params.text), at: c.at, replyMarkup: c.params.reply_markup }));
  }

  /** Every text the group saw appear, sent or edited in, in order. */
  versions(): { chatId: string; text: string; at: number }[] {
    return this.calls.filter((c) => c.method === 'sendMessage' || c.method === 'editMessageText').map((c) => ({ chatId: String(c.params.chat_id), text: String(c.params.text), at: c.at }));
  }

  /** Makes a message exist as if the bot had sent it (e.g. before a restart), so it can be edited. */
  remember(chatId: string, messageId: number, text: string, replyMarkup?: unknown): void {
    this.shown.set(`${chatId}:${messageId}`, { text, markup: markupOf(replyMarkup) });
  }

  /** What a message the bot sent shows now. */
  current(chatId: string, messageId: number): { text: string; replyMarkup: unknown } | undefined {
    const m = this.shown.get(`${chatId}:${messageId}`);
    return m && { text: m.text, replyMarkup: m.markup ? JSON.parse(m.markup) : undefined };
  }

  /** Files the bot sent: the method, the chat and the file reference. */
  sentFiles(): { method: string; chatId: string; ref: string }[] {
    return this.calls
      .filter((c) => /^send(Photo|Document|Video|Voice)$/.test(c.method))
      .map((c) => ({ method: c.method, chatId: String(c.params.chat_id), ref: String(c.params.photo ?? c.params.document ?? c.params.video ?? c.params.voice) }));
  }

  /** Unconfirmed updates (getUpdates confirms by offset). */
  pendingUpdates(): number {
    return this.updates.length;
  }

  private async readBody(req: IncomingMessage): Promise<Record<string, unknown>> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    if (!raw) return {};
    const type = req.headers['content-type'] ?? '';
    if (type.includes('application/json')) return JSON.parse(raw) as Record<string, unknown>;
    return Object.fromEntries(new URLSearchParams(raw));
  }

  private async handle(req: IncomingMessage): Promise<Record<string, unknown> | typeof RESET> {
    const method = (req.url ?? '').split('/').pop()!.split('?')[0]!;
    const params = await this.readBody(req);
    const failure = this.failures.find((f) => f.method === method && (f.chatId === undefined || f.chatId === String(params.chat_id)));
    if (failure) {
      if (--failure.times <= 0) this.failures.splice(this.failures.indexOf(failure), 1);
      this.calls.push({ method: `${method}:${failure.reset ? 'reset' : 'failed'}`, params, at: Date.now() });
      if (failure.reset) return RESET;
      return { ok: false, error_code: failure.errorCode, description: failure.description, ...(failure.retryAfter ? { parameters: { retry_after: failure.retryAfter } } : {}) };
    }
    if (method === 'editMessageText') return this.edit(params);
    if (method !== 'getUpdates') this.calls.push({ method, params, at: Date.now() });
    switch (method) {
      case 'getMe':
        return { ok: true, result: BOT_USER };
      case 'getUpdates':
        return { ok: true, result: await this.getUpdates(Number(params.offset ?? 0), Number(params.timeout ?? 0)) };
      case 'sendMessage':
        if (Number(params.chat_id) > 0 && !this.options.openPrivateChats && !this.reachable.has(String(params.chat_id))) {
          this.calls.pop();
          this.calls.push({ method: 'sendMessage:forbidden', params, at: Date.now() });
          return { ok: false, error_code: 403, description: "Forbidden: bot can't initiate conversation with a user" };
        }
        this.calls.at(-1)!.messageId = this.nextMessageId;
        await this.onSendMessage?.(++this.sendCount);
        this.shown.set(`${String(params.chat_id)}:${this.nextMessageId}`, { text: String(params.text), markup: markupOf(params.reply_markup) });
        return {
          ok: true,
          result: { message_id: this.nextMessageId++, date: Math.floor(Date.now() / 1000), chat: { id: Number(params.chat_id), type: 'group' }, text: params.text, from: BOT_USER },
        };
      case 'sendPhoto':
      case 'sendDocument':
      case 'sendVideo':
      case 'sendVoice':
        return { ok: true, result: { message_id: this.nextMessageId++, date: Math.floor(Date.now() / 1000), chat: { id: Number(params.chat_id), type: 'group' }, from: BOT_USER } };
      case 'setWebhook':
        this.webhook = { url: String(params.url), secret: params.secret_token as string | undefined };
        return { ok: true, result: true };
      case 'deleteWebhook':
        this.webhook = null;
        return { ok: true, result: true };
      case 'answerCallbackQuery':
      case 'setMyCommands':
        return { ok: true, result: true };
      default:
        return { ok: false, error_code: 404, description: `Not Found: method ${method} is not emulated` };
    }
  }

  private edit(params: Record<string, unknown>): Record<string, unknown> {
    const key = `${String(params.chat_id)}:${String(params.message_id)}`;
    const before = this.shown.get(key);
    const after = { text: String(params.text), markup: markupOf(params.reply_markup) };
    if (!before || (before.text === after.text && before.markup === after.markup)) {
      this.refusedEdits++;
      this.calls.push({ method: 'editMessageText:refused', params, at: Date.now() });
      const description = before ? 'Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message' : 'Bad Request: message to edit not found';
      return { ok: false, error_code: 400, description };
    }
    this.shown.set(key, after);
    this.calls.push({ method: 'editMessageText', params, at: Date.now() });
    return { ok: true, result: { message_id: Number(params.message_id), date: Math.floor(Date.now() / 1000), chat: { id: Number(params.chat_id), type: 'group' }, text: after.text, from: BOT_USER } };
  }

  private async getUpdates(offset: number, timeoutSeconds: number): Promise<unknown[]> {
    if (offset > 0) {
      const confirmed = this.updates.filter((u) => (u.update_id as number) < offset);
      for (const u of confirmed) this.updates.splice(this.updates.indexOf(u), 1);
    }
    if (this.updates.length === 0 && timeoutSeconds > 0) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(timeoutSeconds, 1) * 1000);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    return [...this.updates];
  }
}

/** Reply markup as Telegram compares it: no keyboard and an empty one are the same. */
function markupOf(markup: unknown): string {
  const parsed = typeof markup === 'string' ? (JSON.parse(markup) as unknown) : markup;
  const rows = (parsed as { inline_keyboard?: unknown[] } | undefined)?.inline_keyboard;
  return rows?.length ? JSON.stringify(parsed) : '';
}

let userDate = Math.floor(Date.now() / 1000);

/** Builds a group or private text message update from a user, with optional entities. */
export function textUpdate(options: { chatId: number; chatTitle?: string; userId: number; name: string; text: string; messageId: number; date?: number; entities?: unknown[] }) {
  const isPrivate = options.chatId > 0;
  return {
    message: {
      message_id: options.messageId,
      date: options.date ?? userDate++,
      chat: isPrivate ? { id: options.chatId, type: 'private', first_name: options.name } : { id: options.chatId, type: 'supergroup', title: options.chatTitle ?? 'group' },
      from: { id: options.userId, is_bot: false, first_name: options.name },
      text: options.text,
      ...(options.entities ? { entities: options.entities } : {}),
    },
  };
}

/**
 * A location message as Telegram sends it: `location` with latitude, longitude and, from phones,
 * `horizontal_accuracy`; a live location has `live_period`, and its later positions come as
 * `edited_message` updates of the same message with `edit_date`.
 */
export function locationUpdate(options: { chatId: number; chatTitle?: string; userId: number; name: string; messageId: number; date: number; latitude: number; longitude: number; accuracy?: number; livePeriod?: number; editDate?: number }) {
  const isPrivate = options.chatId > 0;
  const message = {
    message_id: options.messageId,
    date: options.date,
    chat: isPrivate ? { id: options.chatId, type: 'private', first_name: options.name } : { id: options.chatId, type: 'supergroup', title: options.chatTitle ?? 'group' },
    from: { id: options.userId, is_bot: false, first_name: options.name },
    location: {
      latitude: options.latitude,
      longitude: options.longitude,
      ...(options.accuracy !== undefined ? { horizontal_accuracy: options.accuracy } : {}),
      ...(options.livePeriod ? { live_period: options.livePeriod } : {}),
    },
    ...(options.editDate ? { edit_date: options.editDate } : {}),
  };
  return options.editDate ? { edited_message: message } : { message };
}
