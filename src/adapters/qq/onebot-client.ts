import { EventEmitter } from 'node:events';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { WebSocket, WebSocketServer, type RawData } from 'ws';
import type { Logger } from '../../logger.ts';
import type { ActionResponse, OneBotEvent } from './onebot-types.ts';

export type OneBotConnection =
  /** We connect to the implementation's WebSocket server (NapCat's default, ws://127.0.0.1:3001). */
  | { kind: 'forward'; url: string }
  /** The implementation connects to ours (NapCat's "WebSocket 客户端"). */
  | { kind: 'reverse'; host: string; port: number };

export interface OneBotClientOptions {
  connection: OneBotConnection;
  accessToken?: string;
  log: Logger;
  /** An action not answered within this is given up (default 15 s). */
  callTimeoutMs?: number;
  /** Forward mode: delays between connection attempts, doubling from `first` to `max`, for ever. */
  reconnectMs?: { first: number; max: number };
  /** A connection silent this long (no event, answer or pong to our pings) is dropped and made again (default 90 s). */
  silenceMs?: number;
  /** Waits between connection attempts (tests pass a virtual one). */
  sleep?: (ms: number) => Promise<void>;
  /** Reverse mode: TCP connections open at once at most, handshakes included (a reconnecting NapCat needs one or two). */
  maxConnections?: number;
}

/** No frame from the implementation is larger than this (an event with a picture is a few kB; files come as URLs). */
export const MAX_FRAME_BYTES = 1024 * 1024;
/** Repeated connection trouble (refused tokens, failed handshakes) is logged at most this often. */
const LOG_EVERY_MS = 60_000;

/** The implementation answered an action with `failed`. */
export class OneBotActionError extends Error {
  override readonly name = 'OneBotActionError';
  constructor(
    readonly action: string,
    readonly retcode: number,
    /** The implementation's words (NapCat: the only thing that tells its failures apart). */
    readonly wording: string,
  ) {
    super(`${action} failed: ${retcode} ${wording}`);
  }
}

/** No answer: `sent` tells whether the request left (it may then have been carried out). */
export class OneBotConnectionError extends Error {
  override readonly name = 'OneBotConnectionError';
  constructor(
    readonly action: string,
    readonly sent: boolean,
    reason: string,
  ) {
    super(`${action}: ${reason}`);
  }
}

interface Pending {
  action: string;
  resolve: (data: unknown) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

/** The URL without its access_token, for logs. */
export function safeUrl(url: string): string {
  try {
    const u = new URL(url);
    u.searchParams.delete('access_token');
    u.password = '';
    return u.toString();
  } catch {
    return '(invalid url)';
  }
}

/**
 * A OneBot v11 client over one WebSocket ("Universal": events and actions on one connection), in
 * either direction. It keeps the connection for ever — reconnecting with backoff (forward) or
 * accepting the implementation's next connection (reverse) — drops a connection that has gone
 * silent, matches answers to calls by `echo`, and gives up a call after a timeout. Events:
 * `event` (every posted event), `open`, `authenticated` (the first action answered on a connection:
 * only then is it known to be accepted, as NapCat lets a wrong token through the upgrade and
 * refuses it afterwards), `close` (with the reason), `refused` (the token was refused).
 * The backoff between attempts is reset only by an authenticated connection, never by an `open`.
 */
export class OneBotClient extends EventEmitter<{ event: [OneBotEvent]; open: []; authenticated: []; close: [string]; refused: [string] }> {
  private socket: WebSocket | undefined;
  private server: WebSocketServer | undefined;
  private http: Server | undefined;
  private readonly pending = new Map<string, Pending>();
  private sequence = 0;
  private lastHeard = 0;
  private watchdog: NodeJS.Timeout | undefined;
  private delay: number;
  private retrying = false;
  private authenticated = false;
  private stopped = true;
  private readonly lastLogged = new Map<string, number>();

  constructor(private readonly options: OneBotClientOptions) {
    super();
    this.delay = options.reconnectMs?.first ?? 1000;
  }

  get connected(): boolean {
    return this.socket?.readyState === WebSocket.OPEN;
  }

  /** Starts connecting (forward) or listening (reverse); resolves once listening or the first attempt is under way. */
  async start(): Promise<void> {
    this.stopped = false;
    const { connection } = this.options;
    if (connection.kind === 'forward') return this.connect();
    // Our own HTTP server, so that every TCP connection counts against the cap — also those that
    // never finish the upgrade — and a stalled handshake is dropped.
    const http = createServer((_req, res) => res.writeHead(426, { Connection: 'close' }).end());
    http.maxConnections = this.options.maxConnections ?? 8;
    http.headersTimeout = 10_000;
    http.requestTimeout = 10_000;
    http.on('drop', () => this.logSometimes('drop', () => this.options.log.warn('turned away a connection to the reverse WebSocket: too many open')));
    this.http = http;
    this.server = new WebSocketServer({ server: http, maxPayload: MAX_FRAME_BYTES, verifyClient: (info, done) => this.verify(info.req, done) });
    this.server.on('connection', (socket) => this.adopt(socket));
    this.server.on('error', (error) => this.options.log.error('onebot reverse websocket server error', { error }));
    await new Promise<void>((resolve, reject) => {
      http.once('error', reject);
      http.listen(connection.port, connection.host, () => resolve());
    });
    this.options.log.info('waiting for the OneBot implementation to connect', { host: connection.host, port: this.port });
  }

  /** The reverse server's port (useful when started on port 0). */
  get port(): number | undefined {
    const address = this.http?.address();
    return typeof address === 'object' && address ? address.port : undefined;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.watchdog);
    this.socket?.terminate();
    this.socket = undefined;
    this.failPending('the client stopped');
    if (this.server) await new Promise<void>((resolve) => this.server!.close(() => resolve()));
    if (this.http) {
      this.http.closeAllConnections();
      await new Promise<void>((resolve) => this.http!.close(() => resolve()));
    }
    this.server = undefined;
    this.http = undefined;
  }

  /** Calls an action and resolves with its `data`; rejects with OneBotActionError or OneBotConnectionError. */
  call<T = unknown>(action: string, params: Record<string, unknown> = {}, timeoutMs = this.options.callTimeoutMs ?? 15_000): Promise<T> {
    const socket = this.socket;
    if (!socket || socket.readyState !== WebSocket.OPEN) return Promise.reject(new OneBotConnectionError(action, false, 'not connected'));
    const echo = `yx-${++this.sequence}`;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(echo);
        reject(new OneBotConnectionError(action, true, `no answer within ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(echo, { action, resolve: resolve as (d: unknown) => void, reject, timer });
      socket.send(JSON.stringify({ action, params, echo }), (error) => {
        if (!error || !this.pending.delete(echo)) return;
        clearTimeout(timer);
        reject(new OneBotConnectionError(action, false, error.message));
      });
    });
  }

  private connect(): void {
    const { connection, accessToken, log } = this.options;
    if (this.stopped || connection.kind !== 'forward') return;
    const socket = new WebSocket(connection.url, { headers: accessToken ? { Authorization: `Bearer ${accessToken}` } : {}, handshakeTimeout: 10_000, maxPayload: MAX_FRAME_BYTES });
    let opened = false;
    socket.on('unexpected-response', (_req, res) => {
      const reason = `the server answered HTTP ${res.statusCode}`;
      if (res.statusCode === 401 || res.statusCode === 403) this.emit('refused', reason);
      this.logSometimes('refused', () => log.warn('onebot connection refused', { url: safeUrl(connection.url), status: res.statusCode }));
      socket.terminate();
    });
    socket.on('open', () => {
      opened = true;
      this.adopt(socket);
    });
    socket.on('error', (error) => {
      if (!opened) log.debug('onebot connection attempt failed', { url: safeUrl(connection.url), error: error.message });
    });
    socket.on('close', () => {
      if (!opened) this.retry();
    });
  }

  private retry(): void {
    if (this.stopped || this.options.connection.kind !== 'forward' || this.retrying) return;
    this.retrying = true;
    const wait = this.delay;
    this.delay = Math.min(wait * 2, this.options.reconnectMs?.max ?? 60_000);
    const sleep = this.options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref()));
    void sleep(wait).then(() => {
      this.retrying = false;
      this.connect();
    });
  }

  /** Runs `log` unless the same kind of line was written within the last minute. */
  private logSometimes(kind: string, log: () => void): void {
    const now = Date.now();
    if (now - (this.lastLogged.get(kind) ?? -Infinity) < LOG_EVERY_MS) return;
    this.lastLogged.set(kind, now);
    log();
  }

  /** Reverse mode: only the implementation with our token may connect (401 without one, 403 with another). */
  private verify(req: IncomingMessage, done: (ok: boolean, code?: number, message?: string) => void): void {
    const expected = this.options.accessToken;
    const refuse = (code: number, message: string) => {
      this.logSometimes(`handshake ${code}`, () => this.options.log.warn('refused a connection to the reverse WebSocket', { status: code, from: req.socket.remoteAddress }));
      done(false, code, message);
    };
    if (!expected) return done(true);
    const header = /^(?:Bearer|Token)\b\s*(.*)$/i.exec(req.headers.authorization ?? '')?.[1]?.trim();
    const query = new URL(req.url ?? '/', 'http://x').searchParams.get('access_token');
    const given = header || query;
    if (!given) return refuse(401, 'Unauthorized');
    if (given !== expected) {
      this.emit('refused', 'a connection came with a wrong token');
      return refuse(403, 'Forbidden');
    }
    done(true);
  }

  private adopt(socket: WebSocket): void {
    if (this.socket && this.socket !== socket) this.socket.terminate();
    this.socket = socket;
    this.authenticated = false;
    this.lastHeard = Date.now();
    const silence = this.options.silenceMs ?? 90_000;
    clearInterval(this.watchdog);
    this.watchdog = setInterval(() => {
      if (Date.now() - this.lastHeard > silence) {
        this.options.log.warn('the OneBot connection went silent; connecting again', { silentMs: Date.now() - this.lastHeard });
        socket.terminate();
      } else if (socket.readyState === WebSocket.OPEN) socket.ping();
    }, Math.max(20, Math.floor(silence / 3)));
    socket.on('pong', () => (this.lastHeard = Date.now()));
    socket.on('message', (data) => this.receive(socket, data));
    socket.on('error', (error) => this.logSometimes('socket error', () => this.options.log.warn('onebot connection error', { error: error.message })));
    socket.once('close', (code, reason) => {
      if (this.socket !== socket) return;
      clearInterval(this.watchdog);
      this.socket = undefined;
      this.failPending('the connection closed');
      const why = `closed (${code}${reason.length ? ` ${reason.toString()}` : ''})`;
      this.emit('close', why);
      this.retry();
    });
    this.emit('open');
  }

  private receive(socket: WebSocket, data: RawData): void {
    this.lastHeard = Date.now();
    let frame: unknown;
    try {
      frame = JSON.parse(data.toString());
    } catch {
      this.options.log.warn('onebot sent something that is not JSON; ignored');
      return;
    }
    if (!frame || typeof frame !== 'object') return;
    if ('post_type' in frame) {
      this.emit('event', frame as OneBotEvent);
      return;
    }
    const response = frame as ActionResponse;
    const pending = typeof response.echo === 'string' ? this.pending.get(response.echo) : undefined;
    if (!pending) {
      // NapCat's forward server accepts the handshake, then answers a wrong token with 1403 and closes.
      if (response.retcode === 1401 || response.retcode === 1403) {
        this.emit('refused', `retcode ${response.retcode} ${response.message ?? ''}`.trim());
        socket.terminate();
      }
      return;
    }
    this.pending.delete(response.echo as string);
    clearTimeout(pending.timer);
    if (!this.authenticated && socket === this.socket) {
      // The implementation answered an action: the token was accepted, so this is a clean connection.
      this.authenticated = true;
      this.delay = this.options.reconnectMs?.first ?? 1000;
      this.emit('authenticated');
    }
    if (response.status === 'ok' || response.status === 'async') pending.resolve(response.data);
    else pending.reject(new OneBotActionError(pending.action, response.retcode, response.wording || response.message || ''));
  }

  private failPending(reason: string): void {
    for (const [echo, p] of this.pending) {
      clearTimeout(p.timer);
      p.reject(new OneBotConnectionError(p.action, true, reason));
      this.pending.delete(echo);
    }
  }
}
