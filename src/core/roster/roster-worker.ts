import { parentPort } from 'node:worker_threads';
import { UserError } from '../errors.ts';
import { parseRosterCsv, readCsvTable } from './parse-roster-csv.ts';
import { parseRosterXlsx, readXlsxTable } from './parse-roster-xlsx.ts';
import type { RosterFileKind, SheetTable, WorkerAnswer } from './parse-off-thread.ts';

// The worker-thread side of rosterParser: parses the files it is sent, one at a time, and answers
// each with the result or the refusal.

const answer = (message: WorkerAnswer) => parentPort!.postMessage(message);

/** Only the cells, for files whose rows are checked elsewhere (a timetable). */
async function readTable(bytes: Uint8Array, kind: RosterFileKind): Promise<SheetTable> {
  if (kind === 'xlsx') return readXlsxTable(bytes);
  const read = readCsvTable(bytes, '日期,开始,结束,课程,学时,主讲,地点');
  return 'refused' in read ? { refused: read.refused } : { records: read.records, lines: read.records.map((_, i) => i + 1) };
}

parentPort!.on('message', ({ bytes, kind, as }: { bytes: Uint8Array; kind: RosterFileKind; as?: 'table' }) => {
  void (async () => {
    try {
      if (as === 'table') answer({ ok: true, table: await readTable(bytes, kind) });
      else answer({ ok: true, result: kind === 'xlsx' ? await parseRosterXlsx(bytes) : parseRosterCsv(bytes) });
    } catch (error) {
      answer(error instanceof UserError ? { ok: false, key: error.key, params: error.params } : { ok: false, key: 'upload.tooComplex', params: {} });
    }
  })();
});
