import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { parseTranscript, runTranscript } from '../adapters/playground/transcript.ts';

// npm run transcript -- FILE.jsonl [--setup SETUP.json]
// Prints every message the bot sends, scheduled ones included, as JSON Lines.

const { values, positionals } = parseArgs({ allowPositionals: true, options: { setup: { type: 'string' } } });
const file = positionals[0];
if (!file) {
  process.stderr.write('usage: npm run transcript -- FILE.jsonl [--setup SETUP.json]\n');
  process.exit(2);
}
try {
  const lines = parseTranscript(await readFile(file, 'utf8'));
  const setup = values.setup ? JSON.parse(await readFile(values.setup, 'utf8')) : undefined;
  await runTranscript(lines, { setup, onSend: (record) => process.stdout.write(`${JSON.stringify(record)}\n`) });
} catch (error) {
  process.stderr.write(`transcript failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
