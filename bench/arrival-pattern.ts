import { PacedSender, type PacedItem, type PaceLimits, type SenderTime } from '../src/adapters/shared/paced-sender.ts';
import { TELEGRAM_LIMITS } from '../src/adapters/telegram/telegram-outbox.ts';
import { WECHAT_LIMITS } from '../src/adapters/wechat/wechat-outbox.ts';
import { announceSessionOpen } from '../src/features/attendance/sessions.ts';
import { createBot } from '../src/bot/create-bot.ts';
import { parseConfig } from '../src/config.ts';
import type { OutboundMessage } from '../src/core/message.ts';
import { ManualClock } from '../src/core/ports.ts';
import type { Database } from '../src/db/client.ts';
import { advanceVirtualClock } from '../src/jobs/clock-scheduler.ts';
import { createLogger } from '../src/logger.ts';
import { namesIn, seedGroups, traineeName, userIdOf } from './checkin-burst.ts';

export interface ArrivalResult {
  platform: 'wechat' | 'telegram';
  trainees: number;
  minutes: number;
  seed: number;
  /** New messages in the group after the opening announcement. */
  groupMessages: number;
  /** Edits of messages already in the group (Telegram's live list). */
  edits: number;
  /** Seconds from a trainee's 签到 to the first group message (or edit) naming them. */
  p50NamedSeconds: number;
  p99NamedSeconds: number;
  maxNamedSeconds: number;
  /** Trainees never named in the group. */
  unnamed: number;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

/** A small deterministic generator (mulberry32), so a seed always gives the same arrivals. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Poisson arrivals of `n` over `spanMs`: given their number, their times are sorted uniform draws. */
export function poissonArrivals(n: number, spanMs: number, seed: number): number[] {
  const next = random(seed);
  return Array.from({ length: n }, () => Math.floor(next() * spanMs)).sort((a, b) => a - b);
}

interface Item extends PacedItem {
  message: OutboundMessage;
}

/**
 * One group of `trainees` checking in one by one at Poisson times over `minutes`, on the virtual clock,
 * with the platform's real pacing (the paced sender on virtual time): on WeChat every acknowledgement is
 * a new message; on Telegram a live message with the same key edits the one already sent (an identical
 * version is not sent, as the Telegram outbox does). Counts what the group gets and how soon each
 * trainee is named.
 */
export async function arrivalPattern(db: Database, options: { platform: 'wechat' | 'telegram'; trainees: number; minutes: number; seed?: number }): Promise<ArrivalResult> {
  const { platform, trainees, minutes } = options;
  const seed = options.seed ?? 1;
  const chatId = platform === 'telegram' ? '-100700' : 'room-700@chatroom';
  const startsAt = new Date('2026-11-23T08:30:00+08:00');
  const firstArrival = startsAt.getTime() - 25 * 60_000; // check-in opened at 08:00; everyone is on time
  await seedGroups(db, [{ chatId, trainees }], startsAt, platform);
  const clock = new ManualClock(new Date(firstArrival - 60_000));
  let cursor = 0;
  const time: SenderTime = {
    now: () => (cursor = Math.max(cursor, clock.now().getTime())),
    sleep: async (ms) => void (cursor = time.now() + Math.max(0, ms)),
    random: () => 0.5,
  };
  const delivered: { at: number; text: string; edit: boolean }[] = [];
  const shown = new Map<string, string>();
  const limits: PaceLimits = platform === 'telegram' ? TELEGRAM_LIMITS : WECHAT_LIMITS;
  const log = createLogger('silent');
  const sender = new PacedSender<Item, void>(
    async ({ message }) => {
      const key = message.live && platform === 'telegram' ? message.live.key : undefined;
      const content = JSON.stringify([message.text, message.buttons ?? []]);
      if (key && shown.get(key) === content) return;
      delivered.push({ at: time.now(), text: message.text, edit: key !== undefined && shown.has(key) });
      if (key) shown.set(key, content);
    },
    limits,
    log,
    time,
  );
  const outbox = { send: (m: OutboundMessage) => (m.chat.id === chatId ? sender.submit({ chatKey: m.chat.id, isGroup: true, message: m }) : Promise.resolve()) };
  const bot = await createBot({ config: parseConfig({ LOG_LEVEL: 'silent' }), database: db, outbox, clock, log });
  if (platform === 'telegram') bot.app.platforms.editable.add('telegram');
  const session = await db.prisma.trainingSession.findFirstOrThrow({ where: { class: { name: `${chatId}班` } } });
  await announceSessionOpen(bot.app, session.id);
  const announced = delivered.length;

  const arrivals = poissonArrivals(trainees, minutes * 60_000, seed).map((offset) => firstArrival + offset);
  for (const [i, at] of arrivals.entries()) {
    await advanceVirtualClock(bot.scheduler, clock, new Date(at));
    await bot.handler.handle({
      chat: { platform, id: chatId, kind: 'group', title: `${chatId}群` },
      sender: { id: userIdOf(chatId, i), name: traineeName(i) },
      text: '签到',
      mentions: [],
      addressedToBot: false,
      attachments: [],
      messageId: `arrival-${i}`,
      sentAt: new Date(at),
    });
  }
  await advanceVirtualClock(bot.scheduler, clock, new Date(arrivals.at(-1)! + 5 * 60_000));
  await bot.stop();
  await sender.drain();

  const after = delivered.slice(announced);
  const namedAfter = arrivals.map((at, i) => {
    const first = after.find((d) => d.at >= at && namesIn(d.text).has(traineeName(i)));
    return first ? (first.at - at) / 1000 : Number.POSITIVE_INFINITY;
  });
  const sorted = namedAfter.filter(Number.isFinite).sort((a, b) => a - b);
  return {
    platform,
    trainees,
    minutes,
    seed,
    groupMessages: after.filter((d) => !d.edit).length,
    edits: after.filter((d) => d.edit).length,
    p50NamedSeconds: Number(percentile(sorted, 50).toFixed(1)),
    p99NamedSeconds: Number(percentile(sorted, 99).toFixed(1)),
    maxNamedSeconds: Number((sorted.at(-1) ?? 0).toFixed(1)),
    unnamed: namedAfter.filter((s) => !Number.isFinite(s)).length,
  };
}

/** The targets: at most 6 group messages for 50 over 5 minutes, 12 for 500 over 10, everyone named within 60 s. */
export function arrivalTargetMissed(r: ArrivalResult): string | null {
  const maxMessages = r.trainees <= 50 ? 6 : 12;
  if (r.groupMessages > maxMessages) return `${r.groupMessages} group messages (target ≤ ${maxMessages})`;
  if (r.unnamed > 0) return `${r.unnamed} trainees never named`;
  if (r.p99NamedSeconds > 60) return `p99 ${r.p99NamedSeconds} s to being named (target ≤ 60)`;
  return null;
}
