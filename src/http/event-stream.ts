import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * Turns a request into a server-sent-events stream: `send` writes one event, a comment every 20 s
 * keeps proxies from closing an idle stream, and `stop` (the browser went away) runs the cleanup.
 */
export function openEventStream(request: FastifyRequest, reply: FastifyReply, stop: () => void): (event: string, data: unknown) => void {
  reply.hijack();
  reply.raw.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', connection: 'keep-alive', 'x-accel-buffering': 'no' });
  reply.raw.write(': open\n\n');
  const ping = setInterval(() => reply.raw.write(': ping\n\n'), 20_000);
  request.raw.on('close', () => {
    clearInterval(ping);
    stop();
  });
  return (event, data) => reply.raw.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
}
