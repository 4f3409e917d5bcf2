import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InboundMessage } from '../../src/core/message.ts';
import { extractTextMentions } from '../../src/core/text/mentions.ts';
import { exampleSetup, TestChat } from '../support/chat.ts';
import { openTestDatabase, type TestDatabase } from '../support/databases.ts';
import { domainState } from '../support/state.ts';
import { recordingHandler } from '../support/recording-handler.ts';

// The phrase corpus (test/corpus/*.jsonl) played through the real understanding layer, router and
// message handler on a real database, each line in its context: the right person and chat, an open
// session, a pending leave or substitution for decisions, an opening notice waiting for 收到.
// Positives must reach their command with their arguments; chatter must change nothing and say
// nothing but a hint or a short answer. A per-intent precision/recall table is printed.

interface Line {
  text: string;
  intent: string;
  args?: Record<string, unknown>;
  as?: 'trainee' | 'tutor' | 'county' | 'school' | 'stranger';
  where?: 'group' | 'private' | 'group-school';
  context?: 'leave' | 'substitution';
}

const read = (file: string): Line[] =>
  readFileSync(path.join(import.meta.dirname, file), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Line);
const lines = [...read('commands.jsonl'), ...read('chatter.jsonl')];
const PEOPLE = { trainee: ['u-zhang3', '张三'], tutor: ['tutor-li', '李老师'], county: ['contact-wang', '王主任'], school: ['head-zhou', '周校长'], stranger: ['u-zhao6', '赵六'] } as const;
/** Replies chatter may get: a hint or a short answer about a command. */
const HINT_OR_ANSWER = /^您是要|：请发「|^我是研修助手/;

function world() {
  const s = exampleSetup();
  const head = s.people.find((p: { name: string }) => p.name === '周校长');
  Object.assign(head, { roles: [{ role: 'SCHOOL_CONTACT' }], accounts: [{ platform: 'playground', userId: 'head-zhou' }] });
  return s;
}

describe('the phrase corpus', () => {
  let db: TestDatabase;
  let chat: TestChat;
  let handler: ReturnType<typeof recordingHandler>;

  beforeAll(async () => {
    db = await openTestDatabase('pglite');
    chat = await TestChat.start(db, { at: '2026-11-22T20:00:00+08:00', setup: world() });
    await chat.as('tutor-li', '李老师').says('绑定班级 小学数学1班');
    await chat.as('tutor-li', '李老师').says('创建课次 明天 8:30-11:30 学时3');
    for (const [id, name, tail] of [['u-zhang3', '张三', '1111'], ['u-li4', '李四', '2222'], ['u-wang5', '王五', '3333'], ['u-qian7', '钱七', '5555']] as const) await chat.as(id, name).says(`绑定 ${name} ${tail}`);
    await chat.as('contact-wang', '王主任', { private: true }).says('开班通知 小学数学1班 11月30日8:30报到，请准时参加');
    await chat.at('2026-11-23T08:20:00+08:00');
    handler = recordingHandler(chat.app);
  }, 120_000);
  afterAll(async () => {
    await chat?.close();
    await db?.close();
  });

  let sequence = 0;
  const play = async (line: Line) => {
    const [id, name] = PEOPLE[line.as ?? 'trainee'];
    const where = line.where ?? 'group';
    const chatRef: InboundMessage['chat'] =
      where === 'private' ? { platform: 'playground', id, kind: 'private', title: name } : { platform: 'playground', id: where === 'group' ? 'g-math1' : 'g-school', kind: 'group', title: where };
    const mentioned = extractTextMentions(line.text).names;
    const message: InboundMessage = {
      chat: chatRef,
      sender: { id, name },
      text: line.text,
      mentions: mentioned.filter((n) => n !== '研修助手').map((n) => ({ id: `name:${n}`, name: n })),
      addressedToBot: mentioned.includes('研修助手'),
      attachments: [],
      messageId: `corpus-${++sequence}`,
      sentAt: chat.app.clock.now(),
    };
    const before = chat.session.outbox.sent.length;
    const { intent, args } = await handler.handle(message);
    return { intent, args, replies: chat.session.outbox.sent.slice(before).map((s) => s.text) };
  };
  const prepare = async (line: Line) => {
    if (line.context === 'leave') {
      await db.prisma.leaveRequest.deleteMany();
      await chat.as('u-wang5', '王五').says('请假 孩子发烧');
    }
    if (line.context === 'substitution') {
      await db.prisma.substitution.deleteMany();
      await chat.as('head-zhou', '周校长', { private: true }).says('换人 赵六 吴十 13800009999 外出学习');
    }
  };
  const stateOf = async () => ({
    ...(await domainState(db.prisma)),
    confirmed: await db.prisma.noticeRecipient.count({ where: { confirmedAt: { not: null } } }),
    leaves: (await db.prisma.leaveRequest.findMany({ orderBy: { id: 'asc' } })).map((l) => l.status),
    substitutions: (await db.prisma.substitution.findMany({ orderBy: { id: 'asc' } })).map((s) => s.status),
  });

  it('when every corpus line is played in its context, each positive reaches its command with its arguments and no chatter acts', async () => {
    expect(lines.length).toBeGreaterThanOrEqual(600);
    const wrong: string[] = [];
    const table = new Map<string, { tp: number; fp: number; fn: number }>();
    const row = (intent: string) => table.get(intent) ?? table.set(intent, { tp: 0, fp: 0, fn: 0 }).get(intent)!;
    for (const line of lines) {
      await prepare(line);
      const before = line.intent === 'none' ? await stateOf() : null;
      const got = await play(line);
      if (got.intent === line.intent) row(line.intent).tp++;
      else {
        row(line.intent).fn++;
        row(got.intent).fp++;
        wrong.push(`${JSON.stringify(line.text)}: expected ${line.intent}, got ${got.intent} ${JSON.stringify(got.replies)}`);
      }
      if (line.args && got.intent === line.intent) {
        const args = got.args as Record<string, unknown> | undefined;
        const differs = Object.entries(line.args).filter(([k, v]) => JSON.stringify(args?.[k]) !== JSON.stringify(v));
        if (differs.length) wrong.push(`${JSON.stringify(line.text)}: arguments ${JSON.stringify(args)} ≠ ${JSON.stringify(line.args)}`);
      }
      if (before) {
        const after = await stateOf();
        if (JSON.stringify(after) !== JSON.stringify(before)) wrong.push(`${JSON.stringify(line.text)}: chatter changed ${JSON.stringify(before)} → ${JSON.stringify(after)}`);
        // Someone who wrote to the bot (privately or @mentioning it) may hear that it did not understand.
        const addressed = line.where === 'private' || line.text.includes('研修助手');
        const said = got.replies.filter((r) => !HINT_OR_ANSWER.test(r) && !(addressed && r.startsWith('没看懂这条消息')));
        if (said.length) wrong.push(`${JSON.stringify(line.text)}: chatter was answered ${JSON.stringify(said)}`);
      }
    }
    const pct = (n: number, d: number) => (d ? `${((100 * n) / d).toFixed(1)} %` : '—');
    const report = [...table].sort(([a], [b]) => a.localeCompare(b)).map(([intent, r]) => `${intent.padEnd(20)} ${String(r.tp + r.fn).padStart(4)}  precision ${pct(r.tp, r.tp + r.fp).padStart(7)}  recall ${pct(r.tp, r.tp + r.fn).padStart(7)}`);
    console.log(`phrase corpus: ${lines.length} lines, ${lines.filter((l) => l.intent === 'none').length} chatter\n${'intent'.padEnd(20)} size\n${report.join('\n')}`);
    expect(wrong).toEqual([]);
  }, 900_000);
});
