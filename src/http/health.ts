import type { WebPlugin } from './web-server.ts';

/** A dependency the bot cannot work without, and how to see that it answers. */
export interface ReadinessCheck {
  name: string;
  check(): Promise<unknown>;
}

const TIMEOUT_MS = 2000;

async function answers(check: ReadinessCheck): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  try {
    const timeout = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), TIMEOUT_MS)));
    return await Promise.race([check.check().then((ok) => ok !== false), timeout]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * /healthz: the process is up. /readyz: 200 when every dependency answers within two seconds,
 * else 503; the body names each.
 */
export function healthRoutes(checks: ReadinessCheck[]): WebPlugin {
  return (app) => {
    app.get('/healthz', async (_request, reply) => reply.type('text/plain').send('ok'));
    app.get('/readyz', async (_request, reply) => {
      const results = await Promise.all(checks.map(async (c) => [c.name, (await answers(c)) ? 'ok' : 'down'] as const));
      const ready = results.every(([, state]) => state === 'ok');
      return reply.status(ready ? 200 : 503).send({ status: ready ? 'ready' : 'unready', checks: Object.fromEntries(results) });
    });
  };
}
