import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InboundMessage } from '../../../src/core/message.ts';
import { extractTextMentions } from '../../../src/core/text/mentions.ts';
import { latestTimetableDraft } from '../../../src/features/timetable/timetable-drafts.ts';
import { TestChat } from '../../support/chat.ts';
import { openTestDatabase, type TestDatabase } from '../../support/databases.ts';
import { recordingHandler } from '../../support/recording-handler.ts';
import { domainState } from '../../support/state.ts';
import type { DevLine } from './context.ts';
import { misses, report, slotFilled, storedRequestSlots, timetableSlots, type Outcome } from './score.ts';
import { PEOPLE, readContext, rosterOf, seedState, setupFor } from './world.ts';

// The independent dev set (../shared/domain/dev-set, beside the repository as in CI) played through
// the real message handler, one fresh world per line built from what its context states. It
// measures and prints; it fails only when the harness itself breaks, never on a low score.

// DEV_SET_DIR overrides; a git worktree one folder deeper (…/wt/<name>) finds it two levels up.
const ROOT = path.resolve(import.meta.dirname, '../../..');
const DEV_SET =
  [process.env.DEV_SET_DIR, path.join(ROOT, '../shared/domain/dev-set'), path.join(ROOT, '../../shared/domain/dev-set')]
    .filter((dir): dir is string => Boolean(dir))
    .map((dir) => path.join(dir, 'messages.jsonl'))
    .find(existsSync) ?? path.join(ROOT, '../shared/domain/dev-set/messages.jsonl');
const present = existsSync(DEV_SET);
if (!present) console.log(`dev set: ${DEV_SET} is missing; the measurement is skipped`);

const NAMES: Record<DevLine['role'], string> = { trainee: '学员', tutor: '李老师', county: '王主任', school: '周校长' };

describe.skipIf(!present)('the dev set, played line by line in its context', () => {
  let db: TestDatabase;
  let chat: TestChat | undefined;
  beforeAll(async () => {
    db = await openTestDatabase('pglite');
  }, 60_000);
  afterAll(async () => {
    await chat?.close();
    await db?.close();
  });

  const changes = async () => {
    const [state, notices, leaves, subs] = await Promise.all([
      domainState(db.prisma),
      db.prisma.noticeRecipient.count({ where: { confirmedAt: { not: null } } }),
      db.prisma.leaveRequest.findMany({ select: { status: true } }),
      db.prisma.substitution.findMany({ select: { status: true } }),
    ]);
    const marks = await db.prisma.checkIn.findMany({ select: { status: true }, orderBy: { id: 'asc' } });
    const sessions = await db.prisma.trainingSession.findMany({ select: { status: true, startsAt: true, hours: true }, orderBy: { id: 'asc' } });
    return JSON.stringify({ state, notices, leaves, subs, marks, sessions });
  };

  // The leave and 补签 requests as stored, to tell which ones a message filed or changed.
  const requests = () => db.prisma.leaveRequest.findMany({ select: { id: true, reason: true, status: true, kind: true, session: { select: { startsAt: true } } } });
  const filed = (before: Awaited<ReturnType<typeof requests>>, after: Awaited<ReturnType<typeof requests>>) => {
    const seen = new Set(before.map((r) => JSON.stringify(r)));
    return after.filter((r) => !seen.has(JSON.stringify(r))).map((r) => r.session.startsAt);
  };

  // A correction without a day means the latest session: the marks it changed say which.
  const marks = () => db.prisma.checkIn.findMany({ select: { id: true, status: true, remark: true, session: { select: { startsAt: true } } } });
  const corrected = (before: Awaited<ReturnType<typeof marks>>, after: Awaited<ReturnType<typeof marks>>) => {
    const seen = new Set(before.map((r) => JSON.stringify(r)));
    const days = [...new Set(after.filter((r) => !seen.has(JSON.stringify(r))).map((r) => r.session.startsAt.getTime()))];
    return storedRequestSlots('requestMakeup', days.map((t) => new Date(t)));
  };

  // A 换人 request names the trainee replaced as typed (「我们学校的梁静」): the one it was filed for is stored.
  const lastSubstitution = async () => (await db.prisma.substitution.findFirst({ orderBy: { id: 'desc' }, select: { id: true, fromPersonId: true } })) ?? { id: 0, fromPersonId: 0 };
  const replaced = async (since: number) => {
    const filedNow = await lastSubstitution();
    if (filedNow.id <= since) return {};
    const person = await db.prisma.person.findUnique({ where: { id: filedNow.fromPersonId }, select: { name: true } });
    return person ? { from: person.name } : {};
  };

  // A timetable's arguments are its text: what the bot read from it is the sender's waiting draft.
  const understoodTimetable = async (senderId: string) => {
    const identity = await db.prisma.identity.findFirst({ where: { platform: 'playground', platformUserId: senderId } });
    const draft = identity && chat ? await latestTimetableDraft(chat.app, identity.personId) : null;
    if (!draft) return {};
    const cls = await db.prisma.trainingClass.findUnique({ where: { id: draft.classId } });
    return timetableSlots(draft.planned, cls?.name);
  };

  it('when every line is played in its context, the scores are printed and every line was played', async () => {
    const lines = readFileSync(DEV_SET, 'utf8')
      .split('\n')
      .filter((l) => l.trim())
      .map((l) => JSON.parse(l) as DevLine);
    // DEV_SET_ONLY=d1 plays only the lines whose id matches (the roster still comes from every line).
    const only = process.env.DEV_SET_ONLY ? new RegExp(process.env.DEV_SET_ONLY) : null;
    const played = only ? lines.filter((l) => only.test(l.id)) : lines;
    const roster = rosterOf(lines);
    const outcomes: Outcome[] = [];
    const broken: string[] = [];
    for (const line of played) {
      const ctx = readContext(line);
      try {
        await chat?.close();
        await db.reset();
        chat = await TestChat.start(db, { at: `${ctx.now}:00+08:00`, setup: setupFor(line, ctx, roster) });
        const senderId = line.role === 'trainee' ? (ctx.senderBound || ctx.senderName ? PEOPLE.trainee : 'u-newcomer') : PEOPLE[line.role];
        await seedState(db.prisma, chat, ctx, senderId);
        const chatRef: InboundMessage['chat'] =
          ctx.chat === 'private' ? { platform: 'playground', id: senderId, kind: 'private', title: NAMES[line.role] }
          : { platform: 'playground', id: ctx.chat === 'school' ? 'g-school' : 'g-class', kind: 'group', title: '班级群' };
        const mentioned = extractTextMentions(line.text).names;
        const message: InboundMessage = {
          chat: chatRef,
          sender: { id: senderId, name: ctx.senderName ?? NAMES[line.role] },
          text: line.text,
          mentions: mentioned.filter((n) => n !== '研修助手').map((n) => ({ id: `u-${n}`, name: n })),
          addressedToBot: mentioned.includes('研修助手'),
          attachments: [],
          messageId: `dev-${line.id}`,
          sentAt: chat.app.clock.now(),
        };
        const before = await changes();
        const requestsBefore = await requests();
        const substitutionsBefore = (await lastSubstitution()).id;
        const marksBefore = await marks();
        const sent = chat.session.outbox.sent.length;
        const got = await recordingHandler(chat.app).handle(message);
        if (process.env.DEV_SET_REPLIES) console.log(line.id, got.intent, JSON.stringify(chat.session.outbox.sent.slice(sent).map((r) => r.text)));
        const acted = got.intent !== 'none' && (await changes()) !== before;
        if (got.intent === 'leave' || got.intent === 'requestMakeup') got.args = { ...got.args, ...storedRequestSlots(got.intent, filed(requestsBefore, await requests())) };
        if (got.intent === 'correctAttendance') got.args = { ...got.args, ...corrected(marksBefore, await marks()) };
        if (got.intent === 'substitution') got.args = { ...got.args, ...(await replaced(substitutionsBefore)) };
        if (got.intent === 'setTimetable') got.args = { ...got.args, ...(await understoodTimetable(senderId)) };
        const slots = got.intent === line.intent ? Object.entries(line.slots).map(([slot, value]) => ({ slot, ok: slotFilled(slot, value, got.args, line.intent) })) : [];
        outcomes.push({ id: line.id, text: line.text, expected: line.intent, got: got.intent, acted, slots });
      } catch (error) {
        broken.push(`${line.id}: ${(error as Error).message.slice(0, 200)}`);
      }
    }
    console.log(report(outcomes));
    if (process.env.DEV_SET_MISSES) console.log(misses(outcomes));
    // The harness must hold: every line's world built and played (a wrong answer is a score, not a failure).
    expect(broken).toEqual([]);
    expect(outcomes.length).toBe(played.length);
    expect(played.length).toBeGreaterThan(0);
  }, 1_800_000);
});
