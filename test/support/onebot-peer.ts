import type { IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocket, WebSocketServer, type RawData } from 'ws';

// A OneBot v11 implementation for tests (what NapCatQQ is to the bot), written from the spec
// (botuniverse/onebot-11: communication/ws.md, api/, event/) over a real WebSocket on loopback.
// It serves a forward WebSocket ("/": events and actions on one connection) or connects to the
// bot's reverse-WebSocket server; checks the access token; answers actions with their echo; posts
// lifecycle, heartbeat, message and notice events; records what the bot sent; and misbehaves on
// demand: a failure for the next sends, a dropped connection, a connection gone silent.
//
// Where NapCatQQ departs from the spec it behaves as NapCat does (read from its source): every failed
// action is retcode 1200 with the reason only in `message`/`wording`; a wrong token is let through
// the upgrade, answered with retcode 1403 and closed; nothing is queued for a client that is not
// connected (what was said meanwhile is only in `get_group_msg_history`); `send_private_msg` to
// someone who is not the account's friend fails unless it names a `group_id` they share (a group
// temporary message); a group muted for everyone refuses sends, posts `group_ban` notices with
// `user_id: 0` and reports `group_all_shut: -1` in `get_group_info`.

export interface PeerMember {
  user_id: number;
  nickname: string;
  card?: string;
  role?: 'owner' | 'admin' | 'member';
}

export interface PeerSegment {
  type: string;
  data: Record<string, unknown>;
}

export interface PeerSent {
  action: 'send_group_msg' | 'send_private_msg';
  /** The group id (group messages) or the user id (private ones), as a string. */
  chat: string;
  /** A private message sent as a group temporary message: the group it came through. */
  viaGroup?: string;
  message: PeerSegment[] | string;
  messageId: number;
  at: number;
}

export interface PeerOptions {
  accessToken: string;
  selfId: number;
  nickname?: string;
  /** Heartbeat interval in ms (0: none). */
  heartbeatMs?: number;
  /** How a wrong token is refused: as NapCat does (the default: accept, answer retcode 1403, close) or per the spec (HTTP 401/403 at the handshake). */
  refuse?: 'spec' | 'napcat';
  /** The port of the forward server (default: a free one). */
  port?: number;
  /** The time events carry (seconds are taken from it); tests on a virtual clock pass theirs. */
  now?: () => number;
}

interface Stored {
  message_id: number;
  user_id: number;
  group_id?: number;
  message: PeerSegment[] | string;
  /** The whole event as posted (group messages), for the history endpoint. */
  event?: Record<string, unknown>;
}

/** NapCat's answer when QQ did not confirm a send in time (whether or not it arrived). */
export const NAPCAT_SEND_TIMEOUT = 'Timeout: NTEvent serviceAndMethod:NodeIKernelMsgService/sendMsg ListenerName:NodeIKernelMsgListener/onMsgInfoListUpdate EventRet:\n{\n    "result": 0,\n    "errMsg": ""\n}\n';
/** NapCat's answer when QQ refused a send outright (a muted group, a stranger, risk control): QQ's own result and errMsg. */
export const napcatSendRefused = (result: number, errMsg: string) =>
  `EventChecker Failed: NTEvent serviceAndMethod:NodeIKernelMsgService/sendMsg ListenerName:NodeIKernelMsgListener/onMsgInfoListUpdate EventRet:\n{\n    "result": ${result},\n    "errMsg": "${errMsg}"\n}\n`;

export class OneBotPeer {
  readonly sent: PeerSent[] = [];
  readonly calls: { action: string; params: Record<string, unknown>; at: number }[] = [];
  /** Connections turned away for a missing or wrong token. */
  refused = 0;
  /** Connections accepted, over the peer's life. */
  connections = 0;
  private readonly groups = new Map<number, { name: string; members: PeerMember[] }>();
  private readonly messages = new Map<number, Stored>();
  private readonly sockets = new Set<WebSocket>();
  private readonly failures: { action: string; retcode: number; message: string; times: number; delivered: boolean; chat?: string }[] = [];
  private readonly strangers = new Set<number>();
  private readonly noTemp = new Set<number>();
  private readonly shut = new Set<number>();
  private server: WebSocketServer | undefined;
  private heartbeat: NodeJS.Timeout | undefined;
  private nextMessageId = 5000;
  private readonly silenced = new Set<WebSocket>();
  private isDown = false;

  private constructor(private readonly options: PeerOptions) {}

  /** Starts a forward WebSocket server on 127.0.0.1 (a free port). */
  static async serve(options: PeerOptions): Promise<OneBotPeer> {
    const peer = new OneBotPeer(options);
    const server = new WebSocketServer({ host: '127.0.0.1', port: options.port ?? 0, verifyClient: (info, done) => peer.verify(info.req, done) });
    peer.server = server;
    server.on('connection', (socket, req) => peer.accept(socket, req));
    await new Promise<void>((resolve) => server.once('listening', resolve));
    peer.startHeartbeat();
    return peer;
  }

  /** A peer that connects to the bot's reverse-WebSocket server (as NapCat's "WebSocket 客户端" does). */
  static client(options: PeerOptions): OneBotPeer {
    const peer = new OneBotPeer(options);
    peer.startHeartbeat();
    return peer;
  }

  get url(): string {
    return `ws://127.0.0.1:${(this.server!.address() as AddressInfo).port}/`;
  }

  /** Reverse mode: connects to `url` with `token` (default: the right one); resolves once open, rejects when refused. */
  connectTo(url: string, token = this.options.accessToken): Promise<void> {
    const socket = new WebSocket(url, { headers: { ...(token ? { Authorization: `Bearer ${token}` } : {}), 'X-Self-ID': String(this.options.selfId), 'X-Client-Role': 'Universal', 'User-Agent': 'OneBot/11' } });
    return new Promise((resolve, reject) => {
      socket.once('open', () => {
        this.adopt(socket);
        resolve();
      });
      socket.once('unexpected-response', (_req, res) => {
        this.refused++;
        reject(new Error(`refused with HTTP ${res.statusCode}`));
      });
      socket.once('error', reject);
    });
  }

  addGroup(groupId: number, name: string, members: PeerMember[]): void {
    this.groups.set(groupId, { name, members: [{ user_id: this.options.selfId, nickname: this.options.nickname ?? '研修助手', role: 'member' }, ...members] });
  }

  /**
   * Answers the next `times` calls of `action` (to `chat`, when given) with `failed`, this retcode
   * and wording; `delivered`: the message arrives all the same (QQ confirmed it too late).
   */
  failNext(action: string, retcode: number, message: string, times = 1, options: { delivered?: boolean; chat?: number } = {}): void {
    this.failures.push({ action, retcode, message, times, delivered: options.delivered ?? false, chat: options.chat === undefined ? undefined : String(options.chat) });
  }

  /** This member is not the account's friend (as most trainees are not): private sends reach them only as temporary messages. */
  notFriend(userId: number): void {
    this.strangers.add(userId);
  }

  /** The group does not allow temporary messages from its members. */
  forbidTemporaryMessages(groupId: number): void {
    this.noTemp.add(groupId);
  }

  /** Mutes (or unmutes) a group for everyone, as its owner does, and posts NapCat's `group_ban` notice. */
  muteAll(groupId: number, on: boolean, operatorId = 1): void {
    if (on) this.shut.add(groupId);
    else this.shut.delete(groupId);
    this.notice({ notice_type: 'group_ban', sub_type: on ? 'ban' : 'lift_ban', group_id: groupId, operator_id: operatorId, user_id: 0, duration: on ? -1 : 0 });
  }

  /** Posts a group message from a member; `message` as segments or a CQ-code string; `time` in ms (a replay). Returns its message_id. */
  groupMessage(groupId: number, userId: number, message: PeerSegment[] | string, options: { messageId?: number; time?: number } = {}): number {
    const group = this.groups.get(groupId);
    const member = group?.members.find((m) => m.user_id === userId);
    const messageId = options.messageId ?? ++this.nextMessageId;
    const event = this.event({
      post_type: 'message',
      message_type: 'group',
      sub_type: 'normal',
      message_id: messageId,
      group_id: groupId,
      user_id: userId,
      message,
      raw_message: typeof message === 'string' ? message : '',
      font: 0,
      sender: { user_id: userId, nickname: member?.nickname ?? String(userId), card: member?.card ?? '', role: member?.role ?? 'member' },
      ...(options.time !== undefined ? { time: Math.floor(options.time / 1000) } : {}),
    });
    this.messages.set(messageId, { message_id: messageId, user_id: userId, group_id: groupId, message, event });
    this.post(event);
    return messageId;
  }

  /** Posts a private message. Returns its message_id. */
  privateMessage(userId: number, nickname: string, message: PeerSegment[] | string, options: { messageId?: number } = {}): number {
    const messageId = options.messageId ?? ++this.nextMessageId;
    this.messages.set(messageId, { message_id: messageId, user_id: userId, message });
    this.post({ post_type: 'message', message_type: 'private', sub_type: 'friend', message_id: messageId, user_id: userId, message, raw_message: '', font: 0, sender: { user_id: userId, nickname } });
    return messageId;
  }

  /** Posts a notice (e.g. `group_increase`). */
  notice(fields: Record<string, unknown>): void {
    this.post({ post_type: 'notice', ...fields });
  }

  /** The token in NapCat's config changed (an admin corrected it). */
  changeToken(token: string): void {
    this.options.accessToken = token;
  }

  /** NapCat restarting: every connection closed and new ones turned away until `up()`; what members say meanwhile reaches nobody. */
  down(): void {
    this.isDown = true;
    this.dropConnections();
  }

  up(): void {
    this.isDown = false;
  }

  /** Closes every connection abruptly (as when NapCat restarts). */
  dropConnections(): void {
    for (const socket of this.sockets) socket.terminate();
  }

  /**
   * Keeps the open connections open but says nothing more on them — no events, answers, heartbeats
   * or pongs (a half-dead TCP connection); connections made afterwards work.
   */
  goSilent(): void {
    for (const socket of this.sockets) {
      this.silenced.add(socket);
      (socket as unknown as { _socket: { pause(): void } })._socket.pause();
    }
  }

  /** Open connections that still speak. */
  get openConnections(): number {
    return [...this.sockets].filter((s) => s.readyState === WebSocket.OPEN && !this.silenced.has(s)).length;
  }

  /** The text a member reads for a sent message: `at` segments as @名片 (or nickname). */
  readable(sent: PeerSent): string {
    const segments = typeof sent.message === 'string' ? [{ type: 'text', data: { text: sent.message } }] : sent.message;
    const group = this.groups.get(Number(sent.chat));
    return segments
      .map((s) => {
        if (s.type === 'text') return String(s.data.text);
        if (s.type === 'at') {
          const m = group?.members.find((x) => String(x.user_id) === String(s.data.qq));
          return `@${m?.card || m?.nickname || s.data.qq}`;
        }
        return `[${s.type}]`;
      })
      .join('');
  }

  async stop(): Promise<void> {
    clearInterval(this.heartbeat);
    for (const socket of this.sockets) socket.terminate();
    if (this.server) await new Promise<void>((resolve) => this.server!.close(() => resolve()));
  }

  private now(): number {
    return this.options.now?.() ?? Date.now();
  }

  private event(fields: Record<string, unknown>): Record<string, unknown> {
    return { time: Math.floor(this.now() / 1000), self_id: this.options.selfId, ...fields };
  }

  /** Sent to the connections open now; NapCat keeps nothing for a client that is away. */
  private post(fields: Record<string, unknown>): void {
    const frame = JSON.stringify(this.event(fields));
    for (const socket of this.sockets) if (socket.readyState === WebSocket.OPEN && !this.silenced.has(socket)) socket.send(frame);
  }

  private startHeartbeat(): void {
    const interval = this.options.heartbeatMs ?? 0;
    if (interval > 0) {
      this.heartbeat = setInterval(() => this.post({ post_type: 'meta_event', meta_event_type: 'heartbeat', status: { online: true, good: true }, interval }), interval);
    }
  }

  private verify(req: IncomingMessage, done: (ok: boolean, code?: number, message?: string) => void): void {
    if (this.isDown) return done(false, 503, 'Service Unavailable');
    if (this.options.refuse !== 'spec') return done(true);
    const given = this.tokenOf(req);
    if (given === this.options.accessToken) return done(true);
    this.refused++;
    done(false, given ? 403 : 401, given ? 'Forbidden' : 'Unauthorized');
  }

  private tokenOf(req: IncomingMessage): string | undefined {
    const header = req.headers.authorization;
    if (header?.startsWith('Bearer ')) return header.slice('Bearer '.length);
    return new URL(req.url ?? '/', 'http://peer').searchParams.get('access_token') ?? undefined;
  }

  private accept(socket: WebSocket, req: IncomingMessage): void {
    if (this.options.refuse !== 'spec' && this.tokenOf(req) !== this.options.accessToken) {
      this.refused++;
      socket.send(JSON.stringify({ status: 'failed', retcode: 1403, data: null, message: 'token验证失败', wording: 'token验证失败' }));
      socket.close();
      return;
    }
    this.adopt(socket);
  }

  private adopt(socket: WebSocket): void {
    this.connections++;
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
    socket.on('error', () => this.sockets.delete(socket));
    socket.on('message', (data) => this.answer(socket, data));
    socket.send(JSON.stringify(this.event({ post_type: 'meta_event', meta_event_type: 'lifecycle', sub_type: 'connect' })));
  }

  private answer(socket: WebSocket, data: RawData): void {
    if (this.silenced.has(socket)) return;
    let request: { action?: string; params?: Record<string, unknown>; echo?: unknown };
    try {
      request = JSON.parse(data.toString());
    } catch {
      socket.send(JSON.stringify({ status: 'failed', retcode: 1400, data: null, message: 'json解析失败' }));
      return;
    }
    const action = String(request.action ?? '');
    const params = request.params ?? {};
    this.calls.push({ action, params, at: Date.now() });
    const reply = (status: 'ok' | 'failed', retcode: number, body: unknown, message = '') =>
      socket.send(JSON.stringify({ status, retcode, data: body, message, wording: message, echo: request.echo }));
    const chatOf = () => String(action === 'send_group_msg' ? params.group_id : params.user_id);
    const failure = this.failures.find((f) => f.action === action && f.times > 0 && (f.chat === undefined || f.chat === chatOf()));
    if (failure) {
      failure.times--;
      if (failure.delivered) this.perform(action, params);
      return reply('failed', failure.retcode, null, failure.message);
    }
    const result = this.perform(action, params);
    if (result === undefined) return reply('failed', 1404, null, `不支持的API ${action}`);
    // NapCat answers every other failure with 1200 and the reason in words.
    if ('error' in result) return reply('failed', result.error, null, result.message);
    reply('ok', 0, result.data);
  }

  private perform(action: string, params: Record<string, unknown>): { data: unknown } | { error: number; message: string } | undefined {
    const group = this.groups.get(Number(params.group_id));
    switch (action) {
      case 'get_login_info':
        return { data: { user_id: this.options.selfId, nickname: this.options.nickname ?? '研修助手' } };
      case 'get_group_info':
        return group
          ? { data: { group_id: Number(params.group_id), group_name: group.name, group_remark: '', group_all_shut: this.shut.has(Number(params.group_id)) ? -1 : 0, member_count: group.members.length, max_member_count: 500 } }
          : { error: 1200, message: '群不存在' };
      case 'get_group_msg_history': {
        if (!group) return { error: 1200, message: '群不存在' };
        const all = [...this.messages.values()].filter((m) => m.group_id === Number(params.group_id) && m.event).sort((a, b) => a.message_id - b.message_id);
        const before = params.message_seq ? all.findIndex((m) => m.message_id === Number(params.message_seq)) : all.length - 1;
        const end = before < 0 ? all.length : before + 1;
        const count = Number(params.count ?? 20);
        return { data: { messages: all.slice(Math.max(0, end - count), end).map((m) => m.event) } };
      }
      case 'get_group_member_list':
        return group ? { data: group.members.map((m) => ({ group_id: Number(params.group_id), card: '', role: 'member', ...m })) } : { error: 1200, message: '群不存在' };
      case 'get_group_member_info': {
        const member = group?.members.find((m) => m.user_id === Number(params.user_id));
        return member ? { data: { group_id: Number(params.group_id), card: '', role: 'member', ...member } } : { error: 1200, message: '群成员不存在' };
      }
      case 'get_msg': {
        const stored = this.messages.get(Number(params.message_id));
        return stored ? { data: { ...stored, sender: { user_id: stored.user_id } } } : { error: 1200, message: '消息不存在' };
      }
      case 'send_group_msg':
      case 'send_private_msg':
      case 'send_msg': {
        const isGroup = action === 'send_group_msg' || (action === 'send_msg' && params.group_id !== undefined);
        if (isGroup && !group) return { error: 1200, message: '群不存在' };
        if (isGroup && this.shut.has(Number(params.group_id))) return { error: 1200, message: napcatSendRefused(120, '') };
        const userId = Number(params.user_id);
        // A private send to a stranger goes as a temporary message through a group both are in, or not at all.
        const viaGroup = !isGroup && this.strangers.has(userId) ? Number(params.group_id) || undefined : undefined;
        if (!isGroup && this.strangers.has(userId)) {
          const shared = viaGroup !== undefined && this.groups.get(viaGroup)?.members.some((m) => m.user_id === userId);
          if (!shared || this.noTemp.has(viaGroup!)) return { error: 1200, message: napcatSendRefused(5, '') };
        }
        const messageId = ++this.nextMessageId;
        const message = params.message as PeerSegment[] | string;
        const chat = String(isGroup ? params.group_id : params.user_id);
        this.messages.set(messageId, { message_id: messageId, user_id: this.options.selfId, ...(isGroup ? { group_id: Number(chat) } : {}), message });
        this.sent.push({ action: isGroup ? 'send_group_msg' : 'send_private_msg', chat, ...(viaGroup ? { viaGroup: String(viaGroup) } : {}), message, messageId, at: Date.now() });
        return { data: { message_id: messageId } };
      }
      case 'set_friend_add_request':
        return { data: null };
      default:
        return undefined;
    }
  }
}
