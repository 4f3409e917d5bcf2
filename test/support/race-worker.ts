// A separate bot process for race tests: opens the database, waits for the agreed instant, handles one
// message, flushes acknowledgements and prints its outcome and what it sent as one JSON line.
import { PlaygroundOutbox } from '../../src/adapters/playground/playground-outbox.ts';
import { createBot } from '../../src/bot/create-bot.ts';
import { parseConfig } from '../../src/config.ts';
import type { InboundMessage } from '../../src/core/message.ts';
import { ManualClock } from '../../src/core/ports.ts';
import { openDatabase } from '../../src/db/client.ts';
import { createLogger } from '../../src/logger.ts';

const [url, messageJson, goAt] = process.argv.slice(2) as [string, string, string];
const raw = JSON.parse(messageJson) as InboundMessage & { sentAt: string };
const message: InboundMessage = { ...raw, sentAt: new Date(raw.sentAt) };
const clock = new ManualClock(message.sentAt);
const database = await openDatabase({ url, migrate: false });
const outbox = new PlaygroundOutbox(clock);
const bot = await createBot({ config: parseConfig({ LOG_LEVEL: 'silent' }), database, outbox, clock, log: createLogger('silent') });
await database.prisma.$queryRaw`SELECT 1`;
while (Date.now() < Number(goAt)) await new Promise((r) => setTimeout(r, 1));
const outcome = await bot.handler.handle(message);
await bot.stop();
await database.close();
process.stdout.write(`${JSON.stringify({ outcome, sent: outbox.sent.map((s) => s.text) })}\n`);
