import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PlaygroundSession, type TranscriptLine, type TranscriptOptions } from '../../src/adapters/playground/transcript.ts';
import type { AppConfig } from '../../src/config.ts';
import type { SentRecord } from '../../src/adapters/playground/playground-outbox.ts';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import type { Logger } from '../../src/logger.ts';
import { openTestDatabase, type DatabaseKind, type TestDatabase } from './databases.ts';

export const EXAMPLES = path.resolve(import.meta.dirname, '../../examples');
export const exampleSetup = () => JSON.parse(readFileSync(path.join(EXAMPLES, 'setup.json'), 'utf8'));

export interface ChatOptions {
  at: string;
  setup?: unknown;
  ackBatchSeconds?: number;
  dataDir?: string;
  /** Run scheduled jobs on BullMQ in this Redis and queue (see support/redis.ts `jobsOption`). */
  bullmq?: { url: string; queue: string; timeoutMs?: number };
  /** Where the bot's log lines go (default: nowhere). */
  log?: Logger;
  /** Extra configuration (e.g. the robot API origins of local servers). */
  config?: Partial<AppConfig>;
  /** Group robots through the delivery log and the robot sender (see TranscriptOptions.robots). */
  robots?: TranscriptOptions['robots'];
}

export interface Speaker {
  /** Sends text as this person in their current chat; resolves to what the bot sent meanwhile. */
  says(text: string, extra?: Partial<TranscriptLine>): Promise<SentRecord[]>;
}

/**
 * A conversation with the bot that reads like one: `await chat.as('u-zhang3', '张三').says('签到')`.
 * The clock is virtual: `at()` moves it, running scheduled jobs on the way.
 */
export class TestChat {
  private now: Date;

  private constructor(readonly session: PlaygroundSession, start: Date) {
    this.now = start;
  }

  static async start(database: TestDatabase, options: ChatOptions): Promise<TestChat> {
    const startAt = new Date(options.at);
    const config = { ackBatchSeconds: options.ackBatchSeconds ?? 5, ...(options.dataDir ? { dataDir: options.dataDir } : {}), ...options.config };
    const session = await PlaygroundSession.start({ database, setup: options.setup, startAt, config, logLevel: 'silent', bullmq: options.bullmq, log: options.log, robots: options.robots });
    return new TestChat(session, startAt);
  }

  get app() {
    return this.session.bot.app;
  }

  /** Moves the virtual clock (ISO time with zone); returns what scheduled jobs sent. */
  async at(time: string): Promise<SentRecord[]> {
    this.now = new Date(time);
    return this.session.advanceTo(this.now);
  }

  /** Lets `seconds` pass. */
  async wait(seconds: number): Promise<SentRecord[]> {
    this.now = new Date(this.now.getTime() + seconds * 1000);
    return this.session.advanceTo(this.now);
  }

  as(from: string, name: string, chat: { group?: string; private?: boolean } = { group: 'g-math1' }): Speaker {
    return {
      says: (text, extra = {}) =>
        this.session.play({
          time: new Date(this.now).toISOString(),
          from,
          name,
          text,
          ...(chat.private ? { private: true } : { chat: chat.group, title: chat.group }),
          ...extra,
        }),
    };
  }

  async close(): Promise<void> {
    await this.session.close();
  }
}

/** The texts of the records, for compact assertions. */
export const texts = (records: SentRecord[]) => records.map((r) => r.text);

/**
 * Registers the hooks for a describe block whose tests each start a fresh conversation on an
 * emptied database of `kind`; `prepare` runs first in each test (e.g. to bind the group).
 */
export function freshChatPerTest(
  kind: DatabaseKind,
  options: () => ChatOptions,
  prepare: (chat: TestChat) => Promise<void> = async () => {},
): { db: () => TestDatabase; chat: () => TestChat } {
  let db: TestDatabase | undefined;
  let chat: TestChat | undefined;
  beforeAll(async () => {
    db = await openTestDatabase(kind);
  });
  afterAll(async () => {
    await chat?.close();
    await db?.close();
  });
  beforeEach(async () => {
    await chat?.close();
    await db!.reset();
    chat = await TestChat.start(db!, options());
    await prepare(chat);
  });
  return { db: () => db!, chat: () => chat! };
}

/** The example county with only three trainees in 小学数学1班: 张三 and 李四 (城关小学), 王五 (实验小学). */
export function threeTraineeSetup() {
  const s = exampleSetup();
  s.people = s.people.filter((p: { name: string }) => !['赵六', '钱七', '孙八'].includes(p.name));
  return s;
}

/** The tutor binds the group to 小学数学1班 and the three trainees bind themselves there. */
export async function bindClassOfThree(chat: TestChat): Promise<void> {
  await chat.as('tutor-li', '李老师').says('绑定班级 小学数学1班');
  for (const [id, name, tail] of [['u-zhang3', '张三', '1111'], ['u-li4', '李四', '2222'], ['u-wang5', '王五', '3333']] as const) await chat.as(id, name).says(`绑定 ${name} ${tail}`);
}
