import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import multipart from '@fastify/multipart';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Logger } from '../logger.ts';
import { StreamBudget, type StreamLimits } from './event-stream.ts';
import { proxyTrust, type ProxyTrust } from './trusted-proxies.ts';

/** A part of the web server: health checks, metrics, the Telegram webhook, the console. */
export type WebPlugin = (app: FastifyInstance) => Promise<void> | void;

export interface WebServer {
  app: FastifyInstance;
  url: string;
  close(): Promise<void>;
}

/** Largest roster file the console accepts (a county's 40 schools × a few hundred teachers is far less). */
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

/**
 * What every response says about itself: scripts only from our own files (no inline script runs,
 * whatever a page may contain), no framing, no content sniffing, and nothing kept in caches unless
 * the route says otherwise. The Referrer-Policy is `same-origin`: no other site ever learns an
 * address of ours (sign-in links carry tokens); `no-referrer` would make browsers send `Origin: null`
 * with every form post, which the console must refuse as cross-site.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  // Inline styles only: the page frame's <style> and the charts' style attributes.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export interface WebServerOptions {
  log: Logger;
  /** Which reverse proxies of ours stand in front (undefined: none, X-Forwarded-For is ignored). */
  trustProxy?: ProxyTrust;
  streams?: StreamLimits;
}

/**
 * Builds the bot's HTTP server (Fastify) with the given parts; `listen` false for in-process tests
 * that use `app.inject`. Errors never show internals: 4xx keep their message, 5xx say only that
 * something went wrong, and are logged.
 */
export async function buildWebServer(plugins: WebPlugin[], options: WebServerOptions): Promise<FastifyInstance> {
  // forceCloseConnections: open live-board streams must not hold up a shutdown.
  const trustProxy = options.trustProxy ? proxyTrust(options.trustProxy) : false;
  const app = Fastify({ logger: false, forceCloseConnections: true, trustProxy });
  app.decorate('eventStreams', new StreamBudget(options.streams));
  await app.register(cookie);
  await app.register(formbody);
  await app.register(multipart, { limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 20 } });
  app.addHook('onSend', async (_request, reply, payload) => {
    void reply
      .header('content-security-policy', CONTENT_SECURITY_POLICY)
      .header('x-frame-options', 'DENY')
      .header('referrer-policy', 'same-origin')
      .header('x-content-type-options', 'nosniff')
      .header('cross-origin-opener-policy', 'same-origin');
    if (!reply.hasHeader('cache-control')) void reply.header('cache-control', 'no-store');
    return payload;
  });
  app.setErrorHandler((error: Error & { statusCode?: number }, request, reply) => {
    const status = error.statusCode && error.statusCode >= 400 ? error.statusCode : 500;
    if (status >= 500) options.log.error('http request failed', { path: request.url, error });
    void reply
      .status(status)
      .type('text/plain; charset=utf-8')
      .send(status < 500 ? error.message : '抱歉，服务器出了点问题，请稍后再试。');
  });
  for (const plugin of plugins) await plugin(app);
  return app;
}

/** Builds the server and listens on host:port (port 0: any free port); `url` says where. */
export async function startWebServer(plugins: WebPlugin[], options: WebServerOptions & { host: string; port: number }): Promise<WebServer> {
  const app = await buildWebServer(plugins, options);
  await app.listen({ host: options.host, port: options.port });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  return { app, url: `http://${options.host}:${port}`, close: () => app.close() };
}
