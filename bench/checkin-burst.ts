import { createBot } from '../src/bot/create-bot.ts';
import { parseConfig } from '../src/config.ts';
import type { InboundMessage, OutboundMessage } from '../src/core/message.ts';
import { systemClock } from '../src/core/ports.ts';
import type { Database } from '../src/db/client.ts';
import { createLogger } from '../src/logger.ts';

export interface BurstResult {
  trainees: number;
  database: string;
  checkinsPerSecond: number;
  rawInsertsPerSecond: number;
  ratio: number;
  /** From a message's arrival to its check-in being stored. */
  p50RecordedMs: number;
  p99RecordedMs: number;
  /** From a message's arrival to the group message that names the trainee. */
  p99AckMs: number;
  recorded: number;
  groupMessages: number;
}

/** The names an acknowledgement lists ("✅ 签到成功 3 人：张伟、李芳、王娜"). */
export const namesIn = (text: string) => new Set(text.split('\n').flatMap((line) => line.slice(line.indexOf('：') + 1).split('、')));

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

const SURNAMES = [...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈'];
const GIVEN = [...'伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红鹏辉建文宇晨欣怡婷雪琳佳浩然子轩梓涵思雨博文一诺'];

/** A realistic (two- or three-character) and, within a group, unique Chinese name for trainee i. */
export function traineeName(i: number): string {
  const surname = SURNAMES[i % SURNAMES.length]!;
  const rest = Math.floor(i / SURNAMES.length);
  const first = GIVEN[rest % GIVEN.length]!;
  const second = rest >= GIVEN.length ? GIVEN[Math.floor(rest / GIVEN.length) % GIVEN.length]! : '';
  return surname + first + second;
}

/** Seeds, per group, a class of bound trainees with a session open for check-in, directly through Prisma. */
export async function seedGroups(db: Database, groups: { chatId: string; trainees: number }[], startsAt: Date, platform = 'playground'): Promise<void> {
  const p = db.prisma;
  const province = await p.region.create({ data: { name: '基准省', level: 'PROVINCE' } });
  const county = await p.region.create({ data: { name: '基准县', level: 'COUNTY', parentId: province.id } });
  const school = await p.school.create({ data: { name: '基准小学', regionId: county.id } });
  const project = await p.project.create({ data: { name: '基准项目', level: 'COUNTY', year: 2026, regionId: county.id } });
  const minute = 60_000;
  for (const group of groups) {
    const cls = await p.trainingClass.create({ data: { name: `${group.chatId}班`, projectId: project.id } });
    const first = ((await p.person.aggregate({ _max: { id: true } }))._max.id ?? 0) + 1;
    await p.person.createMany({
      data: Array.from({ length: group.trainees }, (_, i) => ({ name: traineeName(i), phone: `1${String(first + i).padStart(10, '0')}`, phoneLast4: String(i % 10_000).padStart(4, '0'), schoolId: school.id })),
    });
    const persons = await p.person.findMany({ where: { id: { gte: first } }, orderBy: { id: 'asc' }, select: { id: true, name: true } });
    await p.identity.createMany({ data: persons.map((x, i) => ({ platform, platformUserId: userIdOf(group.chatId, i), displayName: x.name, personId: x.id })) });
    await p.enrolment.createMany({ data: persons.map((x) => ({ classId: cls.id, personId: x.id })) });
    await p.groupChat.create({ data: { platform, chatId: group.chatId, title: `${group.chatId}群`, scope: 'CLASS', classId: cls.id } });
    await p.trainingSession.create({
      data: {
        classId: cls.id,
        title: '基准课次',
        startsAt,
        endsAt: new Date(startsAt.getTime() + 180 * minute),
        checkinOpensAt: new Date(startsAt.getTime() - 30 * minute),
        checkinClosesAt: new Date(startsAt.getTime() + 180 * minute),
        lateAfter: new Date(startsAt.getTime() + 10 * minute),
        hours: 3,
      },
    });
  }
}

/** A numeric-looking platform user id per trainee (Telegram ids are numbers). */
export const userIdOf = (chatId: string, i: number) => String(Number(chatId.replace(/\D/g, '') || 0) * 100_000 + i + 1);

/**
 * N trainees of one group send 签到 at once through the platform-neutral inbound path (each message
 * handled as its own call, as a webhook delivers them); the baseline is the same number of
 * single-row INSERTs through the raw driver into the same database, measured in the same run.
 */
export async function checkinBurst(db: Database, n: number): Promise<BurstResult> {
  const startsAt = new Date(Date.now() + 5 * 60_000);
  // A warm-up group first, so both sides are measured warm; then three groups of n, one burst each,
  // interleaved with three rounds of the raw baseline; the fastest of each side counts (one burst
  // takes under 0.1 s, so a single GC pause or a noisy neighbour would otherwise decide the ratio).
  const groups = ['g2', 'g3', 'g4'];
  await seedGroups(db, [{ chatId: 'g1', trainees: 50 }, ...groups.map((chatId) => ({ chatId, trainees: n }))], startsAt);
  const sent: { at: number; text: string; chat: OutboundMessage['chat'] }[] = [];
  const outbox = { send: async (m: OutboundMessage) => void sent.push({ at: performance.now(), text: m.text, chat: m.chat }) };
  const config = parseConfig({ LOG_LEVEL: 'silent' });
  const bot = await createBot({ config, database: db, outbox, clock: systemClock, log: createLogger('silent') });
  bot.start();
  const burst = async (chatId: string, count: number) => {
    const arrivals: number[] = [];
    const recordedAfter: number[] = [];
    const started = performance.now();
    await Promise.all(
      Array.from({ length: count }, async (_, i) => {
        const message: InboundMessage = {
          chat: { platform: 'playground', id: chatId, kind: 'group', title: `${chatId}群` },
          sender: { id: userIdOf(chatId, i), name: traineeName(i) },
          text: '签到',
          mentions: [],
          addressedToBot: false,
          attachments: [],
          messageId: `${chatId}-msg-${i}`,
          sentAt: new Date(),
        };
        arrivals[i] = performance.now();
        await bot.handler.handle(message);
        recordedAfter[i] = performance.now() - arrivals[i]!;
      }),
    );
    return { chatId, arrivals, recordedAfter, elapsedMs: performance.now() - started };
  };
  await burst('g1', 50);
  await db.query('CREATE TABLE bench_raw (session_id int NOT NULL, person_id int NOT NULL, status text NOT NULL, at timestamptz NOT NULL, UNIQUE (session_id, person_id))');
  for (let i = 0; i < 50; i++) await db.query('INSERT INTO bench_raw VALUES ($1, $2, $3, $4)', [0, i, 'PRESENT', new Date()]);
  const rawRound = async (round: number) => {
    const started = performance.now();
    for (let i = 0; i < n; i++) await db.query('INSERT INTO bench_raw VALUES ($1, $2, $3, $4)', [round, i, 'PRESENT', new Date()]);
    return performance.now() - started;
  };
  const rawMs: number[] = [];
  const bursts = [];
  for (const [round, chatId] of groups.entries()) {
    rawMs.push(await rawRound(round + 1));
    bursts.push(await burst(chatId, n));
  }
  await db.query('DROP TABLE bench_raw');
  const fastest = bursts.reduce((a, b) => (b.elapsedMs < a.elapsedMs ? b : a));
  const deadline = Date.now() + (config.ackBatchSeconds + 10) * 1000;
  // When each trainee was first named, indexed as the posts come in (searching every post for every
  // trainee made the bench's own bookkeeping cost more than the bot at a few thousand trainees).
  const namedAt = new Map<string, number>();
  let indexed = 0;
  const ackedAt = (chatId: string, i: number) => {
    for (; indexed < sent.length; indexed++) {
      const m = sent[indexed]!;
      for (const name of namesIn(m.text)) if (!namedAt.has(`${m.chat.id}\u0000${name}`)) namedAt.set(`${m.chat.id}\u0000${name}`, m.at);
    }
    return namedAt.get(`${chatId}\u0000${traineeName(i)}`);
  };
  while (groups.some((g) => ackedAt(g, n - 1) === undefined) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  await bot.stop();

  const recorded = await db.prisma.checkIn.count({ where: { session: { class: { name: { in: groups.map((g) => `${g}班`) } } } } });
  const groupMessages = Math.max(...groups.map((g) => sent.filter((m) => m.chat.id === g).length));
  const ackMs = bursts.flatMap((b) => Array.from({ length: n }, (_, i) => (ackedAt(b.chatId, i) ?? Infinity) - b.arrivals[i]!)).sort((a, b) => a - b);
  const recordedAfter = bursts.flatMap((b) => b.recordedAfter).sort((a, b) => a - b);
  const checkinsPerSecond = n / (fastest.elapsedMs / 1000);
  const rawInsertsPerSecond = n / (Math.min(...rawMs) / 1000);
  return {
    trainees: n,
    database: db.kind,
    checkinsPerSecond: Math.round(checkinsPerSecond),
    rawInsertsPerSecond: Math.round(rawInsertsPerSecond),
    ratio: Number((checkinsPerSecond / rawInsertsPerSecond).toFixed(3)),
    p50RecordedMs: Number(percentile(recordedAfter, 50).toFixed(1)),
    p99RecordedMs: Number(percentile(recordedAfter, 99).toFixed(1)),
    p99AckMs: Math.round(percentile(ackMs, 99)),
    recorded,
    groupMessages,
  };
}
