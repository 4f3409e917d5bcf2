import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../logger.ts';

export type Route = (req: IncomingMessage, res: ServerResponse) => Promise<void> | void;

/**
 * The bot's own HTTP server: a table of exact paths to handlers (the Telegram webhook, /healthz;
 * the web console joins later). Unknown paths get 404; a failing handler a 500 without details.
 */
export async function startHttpServer(routes: Record<string, Route>, options: { host: string; port: number; log: Logger }): Promise<{ server: Server; url: string; close(): Promise<void> }> {
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    const route = routes[path];
    if (!route) {
      res.writeHead(404).end();
      return;
    }
    Promise.resolve(route(req, res)).catch((error: unknown) => {
      options.log.error('http handler failed', { path, error });
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    server,
    url: `http://${options.host}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
