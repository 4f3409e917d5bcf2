import { createHash, timingSafeEqual } from 'node:crypto';
import { Counter, Gauge, Registry, collectDefaultMetrics } from 'prom-client';
import type { App } from '../app/app.ts';
import type { WebPlugin } from './web-server.ts';

/**
 * Prometheus metrics at /metrics: messages in and out, check-ins (per platform, counted in this
 * process), and the delivery queue by platform and status, read from the database at each scrape so
 * every process reports the same queue (QUEUED and CLAIMED are the depth; FAILED and UNCERTAIN are
 * the send failures). main.ts serves it on a listener of its own (METRICS_HOST, loopback by default);
 * with `token` (METRICS_TOKEN) a scrape must send `Authorization: Bearer <token>`.
 */
export function metricsRoutes(app: App, options: { token?: string } = {}): WebPlugin {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'yanxiu_' });
  const counter = (name: string, help: string) => new Counter({ name, help, labelNames: ['platform'] as const, registers: [registry] });
  const messagesIn = counter('yanxiu_messages_in_total', 'Messages received and stored, by platform');
  const messagesOut = counter('yanxiu_messages_out_total', 'Messages the bot handed to a platform outbox, by platform');
  const checkIns = counter('yanxiu_checkins_total', 'Check-ins recorded, by platform');
  app.events.on('message.in', ({ platform }) => messagesIn.inc({ platform }));
  app.events.on('message.out', ({ platform }) => messagesOut.inc({ platform }));
  app.events.on('checkin', ({ platform }) => checkIns.inc({ platform }));
  new Gauge({
    name: 'yanxiu_deliveries',
    help: 'Messages in the delivery log by platform and status (QUEUED/CLAIMED: waiting; FAILED/UNCERTAIN: not delivered)',
    labelNames: ['platform', 'status'] as const,
    registers: [registry],
    async collect() {
      const rows = await app.db.delivery.groupBy({ by: ['platform', 'status'], _count: { _all: true } });
      this.reset();
      for (const r of rows) this.set({ platform: r.platform, status: r.status }, r._count._all);
    },
  });
  return (server) => {
    server.get('/metrics', async (request, reply) => {
      if (options.token && !bearerMatches(request.headers.authorization, options.token)) {
        return reply.status(401).header('www-authenticate', 'Bearer').type('text/plain; charset=utf-8').send('unauthorized');
      }
      return reply.type(registry.contentType).send(await registry.metrics());
    });
  };
}

const digest = (text: string) => createHash('sha256').update(text).digest();

/** True when the Authorization header carries the token (compared in constant time). */
function bearerMatches(header: string | undefined, token: string): boolean {
  const given = /^Bearer\s+(\S+)$/i.exec(header ?? '')?.[1];
  return given !== undefined && timingSafeEqual(digest(given), digest(token));
}
