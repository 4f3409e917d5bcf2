const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
const PRISMA_CODES = new Set(['P1001', 'P1002', 'P1017', 'P2024']);
const ADAPTER_KINDS = new Set(['ConnectionClosed', 'DatabaseNotReachable', 'SocketTimeout']);
const CONNECTION_MESSAGE = /Connection terminated|connection timeout|Can't reach database server|server closed the connection|the database system is (starting up|shutting down)/i;

/**
 * True when an error means "the database cannot be reached right now" (worth waiting and trying
 * again), as opposed to a query the database refused. Errors arrive from pg, the Prisma adapter
 * or Prisma itself, sometimes wrapped, so the whole cause chain is inspected.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  const next = (e: object): unknown => (e as { cause?: unknown }).cause ?? (e as { meta?: { driverAdapterError?: unknown } }).meta?.driverAdapterError;
  for (let e = error, depth = 0; e && typeof e === 'object' && depth < 6; e = next(e), depth++) {
    const { code, message, kind } = e as { code?: unknown; message?: unknown; kind?: unknown };
    if (typeof kind === 'string' && ADAPTER_KINDS.has(kind)) return true;
    if (typeof code === 'string' && (NETWORK_CODES.has(code) || PRISMA_CODES.has(code) || code.startsWith('08') || code === '57P01' || code === '57P03')) return true;
    if (typeof message === 'string' && CONNECTION_MESSAGE.test(message)) return true;
  }
  return false;
}
