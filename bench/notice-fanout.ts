import { TelegramAdapter } from '../src/adapters/telegram/telegram-adapter.ts';
import { TELEGRAM_LIMITS } from '../src/adapters/telegram/telegram-outbox.ts';
import { applySetup } from '../src/features/roster/setup.ts';
import { createBot } from '../src/bot/create-bot.ts';
import { parseConfig } from '../src/config.ts';
import { ManualClock } from '../src/core/ports.ts';
import type { Database } from '../src/db/client.ts';
import { DeliveryLog } from '../src/delivery/delivery-log.ts';
import { DeliveryQueue } from '../src/delivery/delivery-queue.ts';
import { createLogger } from '../src/logger.ts';
import { FakeTelegram } from '../test/support/fake-telegram.ts';

export interface FanoutResult {
  recipients: number;
  schools: number;
  database: string;
  configuredPerSecond: number;
  achievedPerSecond: number;
  fractionOfLimit: number;
  busiestSecond: number;
  duplicates: number;
  losses: number;
  seconds: number;
}

/**
 * A county contact's 开班通知 to `n` teachers of `schools` schools that have no group bound, so each
 * teacher gets it privately: the production path (command → delivery log → delivery queue → paced
 * Telegram outbox → grammY → HTTP) against a local Bot API server, with Telegram's limits configured.
 */
export async function noticeFanout(db: Database, n: number, schools: number): Promise<FanoutResult> {
  const log = createLogger('silent');
  const telegram = new FakeTelegram();
  const adapter = new TelegramAdapter({ token: '123:BENCH', apiRoot: await telegram.start(), limits: TELEGRAM_LIMITS, log });
  const clock = new ManualClock(new Date('2026-11-22T10:00:00+08:00'));
  const enqueueOnly = new DeliveryQueue(new DeliveryLog(db.prisma), {}, log);
  const core = await createBot({ config: parseConfig({ LOG_LEVEL: 'silent' }), database: db, outbox: enqueueOnly, clock, log });
  const schoolNames = Array.from({ length: schools }, (_, i) => `基准学校${i + 1}`);
  await applySetup(core.app, {
    region: { province: '基准省', city: '基准市', county: '基准县' },
    schools: schoolNames,
    projects: [{ name: '基准项目', level: 'COUNTY', year: 2026 }],
    classes: [{ name: '基准班', project: '基准项目' }],
    people: [{ name: '王主任', phone: '13900000009', roles: [{ role: 'COUNTY_CONTACT' }], accounts: [{ platform: 'telegram', userId: '700001' }] }],
  });
  const p = db.prisma;
  const schoolRows = await p.school.findMany({ orderBy: { id: 'asc' } });
  const cls = await p.trainingClass.findFirstOrThrow();
  await p.person.createMany({ data: Array.from({ length: n }, (_, i) => ({ name: `教师${i}`, phone: `137${String(i).padStart(8, '0')}`, phoneLast4: String(i % 10_000).padStart(4, '0'), schoolId: schoolRows[i % schools]!.id })) });
  const persons = await p.person.findMany({ where: { name: { startsWith: '教师' } }, orderBy: { id: 'asc' } });
  await p.identity.createMany({ data: persons.map((x, i) => ({ platform: 'telegram', platformUserId: String(800_000 + i), displayName: x.name, personId: x.id })) });
  await p.enrolment.createMany({ data: persons.map((x) => ({ classId: cls.id, personId: x.id })) });

  await core.handler.handle({
    chat: { platform: 'telegram', id: '700001', kind: 'private' },
    sender: { id: '700001', name: '王主任' },
    text: '开班通知 基准班 12月1日8:00报到',
    mentions: [],
    addressedToBot: false,
    attachments: [],
    messageId: 'bench-1',
    sentAt: clock.now(),
  });
  await core.stop();

  const worker = new DeliveryQueue(new DeliveryLog(p), { telegram: adapter.outbox }, log);
  worker.start();
  await worker.idle(30 * 60_000);
  await worker.stop(0);
  await telegram.stop();

  const sent = telegram.sentMessages().filter((m) => Number(m.chatId) >= 800_000);
  const perChat = new Map<string, number>();
  for (const m of sent) perChat.set(m.chatId, (perChat.get(m.chatId) ?? 0) + 1);
  const times = sent.map((m) => m.at).sort((a, b) => a - b);
  let busiest = 0;
  for (let i = 0, j = 0; i < times.length; i++) {
    while (times[i]! - times[j]! >= 1000) j++;
    busiest = Math.max(busiest, i - j + 1);
  }
  const seconds = (times.at(-1)! - times[0]!) / 1000;
  const configured = TELEGRAM_LIMITS.global.max / (TELEGRAM_LIMITS.global.windowMs / 1000);
  // n messages in `seconds` after the first: the first second's budget is spent at once.
  const achieved = (sent.length - configured) / seconds;
  return {
    recipients: n,
    schools,
    database: db.kind,
    configuredPerSecond: configured,
    achievedPerSecond: Number(achieved.toFixed(2)),
    fractionOfLimit: Number((achieved / configured).toFixed(3)),
    busiestSecond: busiest,
    duplicates: [...perChat.values()].filter((c) => c > 1).length,
    losses: persons.length - perChat.size,
    seconds: Number(seconds.toFixed(1)),
  };
}
