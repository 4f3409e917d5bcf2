import { parentPort } from 'node:worker_threads';
import { UserError } from '../errors.ts';
import { parseRosterCsv } from './parse-roster-csv.ts';
import { parseRosterXlsx } from './parse-roster-xlsx.ts';
import type { RosterFileKind, WorkerAnswer } from './parse-off-thread.ts';

// The worker-thread side of rosterParser: parses the files it is sent, one at a time, and answers
// each with the result or the refusal.

const answer = (message: WorkerAnswer) => parentPort!.postMessage(message);

parentPort!.on('message', ({ bytes, kind }: { bytes: Uint8Array; kind: RosterFileKind }) => {
  void (async () => {
    try {
      answer({ ok: true, result: kind === 'xlsx' ? await parseRosterXlsx(bytes) : parseRosterCsv(bytes) });
    } catch (error) {
      answer(error instanceof UserError ? { ok: false, key: error.key, params: error.params } : { ok: false, key: 'upload.tooComplex', params: {} });
    }
  })();
});
