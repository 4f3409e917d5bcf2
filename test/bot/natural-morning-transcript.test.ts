import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseTranscript, runTranscript } from '../../src/adapters/playground/transcript.ts';
import type { SentRecord } from '../../src/adapters/playground/playground-outbox.ts';
import { openTestDatabase, type TestDatabase } from '../support/databases.ts';
import { EXAMPLES, exampleSetup } from '../support/chat.ts';
import { jobsOption, schedulerRuns, useTestRedis } from '../support/redis.ts';

const redis = useTestRedis();

// examples/natural-morning.jsonl: a morning typed the way teachers type — decorated check-ins, chatter,
// leave in plain words granted with 「同意，注意安全」, a 换人 with an arrow approved with a bare 批准,
// late arrivals, 签到情况, 统计一下人数吧, 结束签到, a 签到 after the close, 学时 in the group.

const lines = parseTranscript(readFileSync(path.join(EXAMPLES, 'natural-morning.jsonl'), 'utf8'));

describe.each(schedulerRuns())('a naturally typed morning on %s, jobs %s', (kind, jobs) => {
  let db: TestDatabase;
  let sent: SentRecord[];
  const at = (time: string) => sent.filter((s) => new Date(s.time).getTime() === new Date(time).getTime());
  const group = () => sent.filter((s) => s.chat === 'g-math1');
  const line = (text: string) => lines.find((l) => l.text === text)!;
  const answersTo = (text: string) => at(line(text).time);

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    sent = await runTranscript(lines, { setup: exampleSetup(), database: db, ...jobsOption(jobs, redis) });
  }, 120_000);
  afterAll(() => db?.close());

  it('when everyone checks in their own way each is recorded: on time, late, on leave, absent — and the replaced teacher not at all', async () => {
    const rows = await db.prisma.checkIn.findMany({ include: { person: true } });
    expect(Object.fromEntries(rows.map((r) => [r.person.name, r.status]))).toEqual({ 张三: 'PRESENT', 李四: 'PRESENT', 钱七: 'PRESENT', 吴十: 'LATE', 王五: 'LEAVE', 孙八: 'ABSENT' });
    const summary = sent.find((s) => s.chat === 'tutor-li' && s.text.startsWith('📋'));
    expect(summary?.text.split('\n').slice(1, 5)).toEqual(['✅ 准时 3：李四、钱七、张三', '⏰ 迟到 1：吴十', '📝 请假 1：王五', '❌ 缺勤 1：孙八']);
  });

  it('when people check in over minutes the group sees a few lists naming everyone, never one message per person', () => {
    const lists = group().filter((s) => /^(✅ 签到成功|⏰ 迟到)/.test(s.text));
    expect(lists.map((s) => s.text)).toEqual(['✅ 签到成功 1 人：张三', '✅ 签到成功 2 人：李四、钱七', '⏰ 迟到 1 人：吴十（21分钟）']);
    const morning = group().filter((s) => s.time >= '2026-11-23T08:00:00+08:00' && s.time < '2026-11-23T09:30:00+08:00');
    expect(morning.length).toBeLessThanOrEqual(12);
  });

  it('when someone plainly checks in nobody is told the format is wrong, and no filler is taken for a class', () => {
    expect(sent.filter((s) => /格式不对|没有找到班级|没看懂/.test(s.text))).toEqual([]);
  });

  it('when 王五 asks for leave in plain words and the tutor answers 「同意，注意安全」 the leave is approved and 王五 hears the remark privately', async () => {
    expect(answersTo('李老师，我明天请个假，孩子发烧了😭').find((s) => s.chat === 'tutor-li')?.text).toContain('王五 申请请假：「新课标解读」');
    expect(answersTo('同意，注意安全').map((s) => [s.chat, s.text])).toEqual([
      ['u-wang5', '您「新课标解读」的请假已批准。李老师：注意安全'],
      ['g-math1', '已批准 王五 的请假（「新课标解读」）。'],
    ]);
    expect(await db.prisma.leaveRequest.findMany({ select: { status: true, note: true } })).toEqual([{ status: 'APPROVED', note: '注意安全' }]);
  });

  it('when the school asks 换人 with an arrow and a 「原因：」 and the county contact answers 批准 the place moves to 吴十', async () => {
    expect(answersTo('换人：赵六→吴十 13800009999，原因：赵六老师临时外出学习').find((s) => s.chat === 'contact-wang')?.text).toContain('赵六 → 吴十（138****9999）\n原因：赵六老师临时外出学习');
    expect(answersTo('批准').map((s) => [s.chat, s.text])).toEqual([
      ['head-zhou', '✅ 换人申请已批准：「小学数学1班」赵六 → 吴十。'],
      ['contact-wang', '已同意换人：「小学数学1班」赵六 → 吴十。'],
    ]);
    const enrolments = await db.prisma.enrolment.findMany({ where: { person: { name: { in: ['赵六', '吴十'] } } }, include: { person: true } });
    expect(Object.fromEntries(enrolments.map((e) => [e.person.name, e.status]))).toEqual({ 赵六: 'SUBSTITUTED', 吴十: 'SELECTED' });
  });

  it('when trainees bind with a colon, a label, digits glued to the name or a space inside it, each is bound', () => {
    expect(group().filter((s) => s.text.startsWith('绑定成功')).map((s) => s.mentions?.[0])).toEqual(['张三', '李四', '王五', '赵六', '钱七', '孙八', '吴十']);
  });

  it('when people chat, greet, say 收到 with nothing to confirm or ask each other, the bot stays silent', () => {
    for (const text of ['收到收到', '明天记得签到哦', '老师们早上好🌹', '签到了吗大家', '收到']) expect(answersTo(text), text).toEqual([]);
  });

  it('when a trainee asks when today starts, the bot answers with the day\'s timetable in one line', () => {
    expect(answersTo('今天几点开始啊').map((s) => [s.chat, s.text])).toEqual([['g-math1', expect.stringMatching(/11月23日.*08:30–11:30 新课标解读/s)]]);
  });

  it('when a trainee tells the bot he cannot check in he gets help, not a check-in', () => {
    expect(answersTo('@研修助手 我签到不了，怎么办').map((s) => s.text)).toEqual([expect.stringContaining('请发「签到')]);
    expect(group().filter((s) => s.text.startsWith('✅') && s.text.includes('孙八'))).toEqual([]);
  });

  it('when the tutor asks for 帮助, 签到情况 or 统计一下人数吧 in the group the details go privately and the group gets one line', () => {
    for (const text of ['帮助', '签到情况', '统计一下人数吧']) {
      const replies = answersTo(text);
      expect(replies.filter((s) => s.chat === 'g-math1'), text).toHaveLength(1);
      expect(replies.filter((s) => s.chat === 'g-math1')[0]!.text, text).toMatch(/私信/);
      expect(replies.filter((s) => s.chat === 'tutor-li'), text).toHaveLength(1);
    }
    expect(answersTo('签到情况').find((s) => s.chat === 'tutor-li')?.text).toBe('「新课标解读」当前签到 3/6 人。\n已签到：张三、李四、钱七\n未签到：王五、孙八、吴十');
    expect(answersTo('统计一下人数吧').find((s) => s.chat === 'tutor-li')?.text).toContain('「小学数学1班」统计（6 人）');
  });

  it('when 张三 checks in a second time he hears when he already did', () => {
    expect(answersTo('签到✅').map((s) => s.text)).toEqual(['您已于 08:02 签到过了，无需重复签到。']);
  });

  it('when the tutor ends check-in early a 签到 afterwards hears that it has ended', () => {
    expect(answersTo('结束签到').find((s) => s.chat === 'g-math1')?.text).toBe('「新课标解读」签到已结束：实到 4/6 人（迟到 1，请假 1，缺勤 1）。详细名单已发给辅导老师。');
    expect(answersTo('@研修助手 签到').map((s) => s.text)).toEqual(['「新课标解读」的签到已在 09:05 结束，现在不能签到了。如有疑问请联系老师。']);
  });

  it('when 李四 asks for 我的学时 in the group the hours come privately and the group hears only that', () => {
    const replies = answersTo('我的学时');
    expect(replies.find((s) => s.chat === 'u-li4')?.text).toContain('合计 3 学时（已认定 0，待认定 3）');
    expect(replies.filter((s) => s.chat === 'g-math1').map((s) => s.text)).toEqual(['学时明细已私信发给您。']);
  });

  it('when the bot writes anywhere no full phone number appears', () => {
    expect(sent.filter((s) => /1[3-9]\d{9}/.test(s.text))).toEqual([]);
  });
});
