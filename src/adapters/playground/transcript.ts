import { z } from 'zod';
import { applySetup } from '../../features/roster/setup.ts';
import { createBot, type Bot } from '../../bot/create-bot.ts';
import { advanceVirtualClock } from '../../jobs/clock-scheduler.ts';
import { VirtualBullmq } from '../../jobs/virtual-bullmq.ts';
import { parseConfig, type AppConfig } from '../../config.ts';
import type { InboundMessage } from '../../core/message.ts';
import { ManualClock, type JobRunner } from '../../core/ports.ts';
import { extractTextMentions } from '../../core/text/mentions.ts';
import { openDatabase, type Database } from '../../db/client.ts';
import { createLogger, type Logger, type LogLevel } from '../../logger.ts';
import { PlaygroundOutbox, type SentRecord } from './playground-outbox.ts';
import type { App } from '../../app/app.ts';
import { PlatformOutbox } from '../../core/platform-outbox.ts';
import { DeliveryLog } from '../../delivery/delivery-log.ts';
import { DeliveryQueue } from '../../delivery/delivery-queue.ts';
import { createRobotSender } from '../robots/robot-channel.ts';
import type { PaceLimits, SenderTime } from '../shared/paced-sender.ts';

/**
 * One line of a transcript: a message someone sends, or (without text) just a moment in time so
 * that scheduled messages due by then are sent.
 */
export const transcriptLineSchema = z.object({
  time: z.string().refine((s) => /([+-]\d{2}:?\d{2}|Z)$/.test(s) && !Number.isNaN(new Date(s).getTime()), { error: 'an ISO time with a zone, e.g. 2026-11-23T08:55:00+08:00' }),
  chat: z.string().min(1).optional(),
  title: z.string().optional(),
  private: z.boolean().optional(),
  from: z.string().min(1).optional(),
  name: z.string().min(1).optional(),
  text: z.string().optional(),
  id: z.string().optional(),
  attachment: z.object({ kind: z.enum(['image', 'file', 'link', 'audio', 'video', 'other']), name: z.string().optional(), url: z.string().optional() }).optional(),
});
export type TranscriptLine = z.infer<typeof transcriptLineSchema>;

/** Parses JSON Lines text; errors name the line. Blank lines and lines starting with // are skipped. */
export function parseTranscript(text: string): TranscriptLine[] {
  const lines: TranscriptLine[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    if (!line || line.startsWith('//')) return;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      throw new Error(`transcript line ${index + 1}: not valid JSON`);
    }
    const parsed = transcriptLineSchema.safeParse(json);
    if (!parsed.success) throw new Error(`transcript line ${index + 1}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    if (parsed.data.text !== undefined && (!parsed.data.from || (!parsed.data.chat && !parsed.data.private))) {
      throw new Error(`transcript line ${index + 1}: a message needs "from" and "chat" (or "private": true)`);
    }
    lines.push(parsed.data);
  });
  return lines;
}

export interface TranscriptOptions {
  setup?: unknown;
  config?: Partial<AppConfig>;
  /** Reuse an open database (tests); by default a fresh in-memory one is created and closed. */
  database?: Database;
  onSend?: (record: SentRecord) => void;
  /** Where the virtual clock starts (default: the first line's time, or now). */
  startAt?: Date;
  /** Log level on stderr (default: errors only; YANXIU_TRANSCRIPT_LOG=1 for everything). */
  logLevel?: LogLevel;
  /**
   * Run the scheduled jobs on BullMQ in this Redis and queue (as production does) instead of in
   * process; the virtual clock still decides when they run (see jobs/virtual-bullmq.ts).
   */
  bullmq?: { url: string; queue: string; timeoutMs?: number };
  /** Where log lines go (tests that read them); by default stderr at `logLevel`. */
  log?: Logger;
  /**
   * Send group-robot messages (WeCom, DingTalk) through the delivery log and the robot sender, as
   * `npm start` does, paced on `time` (a virtual one in tests); by default they are only printed.
   */
  robots?: { time?: SenderTime; limits?: PaceLimits; pollMs?: number };
}

/**
 * A playground conversation on a virtual clock: lines are sent one at a time, and moving the clock
 * runs the scheduled jobs (acknowledgement batches, session open and close) at their own times.
 */
export class PlaygroundSession {
  private sequence = 0;
  private readonly names = new Map<string, string>();

  private constructor(
    readonly bot: Bot<JobRunner>,
    private readonly bullmq: VirtualBullmq | undefined,
    readonly clock: ManualClock,
    readonly outbox: PlaygroundOutbox,
    private readonly database: Database,
    private readonly ownsDatabase: boolean,
    /** The delivery queue of the group robots, when `robots` was asked for. */
    readonly robotDeliveries: DeliveryQueue | undefined,
  ) {}

  static async start(options: TranscriptOptions = {}): Promise<PlaygroundSession> {
    const clock = new ManualClock(options.startAt ?? new Date());
    const config = { ...parseConfig({}), ...options.config };
    const database = options.database ?? (await openDatabase({ dataDir: 'memory' }));
    const outbox = new PlaygroundOutbox(clock, options.onSend);
    const log = options.log ?? createLogger(process.env.YANXIU_TRANSCRIPT_LOG === '1' ? 'debug' : (options.logLevel ?? 'error'));
    let bullmq: VirtualBullmq | undefined;
    if (options.bullmq) {
      const url = new URL(options.bullmq.url);
      bullmq = new VirtualBullmq({ host: url.hostname, port: Number(url.port || 6379), maxRetriesPerRequest: null }, clock, log.child({ part: 'scheduler' }), options.bullmq.queue, { timeoutMs: options.bullmq.timeoutMs });
    }
    const built: { app?: App } = {};
    const robotDeliveries = options.robots
      ? new DeliveryQueue(new DeliveryLog(database.prisma), { robot: createRobotSender(database.prisma, config, log, () => built.app, options.robots) }, log.child({ part: 'deliveries' }), { pollMs: options.robots.pollMs ?? 50 })
      : undefined;
    const routed = robotDeliveries ? new PlatformOutbox({ playground: outbox, robot: robotDeliveries }, () => undefined) : outbox;
    const bot = await createBot<JobRunner>({ config, database, outbox: routed, clock, log, scheduler: bullmq?.scheduler });
    built.app = bot.app;
    bullmq?.start();
    robotDeliveries?.start();
    const session = new PlaygroundSession(bot, bullmq, clock, outbox, database, !options.database, robotDeliveries);
    if (options.setup) await applySetup(bot.app, options.setup);
    return session;
  }

  /** Moves the clock to `to`, running every job due on the way at its own time; returns what was sent. */
  async advanceTo(to: Date): Promise<SentRecord[]> {
    const before = this.outbox.sent.length;
    await advanceVirtualClock(this.bullmq ? [this.bullmq, this.bot.local] : this.bot.local, this.clock, to);
    return this.outbox.sent.slice(before);
  }

  /** How many scheduled jobs are waiting (daily jobs included), on whichever scheduler runs them. */
  async pendingJobs(): Promise<number> {
    return this.bullmq ? (await this.bullmq.pendingCount()) + this.bot.local.pendingCount() : this.bot.local.pendingCount();
  }

  /** Plays one transcript line (advancing the clock to its time first); returns what the bot sent. */
  async play(line: TranscriptLine): Promise<SentRecord[]> {
    const before = this.outbox.sent.length;
    await this.advanceTo(new Date(line.time));
    if ((line.text !== undefined || line.attachment) && line.from) await this.bot.handler.handle(this.toMessage(line));
    return this.outbox.sent.slice(before);
  }

  /** Runs every job still scheduled within the next week (the end of a transcript). */
  async drain(): Promise<SentRecord[]> {
    return this.advanceTo(new Date(this.clock.now().getTime() + 7 * 24 * 3600_000));
  }

  async close(): Promise<void> {
    await this.robotDeliveries?.stop(0);
    await this.bot.stop();
    if (this.ownsDatabase) await this.database.close();
  }

  private toMessage(line: TranscriptLine): InboundMessage {
    const from = line.from!;
    const botName = this.bot.app.config.botName;
    const name = line.name ?? this.names.get(from) ?? from;
    this.names.set(from, name);
    const isPrivate = line.private === true || !line.chat;
    const { names: mentioned } = extractTextMentions(line.text ?? '');
    const idByName = new Map([...this.names].map(([id, n]) => [n, id]));
    return {
      chat: isPrivate ? { platform: 'playground', id: from, kind: 'private', title: name } : { platform: 'playground', id: line.chat!, kind: 'group', title: line.title ?? line.chat! },
      sender: { id: from, name },
      text: line.text ?? '',
      mentions: mentioned.filter((n) => n !== botName).map((n) => ({ id: idByName.get(n) ?? `name:${n}`, name: n })),
      addressedToBot: mentioned.includes(botName),
      attachments: line.attachment ? [line.attachment] : [],
      messageId: line.id ?? `line-${++this.sequence}`,
      sentAt: new Date(line.time),
    };
  }
}

/** Runs a whole conversation on a fresh database and returns everything the bot sent, scheduled messages included. */
export async function runTranscript(lines: TranscriptLine[], options: TranscriptOptions = {}): Promise<SentRecord[]> {
  const first = lines[0];
  const session = await PlaygroundSession.start({ startAt: first ? new Date(first.time) : undefined, ...options });
  try {
    for (const line of lines) await session.play(line);
    await session.drain();
    return session.outbox.sent;
  } finally {
    await session.close();
  }
}
