import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { UserError } from '../../src/core/errors.ts';
import { DEFAULT_OFF_THREAD, rosterParser, type RosterParser } from '../../src/core/roster/parse-off-thread.ts';
import { parseRosterCsv } from '../../src/core/roster/parse-roster-csv.ts';
import { farColumnWorkbook } from '../support/xlsx-zip.ts';

// Roster files are parsed in worker threads: the answers are the parsers' own, a worker that runs out
// of time or memory is ended and answered politely, and the pool keeps serving.

const ROOT = path.resolve(import.meta.dirname, '../..');
const csv = new TextEncoder().encode('姓名,手机号,学校,班级\n张三,13800001111,城关小学,1班\n王五,1380000,城关小学,1班\n');
const keyOf = (promise: Promise<unknown>) => promise.then(() => null, (error: unknown) => (error instanceof UserError ? error.key : error));

describe('parsing rosters off the event loop', () => {
  let parser: RosterParser | undefined;
  afterEach(async () => parser?.close());

  it('when a file is parsed in a worker the result is exactly what the parser gives in the bot, and refusals arrive as the same UserError', async () => {
    parser = rosterParser();
    expect(await parser.parse(csv, 'csv')).toEqual(parseRosterCsv(csv));
    await expect(parser.parse(farColumnWorkbook(), 'xlsx')).rejects.toMatchObject({ key: 'upload.tooManyColumns', params: { max: 50, cell: 'XFD2' } });
    expect((await parser.parse(csv, 'csv')).rows).toHaveLength(1);
  });

  it('when a worker passes its deadline or its heap it is ended with a polite refusal, and the next file gets a fresh worker', async () => {
    parser = rosterParser({ ...DEFAULT_OFF_THREAD, timeoutMs: 1 });
    expect(await keyOf(parser.parse(csv, 'csv'))).toBe('upload.tooSlow');
    await parser.close();
    parser = rosterParser({ ...DEFAULT_OFF_THREAD, memoryMb: 2 });
    expect(await keyOf(parser.parse(csv, 'csv'))).toBe('upload.tooComplex');
    await parser.close();
    parser = rosterParser();
    expect((await parser.parse(csv, 'csv')).errors).toHaveLength(1);
  });

  it('when more files arrive than may run or wait, the extra one is refused as busy', async () => {
    parser = rosterParser({ ...DEFAULT_OFF_THREAD, concurrency: 1, queue: 1 });
    const outcomes = await Promise.all([0, 1, 2].map(() => keyOf(parser!.parse(csv, 'csv'))));
    expect(outcomes).toEqual([null, null, 'upload.busy']);
  });

  it('when the bot runs as npm start runs it (node --import tsx) the worker loads its TypeScript too', async () => {
    const script = `import { rosterParser } from './src/core/roster/parse-off-thread.ts';
      const parser = rosterParser();
      const result = await parser.parse(new TextEncoder().encode('姓名,手机号,学校,班级\\n张三,13800001111,城关小学,1班\\n'), 'csv');
      console.log(JSON.stringify(result.rows.map((r) => r.name)));
      await parser.close();`;
    const { stdout } = await promisify(execFile)(process.execPath, ['--max-semi-space-size=2', '--optimize-for-size', '--import', 'tsx', '--input-type=module', '-e', script], { cwd: ROOT });
    expect(stdout.trim()).toBe('["张三"]');
  });
});
