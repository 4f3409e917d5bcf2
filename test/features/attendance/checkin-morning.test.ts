import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseTranscript, runTranscript } from '../../../src/adapters/playground/transcript.ts';
import type { SentRecord } from '../../../src/adapters/playground/playground-outbox.ts';
import { openTestDatabase, type TestDatabase } from '../../support/databases.ts';
import { EXAMPLES, exampleSetup } from '../../support/chat.ts';
import { jobsOption, schedulerRuns, useTestRedis } from '../../support/redis.ts';

const redis = useTestRedis();

// The example in docs/development.md: a tutor binds the group and creates a session; six trainees bind and check in —
// 张三 on time (his message delivered twice), 李四 late, 王五 on approved leave, 赵六 twice,
// 钱七 outside the window, 孙八 with a wrong code.

describe.each(schedulerRuns())('a check-in morning on %s, jobs %s', (kind, jobs) => {
  let db: TestDatabase;
  let sent: SentRecord[];
  const to = (chat: string) => sent.filter((s) => s.chat === chat);
  const find = (text: string) => sent.filter((s) => s.text.includes(text));

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    const lines = parseTranscript(readFileSync(path.join(EXAMPLES, 'checkin-morning.jsonl'), 'utf8'));
    sent = await runTranscript(lines, { setup: exampleSetup(), database: db, ...jobsOption(jobs, redis) });
  });
  afterAll(() => db?.close());

  it('when the tutor creates the session in chat the reply states the window, late threshold, hours and code', () => {
    expect(find('已创建课次')[0]).toMatchObject({
      time: '2026-11-22T20:01:00+08:00',
      text: expect.stringContaining('「新课标解读」：11月23日 08:30–11:30，签到 08:00 开始，08:40 后记为迟到，11:30 截止，完成计 3 学时。签到口令：8866'),
      mentions: ['李老师'],
    });
  });

  it('when a trainee mistypes the phone tail binding fails politely, and the correct one binds', () => {
    expect(find('没有找到「孙八」')).toHaveLength(1);
    expect(find('绑定成功').map((s) => s.mentions?.[0])).toEqual(['张三', '李四', '王五', '赵六', '钱七', '孙八']);
  });

  it('when 王五 asks for leave the tutor is told privately and approving it tells 王五 privately', () => {
    expect(to('tutor-li')[0]?.text).toContain('王五 申请请假：「新课标解读」');
    expect(to('u-wang5')).toEqual([expect.objectContaining({ kind: 'private', text: '您「新课标解读」的请假已批准。' })]);
  });

  it('when 钱七 checks in before 08:00 the reply gives the opening time', () => {
    expect(find('请到时再签到')[0]).toMatchObject({ time: '2026-11-23T07:50:00+08:00', mentions: ['钱七'], text: expect.stringContaining('08:00 开始') });
  });

  it('when the morning begins the tutor gets one private overview of the day', () => {
    expect(to('tutor-li').filter((s) => s.text.startsWith('☀️'))).toEqual([
      expect.objectContaining({ time: '2026-11-23T07:00:00+08:00', text: '☀️ 11月23日 今日概览\n「小学数学1班」\n· 课次：新课标解读 08:30–11:30' }),
    ]);
  });

  it('when check-in opens the group is told how to check in', () => {
    expect(find('现在开始签到')[0]?.time).toBe('2026-11-23T08:00:00+08:00');
  });

  it('when 张三 and 赵六 check in within seconds one batched message acknowledges both, and the duplicate delivery adds nothing', () => {
    const batches = sent.filter((s) => s.chat === 'g-math1' && /^(✅ 签到成功|⏰ 迟到)/.test(s.text));
    expect(batches).toEqual([
      expect.objectContaining({ time: '2026-11-23T08:20:02+08:00', text: '✅ 签到成功 2 人：张三、赵六' }),
      expect.objectContaining({ time: '2026-11-23T08:45:02+08:00', text: '⏰ 迟到 1 人：李四（15分钟）' }),
    ]);
  });

  it('when 孙八 gives a wrong code he is told right away and not checked in', () => {
    expect(find('签到口令不对')[0]?.mentions).toEqual(['孙八']);
  });

  it('when 赵六 checks in a second time the reply gives his first check-in time', () => {
    expect(find('您已于 08:20 签到过了')[0]?.mentions).toEqual(['赵六']);
  });

  it('when check-in is about to close the group is reminded of exactly the trainees still missing, by @mention', () => {
    expect(find('还有 2 人未签到')).toEqual([
      expect.objectContaining({ time: '2026-11-23T11:15:00+08:00', chat: 'g-math1', mentions: expect.arrayContaining(['钱七', '孙八']) }),
    ]);
    expect(find('还有 2 人未签到')[0]?.mentions).toHaveLength(2);
  });

  it('when check-in closes the tutor gets the names by status and the group only the counts', () => {
    const summary = to('tutor-li').find((s) => s.text.includes('考勤汇总'));
    expect(summary?.time).toBe('2026-11-23T11:30:00+08:00');
    expect(summary?.text.split('\n')).toEqual([
      '📋「新课标解读」（11月23日 08:30–11:30）考勤汇总，应到 6 人：',
      '✅ 准时 2：张三、赵六',
      '⏰ 迟到 1：李四',
      '📝 请假 1：王五',
      '❌ 缺勤 2：钱七、孙八',
      '已为 3 人登记 3 学时（待认定）。',
    ]);
    const group = find('签到已结束')[0];
    expect(group?.text).toBe('「新课标解读」签到已结束：实到 3/6 人（迟到 1，请假 1，缺勤 2）。详细名单已发给辅导老师。');
  });

  it('when 张三 asks for his hours in the group they arrive privately with the 3 pending hours', () => {
    const report = to('u-zhang3')[0];
    expect(report?.kind).toBe('private');
    expect(report?.text).toContain('合计 3 学时（已认定 0，待认定 3）');
    expect(report?.text).toContain('还差：五年总学时 357、县级以上 177');
    expect(find('学时明细已私信发给您')[0]?.mentions).toEqual(['张三']);
  });

  it('when 钱七 checks in after the close the reply gives the check-in window', () => {
    expect(find('已经截止')[0]).toMatchObject({ time: '2026-11-23T11:40:00+08:00', text: expect.stringContaining('11月23日 08:00–11:30') });
  });

  it('when the bot writes anywhere no phone number appears in it', () => {
    expect(sent.filter((s) => /1[3-9]\d{9}/.test(s.text))).toEqual([]);
  });

  it('when ordinary chat happens in the group the bot stays quiet', () => {
    expect(sent.filter((s) => s.time === '2026-11-23T09:00:00+08:00')).toEqual([]);
  });

  it('when everything is over the database holds exactly the outcomes and the hour records', async () => {
    const rows = await db.prisma.checkIn.findMany({ include: { person: true }, orderBy: { personId: 'asc' } });
    expect(Object.fromEntries(rows.map((r) => [r.person.name, r.status]))).toEqual({ 张三: 'PRESENT', 李四: 'LATE', 王五: 'LEAVE', 赵六: 'PRESENT', 钱七: 'ABSENT', 孙八: 'ABSENT' });
    const hours = await db.prisma.hourRecord.findMany({ include: { person: true } });
    expect(hours.map((h) => [h.person.name, Number(h.hours), h.level, h.status]).sort()).toEqual([
      ['张三', 3, 'COUNTY', 'PENDING'],
      ['李四', 3, 'COUNTY', 'PENDING'],
      ['赵六', 3, 'COUNTY', 'PENDING'],
    ]);
    expect(await db.prisma.inboundMessage.count({ where: { messageId: 'm-1001' } })).toBe(1);
    expect(await db.prisma.auditLog.count({ where: { action: 'session.close' } })).toBe(1);
  });
});
