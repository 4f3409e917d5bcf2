import fc from 'fast-check';
import type { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../src/bot/registry.ts';
import { matchCommand } from '../../src/bot/router.ts';
import { parseCertificateCsv } from '../../src/core/hours/parse-certificate-csv.ts';
import type { InboundMessage } from '../../src/core/message.ts';
import { parseRosterCsv } from '../../src/core/roster/parse-roster-csv.ts';
import { parseScores } from '../../src/core/survey/satisfaction.ts';
import { normalizeCommandText, verbatimRest } from '../../src/core/text/normalize.ts';
import { parseDateTime, parseTimeRange } from '../../src/core/time/parse-time-phrase.ts';
import { exampleSetup, TestChat } from '../support/chat.ts';
import { openTestDatabase, type TestDatabase } from '../support/databases.ts';

// Generated input against the router, every command's parser and the file parsers (100,000 cases in
// all), then a few thousand generated messages through the whole inbound path on a real database:
// nothing throws, no reply shows internal text, and invalid input changes nothing.

const WORDS = [...new Set(commands.flatMap((c) => [...c.words, ...(c.exactWords ?? []), ...c.slash.map((s) => `/${s}`)]))];
const NOW = new Date('2026-11-23T00:30:00Z');

/** Text a phone or a confused user could send: command words, Chinese, full-width, emoji, control characters, lone surrogates, huge numbers. */
const piece = fc.oneof(
  fc.constantFrom(...WORDS),
  fc.constantFrom('明天', '下午', '8:30-11:30', '学时', '迟到', '口令', '每周', '篇', '张三', '@研修助手', '１２：３０', '，', '。', '：', ' ', '\u3000', '\n', '\t'),
  fc.constantFrom('\u0000', '\u200b', '\ufeff', '\ud800', '\udfff', '\u202e', '😀', '👨‍👩‍👧', 'é', 'ｱ', 'ق', '\u0301'),
  fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }).map(String),
  fc.double().map(String),
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.string({ unit: 'grapheme', maxLength: 12 }),
);
const messageText = fc.array(piece, { maxLength: 8 }).map((parts) => parts.join(''));

function message(text: string): InboundMessage {
  return { chat: { platform: 'playground', id: 'g-math1', kind: 'group' }, sender: { id: 'u', name: '张三' }, text, mentions: [], addressedToBot: true, attachments: [], messageId: 'm', sentAt: NOW };
}

describe('generated input against the parsers', () => {
  it('when 60,000 generated messages are routed and parsed by their command, nothing throws', () => {
    fc.assert(
      fc.property(messageText, (text) => {
        const normalized = normalizeCommandText(text, ['研修助手']);
        const match = matchCommand(commands, normalized.slice(0, 220));
        if (!match) return;
        const raw = match.command.parse(match.rest, message(text), verbatimRest(text, ['研修助手'], match.rest));
        (match.command.args as z.ZodType).safeParse(raw);
      }),
      { numRuns: 60_000 },
    );
  });

  it('when 30,000 generated phrases reach the time, score and CSV parsers, nothing throws and what is accepted is sane', () => {
    fc.assert(
      fc.property(messageText, (text) => {
        const range = parseTimeRange(text, NOW);
        if (range) expect(range.end.getTime()).toBeGreaterThan(range.start.getTime());
        const at = parseDateTime(text, NOW);
        if (at) expect(Number.isNaN(at.at.getTime())).toBe(false);
        const scores = parseScores(text, 4);
        if (scores) expect(scores.scores.every((s) => s >= 1 && s <= 5)).toBe(true);
      }),
      { numRuns: 30_000 },
    );
  });

  it('when 10,000 generated files reach the roster and certificate readers, they answer with rows or line-numbered errors', () => {
    const csvText = fc.array(fc.array(messageText, { maxLength: 6 }).map((cells) => cells.join(',')), { maxLength: 6 }).map((lines) => `姓名,手机号,学校,班级,学时,证书编号,发证日期\n${lines.join('\n')}`);
    fc.assert(
      fc.property(csvText, fc.uint8Array({ maxLength: 64 }), (text, bytes) => {
        for (const input of [new TextEncoder().encode(text), bytes]) {
          for (const { errors } of [parseRosterCsv(input), parseCertificateCsv(input)]) {
            for (const e of errors) {
              expect(e.line).toBeGreaterThanOrEqual(1);
              expect(e.message).toMatch(/[\u4e00-\u9fff]/);
              expect(e.message).not.toMatch(/(?<!\d)1[3-9]\d{9}(?!\d)/);
            }
          }
        }
      }),
      { numRuns: 5_000 },
    );
  });
});

/** What must never reach a chat: stack traces, error class names, unfilled placeholders, leaked values. */
const INTERNAL = /\n\s+at |Error:|TypeError|ReferenceError|Prisma|prisma|undefined|NaN|\[object |\{[a-zA-Z]+\}|Infinity/;

describe('generated messages through the whole inbound path', () => {
  let db: TestDatabase;
  let chat: TestChat;
  beforeAll(async () => {
    db = await openTestDatabase('pglite');
    chat = await TestChat.start(db, { at: '2026-11-22T20:00:00+08:00', setup: exampleSetup() });
    await chat.as('tutor-li', '李老师').says('绑定班级 小学数学1班');
    await chat.as('u-zhang3', '张三').says('绑定 张三 1111');
  }, 60_000);
  afterAll(async () => {
    await chat.close();
    await db.close();
  });

  const counts = async () => ({
    sessions: await db.prisma.trainingSession.count(),
    checkIns: await db.prisma.checkIn.count(),
    leaves: await db.prisma.leaveRequest.count(),
    broadcasts: await db.prisma.broadcast.count(),
    assignments: await db.prisma.assignment.count(),
    submissions: await db.prisma.submission.count(),
    surveys: await db.prisma.survey.count(),
    grants: await db.prisma.roleGrant.count(),
    enrolments: await db.prisma.enrolment.count(),
    hours: await db.prisma.hourRecord.count(),
    identities: await db.prisma.identity.count(),
  });

  it('when a trainee sends 3,000 generated messages, no reply shows internal text and nothing but learning logs is recorded', { timeout: 300_000 }, async () => {
    const before = await counts();
    const samples = fc.sample(messageText, { numRuns: 3_000, seed: 20261122 });
    let logsExpected = 0;
    for (const text of samples) {
      const replies = await chat.as('u-zhang3', '张三').says(`@研修助手 ${text}`);
      for (const r of replies) expect(r.text, `reply to ${JSON.stringify(text)}`).not.toMatch(INTERNAL);
      if (/^\s*(研修日志|写日志|日志)/.test(normalizeCommandText(text, ['研修助手']))) logsExpected++;
    }
    expect(await counts()).toEqual(before);
    expect(await db.prisma.learningLog.count()).toBeLessThanOrEqual(logsExpected);
    expect(await db.prisma.inboundMessage.count({ where: { outcome: 'failed' } })).toBe(0);
  });

  it('when a message carries a NUL character and a broken surrogate it is kept (with replacement characters) and answered', async () => {
    const replies = await chat.as('u-zhang3', '张三', { private: true }).says('学时 张三\u0000\ud800');
    expect(replies[0]?.text).toBe('学时只能查询自己的。');
    const stored = await db.prisma.inboundMessage.findFirstOrThrow({ where: { text: { startsWith: '学时 张三' } }, orderBy: { id: 'desc' } });
    expect(stored.text).toBe('学时 张三\uFFFD\uFFFD');
  });
});
