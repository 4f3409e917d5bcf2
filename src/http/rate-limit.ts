import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * At most `max` requests per client address in each `windowMs` (a fixed window), for the sign-in
 * routes: guessing a six-digit code or the admin password takes far more tries than this allows.
 * In memory, per process; a route hook answers 429 with Retry-After when the budget is spent.
 */
export function rateLimit(options: { max: number; windowMs: number; now?: () => number }) {
  const now = options.now ?? Date.now;
  const windows = new Map<string, { count: number; resetAt: number }>();
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const t = now();
    if (windows.size > 10_000) for (const [key, w] of windows) if (w.resetAt <= t) windows.delete(key);
    const window = windows.get(request.ip);
    if (!window || window.resetAt <= t) {
      windows.set(request.ip, { count: 1, resetAt: t + options.windowMs });
      return;
    }
    if (++window.count <= options.max) return;
    return reply
      .status(429)
      .header('retry-after', String(Math.ceil((window.resetAt - t) / 1000)))
      .type('text/plain; charset=utf-8')
      .send('请求太频繁，请稍后再试。');
  };
}
