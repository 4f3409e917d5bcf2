import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseTranscript, runTranscript } from '../../../src/adapters/playground/transcript.ts';
import type { SentRecord } from '../../../src/adapters/playground/playground-outbox.ts';
import { EXAMPLES, exampleSetup } from '../../support/chat.ts';
import { openTestDatabase, type TestDatabase } from '../../support/databases.ts';
import { jobsOption, jobKinds, useTestRedis } from '../../support/redis.ts';

const redis = useTestRedis();

// The second example in docs/development.md, examples/opening-notice.jsonl: notice → partial 收到 → reminders →
// escalation to the school and the county → one substitution approved → the tally at the end.

describe.each(jobKinds)('the opening-notice transcript, jobs %s', (jobs) => {
  let db: TestDatabase;
  let sent: SentRecord[];
  const at = (time: string) => sent.filter((s) => s.time.startsWith(time));

  beforeAll(async () => {
    db = await openTestDatabase('pglite');
    sent = await runTranscript(parseTranscript(readFileSync(path.join(EXAMPLES, 'opening-notice.jsonl'), 'utf8')), { setup: exampleSetup(), database: db, ...jobsOption(jobs, redis) });
  });
  afterAll(() => db?.close());

  it('when the notice goes out each group gets it as written, with its own teachers @mentioned', () => {
    const notices = at('2026-11-20T10:00').filter((s) => s.text.startsWith('📢 开班通知'));
    expect(notices.map((s) => [s.chat, s.mentions])).toEqual([
      ['g-math1', ['张三', '李四']],
      ['g-shiyan', ['王五', '赵六']],
    ]);
    expect(notices[0]?.text).toContain('11月30日（周一）8:30 在谯城区教师进修学校报到，集中培训5天');
  });

  it('when a day passes only the silent are reminded, and after two days the school contact hears of 赵六', () => {
    expect(at('2026-11-21T10:00').map((s) => [s.chat, s.mentions])).toEqual([
      ['g-math1', ['李四']],
      ['g-shiyan', ['赵六']],
    ]);
    expect(at('2026-11-22T10:00').map((s) => [s.chat, s.text])).toEqual([['head-zhou', expect.stringContaining('尚未确认：赵六')]]);
  });

  it('when the substitution is approved the new teacher confirms, and the county contact gets the still silent by school, then the tally', () => {
    expect(at('2026-11-22T11:31').map((s) => s.text)).toEqual(['📨 已确认收到开班通知 1 人：吴十']);
    expect(at('2026-11-23T10:00')[0]?.text.split('\n')).toEqual(['📣「小学数学1班」开班通知仍有 3 位老师未确认：', '城关小学：李四', '古井镇中心小学：钱七、孙八']);
    expect(at('2026-11-23T10:30')[0]?.text.split('\n')).toEqual([
      '📊「小学数学1班」开班通知确认情况：3/6',
      '· 城关小学：1/2，未确认：李四',
      '· 实验小学：2/2，未确认：无',
      '· 古井镇中心小学：0/2，未确认：钱七、孙八',
    ]);
  });

  it('when it is over the roster shows the substitution and no message carries a phone number', async () => {
    const enrolments = await db.prisma.enrolment.findMany({ include: { person: true } });
    expect(Object.fromEntries(enrolments.map((e) => [e.person.name, e.status]))).toMatchObject({ 张三: 'CONFIRMED', 王五: 'CONFIRMED', 赵六: 'SUBSTITUTED', 吴十: 'CONFIRMED', 李四: 'SELECTED' });
    expect(sent.filter((s) => /1[3-9]\d{9}/.test(s.text))).toEqual([]);
  });
});
