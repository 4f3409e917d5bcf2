import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import multipart from '@fastify/multipart';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Logger } from '../logger.ts';

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
 * Builds the bot's HTTP server (Fastify) with the given parts; `listen` false for in-process tests
 * that use `app.inject`. Errors never show internals: 4xx keep their message, 5xx say only that
 * something went wrong, and are logged.
 */
export async function buildWebServer(plugins: WebPlugin[], options: { log: Logger; trustProxy?: boolean }): Promise<FastifyInstance> {
  // forceCloseConnections: open live-board streams must not hold up a shutdown. trustProxy only
  // behind a proxy: otherwise anyone could pick their own address and slip past the sign-in limits.
  const app = Fastify({ logger: false, forceCloseConnections: true, trustProxy: options.trustProxy ?? false });
  await app.register(cookie);
  await app.register(formbody);
  await app.register(multipart, { limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 20 } });
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

export async function startWebServer(plugins: WebPlugin[], options: { host: string; port: number; log: Logger; trustProxy?: boolean }): Promise<WebServer> {
  const app = await buildWebServer(plugins, options);
  await app.listen({ host: options.host, port: options.port });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  return { app, url: `http://${options.host}:${port}`, close: () => app.close() };
}
