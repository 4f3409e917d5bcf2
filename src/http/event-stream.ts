import type { FastifyReply, FastifyRequest } from 'fastify';

/** How many event streams may be open at once: per key (a console session, or a client address) and in all. */
export interface StreamLimits {
  perKey: number;
  total: number;
}

export const DEFAULT_STREAM_LIMITS: StreamLimits = { perKey: 6, total: 300 };

/** Counts the open event streams of one web server, so that no client can hold all its sockets. */
export class StreamBudget {
  private readonly open = new Map<string, number>();
  private count = 0;

  constructor(readonly limits: StreamLimits = DEFAULT_STREAM_LIMITS) {}

  /** A release function when one more stream under `key` fits, else null. */
  take(key: string): (() => void) | null {
    const mine = this.open.get(key) ?? 0;
    if (mine >= this.limits.perKey || this.count >= this.limits.total) return null;
    this.open.set(key, mine + 1);
    this.count++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.count--;
      const left = (this.open.get(key) ?? 1) - 1;
      if (left > 0) this.open.set(key, left);
      else this.open.delete(key);
    };
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The open event streams of this server (set by buildWebServer). */
    eventStreams?: StreamBudget;
  }
}

export interface EventStreamOptions {
  /** Whose budget the stream counts against; the client address by default. */
  key?: string;
  /** Asked every `recheckMs` (5 s by default); the stream ends when it says false (signed out, expired). */
  alive?: () => Promise<boolean>;
  recheckMs?: number;
  /** Ends the stream when aborted (e.g. at logout). */
  signal?: AbortSignal;
}

/**
 * Turns a request into a server-sent-events stream: `send` writes one event, a comment every 20 s
 * keeps proxies from closing an idle stream, and `stop` (the stream ended, for whatever reason) runs
 * the cleanup. Beyond the server's stream budget the request gets a polite 429 instead, and `send`
 * does nothing.
 */
export function openEventStream(request: FastifyRequest, reply: FastifyReply, stop: () => void, options: EventStreamOptions = {}): (event: string, data: unknown) => void {
  const release = (request.server.eventStreams ?? new StreamBudget()).take(options.key ?? `ip:${request.ip}`);
  if (!release) {
    reply.raw.once('close', stop);
    void reply.status(429).header('retry-after', '60').type('text/plain; charset=utf-8').send('打开的实时页面太多了，请关掉几个页面后再刷新。');
    return () => {};
  }
  reply.hijack();
  reply.raw.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  });
  reply.raw.write(': open\n\n');
  let open = true;
  const end = () => {
    if (!open) return;
    open = false;
    clearInterval(ping);
    clearInterval(recheck);
    options.signal?.removeEventListener('abort', end);
    release();
    stop();
    reply.raw.end();
  };
  const ping = setInterval(() => reply.raw.write(': ping\n\n'), 20_000);
  const alive = options.alive;
  const recheck = alive && setInterval(() => void alive().then((ok) => ok || end(), () => undefined), options.recheckMs ?? 5_000);
  options.signal?.addEventListener('abort', end);
  if (options.signal?.aborted) end();
  // The response's close: the browser went away, or we ended the stream.
  reply.raw.on('close', end);
  return (event, data) => {
    if (open) reply.raw.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  };
}
