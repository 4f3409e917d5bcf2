// A separate sending worker for the crash tests: the production delivery queue and Telegram outbox,
// against the test's database and local Bot API server, sending until it is killed or told to stop.
import { TelegramAdapter } from '../../src/adapters/telegram/telegram-adapter.ts';
import { openDatabase } from '../../src/db/client.ts';
import { DeliveryLog } from '../../src/delivery/delivery-log.ts';
import { DeliveryQueue } from '../../src/delivery/delivery-queue.ts';
import { createLogger } from '../../src/logger.ts';

const [url, apiRoot, leaseMs] = process.argv.slice(2) as [string, string, string];
const log = createLogger(process.env.YANXIU_TEST_LOG === '1' ? 'debug' : 'silent');
const database = await openDatabase({ url, migrate: false });
// One send at a time, 50 a second: Telegram's budget spread evenly.
const telegram = new TelegramAdapter({ token: '123:TEST', apiRoot, log, limits: { perChatGapMs: 1000, perGroupPerMinute: 20, global: { max: 1, windowMs: 20 } } });
const queue = new DeliveryQueue(new DeliveryLog(database.prisma), { telegram: telegram.outbox }, log, { leaseMs: Number(leaseMs), pollMs: 50 });
queue.start();
process.stdout.write('ready\n');
process.on('SIGTERM', () => {
  void queue.stop().then(async () => {
    await database.close();
    process.exit(0);
  });
});
