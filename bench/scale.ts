import { randomInt } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openDatabase } from '../src/db/client.ts';
import { DeliveryLog } from '../src/delivery/delivery-log.ts';
import { startLocalRedis } from '../src/jobs/local-redis.ts';
import { createLogger } from '../src/logger.ts';
import { busiest, freePort, over40, postUpdate, roundRobin, startBotProcess, stopBotProcess, waitStarted } from '../test/support/bot-processes.ts';
import { FakeTelegram, textUpdate } from '../test/support/fake-telegram.ts';
import { seedGroups, traineeName, userIdOf } from './checkin-burst.ts';

export interface ScaleRun {
  processes: number;
  burstTrainees: number;
  checkinsPerSecond: number;
  recorded: number;
  fanoutRecipients: number;
  fanoutPerSecond: number;
  fractionOfLimit: number;
  busiestSecond: number;
  sentTwice: number;
}

const LIMIT = 30;

/**
 * `processes` real bot processes (as `npm start`) on one PostgreSQL database and one redis-server,
 * Telegram's webhook spread across them by a round-robin proxy: a burst of `trainees` 签到 in one
 * group (timed until every webhook post is answered, i.e. recorded), then a fan-out of `recipients`
 * private messages queued at once, read from the local Bot API server's receive times.
 */
export async function scaleRun(databaseUrl: string, processes: number, trainees: number, recipients: number): Promise<ScaleRun> {
  const db = await openDatabase({ url: databaseUrl });
  await seedGroups(db, [{ chatId: '-1001', trainees }], new Date(Date.now() + 5 * 60_000), 'telegram');
  const dir = await mkdtemp(path.join(tmpdir(), 'yanxiu-bench-scale-'));
  const redis = await startLocalRedis(path.join(dir, 'redis'), await freePort(), createLogger('silent'));
  if (!redis) throw new Error('redis-server is needed for the scale benchmark');
  const telegram = new FakeTelegram({ openPrivateChats: true });
  const apiRoot = await telegram.start();
  const botId = 500_000_000 + randomInt(1_000_000);
  const bots = await Promise.all(Array.from({ length: processes }, (_, i) =>
    startBotProcess(`bot${i + 1}`, { apiRoot, botId, env: { DATABASE_URL: databaseUrl, REDIS_URL: redis.url, DATA_DIR: path.join(dir, `bot${i + 1}`), SENDING_PROCESSES: String(processes) } }),
  ));
  const proxy = await roundRobin(() => bots.filter((b) => b.alive()).map((b) => b.port));
  try {
    await waitStarted(bots, () => telegram.calls.filter((c) => c.method === 'setWebhook').length);
    const started = Date.now();
    await over40(Array.from({ length: trainees }, (_, i) => async () => {
      const update = { update_id: i + 1, ...textUpdate({ chatId: -1001, chatTitle: '基准群', userId: Number(userIdOf('-1001', i)), name: traineeName(i), text: '签到', messageId: i + 1 }) };
      if ((await postUpdate(proxy.url, update)) !== 200) throw new Error('the webhook refused an update');
    }));
    const burstSeconds = (Date.now() - started) / 1000;
    const recorded = await db.prisma.checkIn.count();

    const deliveries = new DeliveryLog(db.prisma);
    await Promise.all(Array.from({ length: 20 }, async (_, w) => {
      for (let i = w; i < recipients; i += 20) await deliveries.enqueue({ chat: { platform: 'telegram', id: String(900_000 + i), kind: 'private' }, text: '开班通知', delivery: { key: `bench:scale:${i}`, source: 'bench:scale' } });
    }));
    for (let waited = 0; (await deliveries.open(['telegram'])) > 0 && waited < 600_000; waited += 250) await new Promise((r) => setTimeout(r, 250));
    const fanout = telegram.sentMessages().filter((m) => Number(m.chatId) >= 900_000);
    const times = fanout.map((m) => m.at).sort((a, b) => a - b);
    const perSecond = (times.length - 1) / ((times.at(-1)! - times[0]!) / 1000);
    return {
      processes,
      burstTrainees: trainees,
      checkinsPerSecond: Math.round(trainees / burstSeconds),
      recorded,
      fanoutRecipients: recipients,
      fanoutPerSecond: Math.round(perSecond * 10) / 10,
      fractionOfLimit: Math.round((perSecond / LIMIT) * 1000) / 1000,
      busiestSecond: busiest(telegram.sentMessages().map((m) => m.at), 1000),
      sentTwice: fanout.length - new Set(fanout.map((m) => m.chatId)).size,
    };
  } finally {
    await Promise.all(bots.map((b) => stopBotProcess(b)));
    proxy.server.close();
    await telegram.stop();
    await redis.stop();
    await db.close();
    await rm(dir, { recursive: true, force: true });
  }
}
