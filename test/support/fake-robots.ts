import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

// Local HTTP servers that speak the two group-robot APIs as their documentation describes them, so
// tests drive the bot's real HTTP client:
// - WeCom (企业微信) group robot: POST /cgi-bin/webhook/send?key=KEY with {"msgtype":"text","text":
//   {"content","mentioned_mobile_list"}}; content at most 2048 bytes; 20 messages per robot per
//   minute, beyond that errcode 45009; an unknown key errcode 93000.
// - DingTalk (钉钉) custom robot: POST /robot/send?access_token=T&timestamp=&sign= with
//   {"msgtype":"text","text":{"content"},"at":{"atMobiles"}}; with 加签 the sign must be
//   urlEncode(base64(HmacSHA256(secret, timestamp+"\n"+secret))) and the timestamp within an hour,
//   else errcode 310000; 20 per minute, beyond that errcode 130101; an unknown token errcode 300001.
// Both answer HTTP 200 with {errcode, errmsg}. The minute is a sliding one on the `now` the test
// gives (a virtual clock when the sender is paced on one).

export interface RobotPost {
  robot: string;
  text: string;
  mobiles: string[];
  at: number;
  /** The request line's query without the credential, e.g. to check that a sign was sent. */
  signed: boolean;
}

interface Answer {
  errcode: number;
  errmsg: string;
}

abstract class FakeRobotServer {
  /** Messages accepted (what the group would show), in order. */
  readonly posts: RobotPost[] = [];
  /** Requests refused, by errcode. */
  readonly refused = new Map<number, number>();
  /** Every request's full URL and body as received (to check that nothing leaks). */
  readonly raw: string[] = [];
  private server: Server | undefined;

  constructor(protected readonly now: () => number = Date.now) {}

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      void this.read(req).then((body) => {
        this.raw.push(`${req.url ?? ''} ${body}`);
        const answer = req.method !== 'POST' ? { errcode: 404, errmsg: 'POST only' } : this.answer(new URL(req.url ?? '/', 'http://robot'), req.headers['content-type'] ?? '', body);
        if (answer.errcode !== 0) this.refused.set(answer.errcode, (this.refused.get(answer.errcode) ?? 0) + 1);
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(answer));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }

  /** The most messages one robot had accepted within any 60 s (sliding). */
  maxPerMinute(robot: string): number {
    const times = this.posts.filter((p) => p.robot === robot).map((p) => p.at);
    let max = 0;
    for (let i = 0, j = 0; i < times.length; i++) {
      while (times[i]! - times[j]! >= 60_000) j++;
      max = Math.max(max, i - j + 1);
    }
    return max;
  }

  totalRefused(): number {
    return [...this.refused.values()].reduce((a, b) => a + b, 0);
  }

  /** True when the robot already had 20 messages in the last minute (it refuses the next). */
  protected overLimit(robot: string): boolean {
    const since = this.now() - 60_000;
    return this.posts.filter((p) => p.robot === robot && p.at > since).length >= 20;
  }

  protected abstract answer(url: URL, contentType: string, body: string): Answer;

  private read(req: IncomingMessage): Promise<string> {
    return new Promise((resolve) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    });
  }
}

const parse = (body: string): Record<string, unknown> | null => {
  try {
    return JSON.parse(body) as Record<string, unknown>;
  } catch {
    return null;
  }
};

export class FakeWecomRobots extends FakeRobotServer {
  private readonly keys = new Set<string>();

  /** Adds a robot to a group; returns its key (as in the webhook). */
  addRobot(key: string): string {
    this.keys.add(key);
    return key;
  }

  protected answer(url: URL, contentType: string, body: string): Answer {
    if (url.pathname !== '/cgi-bin/webhook/send') return { errcode: 404, errmsg: 'not found' };
    const key = url.searchParams.get('key') ?? '';
    if (!this.keys.has(key)) return { errcode: 93000, errmsg: 'invalid webhook url' };
    const json = parse(body);
    if (!json || !/json/.test(contentType)) return { errcode: 40035, errmsg: 'invalid parameter' };
    if (json.msgtype !== 'text') return { errcode: 40008, errmsg: 'invalid message type' };
    const text = json.text as { content?: string; mentioned_mobile_list?: string[] };
    if (typeof text?.content !== 'string' || text.content === '') return { errcode: 44004, errmsg: 'empty content' };
    if (Buffer.byteLength(text.content, 'utf8') > 2048) return { errcode: 40058, errmsg: 'content exceed max length' };
    if (this.overLimit(key)) return { errcode: 45009, errmsg: 'api freq out of limit' };
    this.posts.push({ robot: key, text: text.content, mobiles: text.mentioned_mobile_list ?? [], at: this.now(), signed: false });
    return { errcode: 0, errmsg: 'ok' };
  }
}

export class FakeDingtalkRobots extends FakeRobotServer {
  private readonly secrets = new Map<string, string | null>();

  /** Adds a custom robot with 加签 (`secret`) or without; returns its access token. */
  addRobot(token: string, secret: string | null): string {
    this.secrets.set(token, secret);
    return token;
  }

  protected answer(url: URL, contentType: string, body: string): Answer {
    if (url.pathname !== '/robot/send') return { errcode: 404, errmsg: 'not found' };
    const token = url.searchParams.get('access_token') ?? '';
    if (!this.secrets.has(token)) return { errcode: 300001, errmsg: 'token is not exist' };
    const secret = this.secrets.get(token);
    if (secret) {
      const timestamp = Number(url.searchParams.get('timestamp'));
      // URLSearchParams has undone the sender's urlEncode: what is left is the base64 signature.
      const sign = url.searchParams.get('sign') ?? '';
      const expected = createHmac('sha256', secret).update(`${timestamp}\n${secret}`).digest('base64');
      if (!Number.isFinite(timestamp) || Math.abs(this.now() - timestamp) > 3600_000 || sign !== expected) return { errcode: 310000, errmsg: 'sign not match' };
    }
    const json = parse(body);
    if (!json || !/json/.test(contentType)) return { errcode: 400105, errmsg: 'invalid parameter' };
    if (json.msgtype !== 'text') return { errcode: 40035, errmsg: 'unsupported msgtype' };
    const content = (json.text as { content?: string })?.content;
    if (typeof content !== 'string' || content === '') return { errcode: 40035, errmsg: 'missing content' };
    if (this.overLimit(token)) return { errcode: 130101, errmsg: 'send too fast, exceed 20 times per minute' };
    const at = (json.at as { atMobiles?: string[] }) ?? {};
    this.posts.push({ robot: token, text: content, mobiles: at.atMobiles ?? [], at: this.now(), signed: !!secret });
    return { errcode: 0, errmsg: 'ok' };
  }
}

/** A sender clock for pacing on virtual time: `sleep` moves it on at once. */
export function virtualSenderTime(start: number) {
  let now = start;
  return {
    now: () => now,
    sleep: async (ms: number) => {
      now += Math.max(0, ms);
      await new Promise((resolve) => setImmediate(resolve));
    },
    random: () => 0.5,
  };
}
