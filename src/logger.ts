// A small structured logger: one JSON object per line on stderr, child loggers carry context.

export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';
const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 99 };

export interface Logger {
  debug(msg: string, data?: Record<string, unknown>): void;
  info(msg: string, data?: Record<string, unknown>): void;
  warn(msg: string, data?: Record<string, unknown>): void;
  error(msg: string, data?: Record<string, unknown>): void;
  child(context: Record<string, unknown>): Logger;
}

/** Creates a logger writing at or above `level` to `write` (stderr by default). */
export function createLogger(level: LogLevel, context: Record<string, unknown> = {}, write: (line: string) => void = (l) => process.stderr.write(`${l}\n`)): Logger {
  const emit = (at: Exclude<LogLevel, 'silent'>, msg: string, data?: Record<string, unknown>) => {
    if (ORDER[at] < ORDER[level]) return;
    const extra = data && data.error instanceof Error ? { ...data, error: { message: data.error.message, stack: data.error.stack } } : data;
    write(JSON.stringify({ time: new Date().toISOString(), level: at, msg, ...context, ...extra }));
  };
  return {
    debug: (m, d) => emit('debug', m, d),
    info: (m, d) => emit('info', m, d),
    warn: (m, d) => emit('warn', m, d),
    error: (m, d) => emit('error', m, d),
    child: (more) => createLogger(level, { ...context, ...more }, write),
  };
}
