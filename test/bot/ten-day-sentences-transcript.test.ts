import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseTranscript, runTranscript } from '../../src/adapters/playground/transcript.ts';
import type { SentRecord } from '../../src/adapters/playground/playground-outbox.ts';
import { openTestDatabase, type TestDatabase } from '../support/databases.ts';
import { EXAMPLES } from '../support/chat.ts';
import { jobsOption, schedulerRuns, useTestRedis } from '../support/redis.ts';

const redis = useTestRedis();

// examples/ten-day-sentences.jsonl: a ten-day class run in sentences — a class named with quotes and
// brackets, a pasted timetable with 「每节3学时」 once, leave inside explanations, a forgotten check-in,
// corrections told as facts with remarks, 「同意刘洋补签」, a move and a cancellation in sentences, the
// rotating code switched in words, questions about the class and a near-miss name asked back.

const lines = parseTranscript(readFileSync(path.join(EXAMPLES, 'ten-day-sentences.jsonl'), 'utf8'));
const setup = JSON.parse(readFileSync(path.join(EXAMPLES, 'setup-ten-day.json'), 'utf8'));
const CLASS = '2026年“国培计划”县级骨干教师培训（小学数学）1班';

describe.each(schedulerRuns())('a ten-day class typed in sentences on %s, jobs %s', (kind, jobs) => {
  let db: TestDatabase;
  let sent: SentRecord[];
  const line = (text: string) => {
    const found = lines.find((l) => l.text === text);
    if (!found) throw new Error(`no line ${text}`);
    return found;
  };
  const answersTo = (text: string) => sent.filter((s) => new Date(s.time).getTime() === new Date(line(text).time).getTime());
  const at = (day: string, hm: string) => new Date(`2026-12-${day}T${hm}:00+08:00`);
  const mark = async (name: string, startsAt: Date) => {
    const row = await db.prisma.checkIn.findFirst({ where: { person: { name }, session: { startsAt } } });
    return row && { status: row.status, remark: row.remark };
  };

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    sent = await runTranscript(lines, { setup, database: db, ...jobsOption(jobs, redis) });
  }, 240_000);
  afterAll(() => db?.close());

  it('when the tutor binds the group with the class name as written, quotes and brackets included, the class is bound and used', () => {
    expect(answersTo(`绑定班级 ${CLASS}`).map((s) => s.text)).toEqual([expect.stringContaining(`本群已绑定到班级「${CLASS}」`)]);
    expect(sent.filter((s) => /没有找到班级|没看懂|格式不对/.test(s.text)).map((s) => s.text)).toEqual([]);
  });

  it('when the centre\'s timetable is pasted with 「每节3学时」 once, every session is 3 学时 with the slot\'s own title', async () => {
    const sessions = await db.prisma.trainingSession.findMany({ orderBy: { startsAt: 'asc' } });
    expect(sessions).toHaveLength(20);
    expect(sessions.map((s) => Number(s.hours))).toEqual(Array(20).fill(3));
    expect(new Set(sessions.map((s) => s.title))).toEqual(new Set(['专题讲座', '分组研讨']));
  });

  it('when a session is moved and another cancelled in sentences, the moved one opens at its new time and the cancelled one never', async () => {
    const friday = await db.prisma.trainingSession.findFirst({ where: { startsAt: { gte: at('11', '00:00'), lt: at('11', '13:00') } } });
    expect(friday?.startsAt).toEqual(at('11', '09:00'));
    expect(friday?.endsAt).toEqual(at('11', '12:00'));
    const cancelled = await db.prisma.trainingSession.findFirst({ where: { startsAt: at('16', '14:30') } });
    expect(cancelled?.status).toBe('CANCELLED');
    expect(sent.filter((s) => s.text.includes('现在开始签到') && s.text.includes('12月16日 14:30'))).toEqual([]);
    expect(sent.filter((s) => s.text.includes('现在开始签到') && s.text.includes('12月11日 09:00–12:00'))).toHaveLength(1);
  });

  it('when trainees ask for leave inside an explanation the request names the right sessions and keeps the reason; the decisions apply', async () => {
    expect(answersTo('李老师，我12月9日上午要去医院复查，请假半天').find((s) => s.chat === 'tutor-li')?.text).toMatch(/王五 申请请假：「专题讲座」（12月9日 08:30–11:30）\n原因：去医院复查/);
    expect(answersTo('王五同意，祝早日康复').find((s) => s.chat === 'u-wang5')?.text).toBe('您「专题讲座」的请假已批准。李老师：祝早日康复');
    expect(await mark('王五', at('09', '08:30'))).toMatchObject({ status: 'LEAVE' });
    expect(await mark('李四', at('11', '09:00'))).toMatchObject({ status: 'LEAVE' });
    expect(await mark('李四', at('11', '14:30'))).toMatchObject({ status: 'LEAVE' });
  });

  it('when trainees check in the way they type, each is recorded for the first morning', async () => {
    for (const name of ['张三', '李四', '钱七', '王五']) expect((await mark(name, at('07', '08:30')))?.status, name).toMatch(/PRESENT|LATE/);
  });

  it('when a trainee forgot to check in and asks in a sentence, 「同意刘洋补签」 records the morning as attended with its hours', async () => {
    expect(answersTo('老师，我上午忘记签到了，手机没电，人一直在教室，能补签吗').find((s) => s.chat === 'tutor-li')?.text).toContain('刘洋 申请补签');
    expect(await mark('刘洋', at('07', '08:30'))).toMatchObject({ status: 'PRESENT' });
    expect(answersTo('同意刘洋补签').find((s) => s.chat === 'u-liu')?.text).toContain('3 学时');
  });

  it('when the tutor states a fact or corrects with a remark, the mark changes and the remark is kept, not read as a name', async () => {
    expect(await mark('赵六', at('07', '08:30'))).toEqual({ status: 'PRESENT', remark: expect.stringContaining('忘了签') });
    expect(await mark('钱七', at('07', '08:30'))).toEqual({ status: 'LATE', remark: '他8点40才到' });
  });

  it('when the tutor writes a name one character off, the bot asks back and acts on 「是」', async () => {
    expect(answersTo('把吴蕾上午的考勤改成请假，她提前说过').map((s) => s.text).join('\n')).toContain('吴磊');
    expect(await mark('吴磊', at('07', '08:30'))).toMatchObject({ status: 'LEAVE' });
  });

  it('when trainees ask about the class they are answered from the timetable and the class details', () => {
    expect(answersTo('明天几点开始上课啊').map((s) => s.text).join('\n')).toContain('08:30');
    expect(answersTo('周六上课吗').map((s) => s.text).join('\n')).toMatch(/12月12日.*没有/);
    expect(answersTo('培训地点在哪').map((s) => s.text).join('\n')).toContain('县教师发展中心三楼报告厅');
    expect(answersTo('今天下午还有课吗').map((s) => s.text).join('\n')).toContain('14:30–17:30');
  });

  it('when the tutor switches to the rotating code in words, trainees asking for the code are sent to the 签到大屏 and told how to catch up', async () => {
    const tuesday = await db.prisma.trainingSession.findFirst({ where: { startsAt: at('08', '08:30') } });
    expect(tuesday?.codeSecret).toBeTruthy();
    const code = answersTo('口令是多少').map((s) => s.text).join('\n');
    expect(code).toContain('大屏');
    expect(code).not.toMatch(/\d{6}/);
    const forgot = answersTo('我忘记签到了怎么办').map((s) => s.text);
    expect(forgot).toHaveLength(1);
    expect(forgot[0]).toContain('请发「补签 原因」');
    expect(answersTo('有学员忘记签到了怎么办').map((s) => s.text)).toEqual([expect.stringContaining('请发「补签 姓名」')]);
  });

  it('when 张三 asks for his hours after a full first day he has 6 学时, privately', () => {
    expect(answersTo('我的学时').find((s) => s.chat === 'u-zhang3')?.text).toContain('合计 6 学时');
  });

  it('when the bot writes anywhere no full phone number appears', () => {
    expect(sent.filter((s) => /1[3-9]\d{9}/.test(s.text))).toEqual([]);
  });
});
