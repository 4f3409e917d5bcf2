import { Worker } from 'node:worker_threads';
import type { MessageKey } from '../../i18n/index.ts';
import { UserError } from '../errors.ts';
import type { RosterParseResult } from './parse-roster-csv.ts';

// Roster files come from outside; parsing one is CPU and memory we do not control. Files are parsed in
// worker threads with a heap limit and a deadline, so a hostile file can at worst kill its worker, never
// stall the event loop or exhaust the bot's heap. Starting a worker costs a second or more (it loads
// tsx), so workers are kept for the next file while they behave, and let go after a while unused.

export type RosterFileKind = 'csv' | 'xlsx';
/** A file's cells with each row's spreadsheet line, or the refusal of a file that cannot be read as a table. */
export type SheetTable = { records: string[][]; lines: number[] } | { refused: { line: number; message: string } };
export type WorkerAnswer = { ok: true; result: RosterParseResult } | { ok: true; table: SheetTable } | { ok: false; key: MessageKey; params: Record<string, string | number> };

export interface OffThreadOptions {
  /** Deadline for one file, from the moment it is handed to a worker. */
  timeoutMs: number;
  /** Old-generation heap of one worker. */
  memoryMb: number;
  /** Files parsed at once, and files that may wait for a turn (more are refused as busy). */
  concurrency: number;
  queue: number;
  /** How long an unused worker is kept. */
  idleMs: number;
}

export const DEFAULT_OFF_THREAD: OffThreadOptions = { timeoutMs: 20_000, memoryMb: 192, concurrency: 2, queue: 8, idleMs: 5 * 60_000 };

export interface RosterParser {
  /** Parses one file in a worker; rejects with a UserError (`upload.*`) when the file is refused. */
  parse(bytes: Uint8Array, kind: RosterFileKind): Promise<RosterParseResult>;
  /** Reads one file's cells in a worker, under the same bounds (for files whose rows are checked by the caller). */
  table(bytes: Uint8Array, kind: RosterFileKind): Promise<SheetTable>;
  /** Starts a worker ahead of a likely upload (the upload page calls it). */
  warm(): void;
  /** Ends every worker. */
  close(): Promise<void>;
}

// Our sources are TypeScript; the worker starts from a small JavaScript module that registers tsx.
const ENTRY = new URL('./roster-worker-boot.mjs', import.meta.url);

/** A pool of bounded roster-parsing worker threads. */
export function rosterParser(options: OffThreadOptions = DEFAULT_OFF_THREAD): RosterParser {
  const idle: Worker[] = [];
  const busy = new Set<Worker>();
  const waiting: (() => void)[] = [];
  let idleTimer: NodeJS.Timeout | undefined;

  const spawn = () => {
    const worker = new Worker(ENTRY, {
      execArgv: [],
      resourceLimits: { maxOldGenerationSizeMb: options.memoryMb, maxYoungGenerationSizeMb: 16, stackSizeMb: 4 },
    });
    worker.on('error', () => undefined); // a crash is answered by the exit that follows
    worker.once('exit', () => {
      const index = idle.indexOf(worker);
      if (index >= 0) idle.splice(index, 1);
    });
    worker.unref();
    return worker;
  };
  const letGoLater = () => {
    clearTimeout(idleTimer);
    idleTimer = setTimeout(() => void Promise.all(idle.splice(0).map((w) => w.terminate())), options.idleMs);
    idleTimer.unref();
  };

  // Turns are counted synchronously, so files arriving together cannot all slip past the limit; a
  // finished file hands its turn straight to the next one waiting.
  let turns = 0;
  const turn = (): Promise<void> => {
    if (turns + waiting.length >= options.concurrency + options.queue) return Promise.reject(new UserError('upload.busy'));
    if (turns < options.concurrency) {
      turns++;
      return Promise.resolve();
    }
    return new Promise<void>((resolve) => waiting.push(resolve));
  };
  const endTurn = () => {
    const next = waiting.shift();
    if (next) next();
    else turns--;
  };

  const run = <T>(worker: Worker, message: { bytes: Uint8Array; kind: RosterFileKind; as?: 'table' }) =>
    new Promise<T>((resolve, reject) => {
      const finish = (keep: boolean, outcome: () => void) => {
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('exit', onExit);
        busy.delete(worker);
        if (keep) {
          idle.push(worker);
          letGoLater();
        } else void worker.terminate();
        endTurn();
        outcome();
      };
      const onMessage = (answer: WorkerAnswer) => finish(true, () => (answer.ok ? resolve(('table' in answer ? answer.table : answer.result) as T) : reject(new UserError(answer.key, answer.params))));
      // Out of memory or a crash: the file was too much for a roster.
      const onExit = () => finish(false, () => reject(new UserError('upload.tooComplex')));
      const timer = setTimeout(() => finish(false, () => reject(new UserError('upload.tooSlow', { seconds: Math.round(options.timeoutMs / 1000) }))), options.timeoutMs);
      worker.on('message', onMessage);
      worker.once('exit', onExit);
      worker.postMessage(message);
    });

  const inWorker = async <T>(message: { bytes: Uint8Array; kind: RosterFileKind; as?: 'table' }) => {
    await turn();
    const worker = idle.pop() ?? spawn();
    busy.add(worker);
    return run<T>(worker, message);
  };

  return {
    parse: (bytes, kind) => inWorker<RosterParseResult>({ bytes, kind }),
    table: (bytes, kind) => inWorker<SheetTable>({ bytes, kind, as: 'table' }),
    warm() {
      // One is enough for the usual single upload; a second starts only when two files overlap.
      if (idle.length === 0 && busy.size < options.concurrency) idle.push(spawn());
      letGoLater();
    },
    async close() {
      clearTimeout(idleTimer);
      await Promise.all([...idle.splice(0), ...busy].map((w) => w.terminate()));
    },
  };
}
