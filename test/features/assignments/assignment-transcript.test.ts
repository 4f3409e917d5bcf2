import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseTranscript, runTranscript } from '../../../src/adapters/playground/transcript.ts';
import type { SentRecord } from '../../../src/adapters/playground/playground-outbox.ts';
import { EXAMPLES, threeTraineeSetup } from '../../support/chat.ts';
import { openTestDatabase, type TestDatabase } from '../../support/databases.ts';
import { jobsOption, jobKinds, useTestRedis } from '../../support/redis.ts';

const redis = useTestRedis();

// examples/assignment.jsonl with a class of three trainees: 张三 on time, 李四 late, 王五 missing.

describe.each(jobKinds)('the assignment transcript, jobs %s', (jobs) => {
  let db: TestDatabase;
  let sent: SentRecord[];
  const at = (time: string) => sent.filter((s) => s.time.startsWith(time));
  const reminders = () => sent.filter((s) => s.text.startsWith('⏰ 作业'));

  beforeAll(async () => {
    db = await openTestDatabase('pglite');
    const setup = threeTraineeSetup();
    sent = await runTranscript(parseTranscript(readFileSync(path.join(EXAMPLES, 'assignment.jsonl'), 'utf8')), { setup, database: db, ...jobsOption(jobs, redis) });
  });
  afterAll(() => db?.close());

  it('when the tutor sets the assignment the group reads the due time, how to hand in and the hours', () => {
    expect(at('2026-11-23T09:10')[0]?.text.split('\n')).toEqual(['📝 新作业「教学设计」', '截止：11月25日 18:00（截止后仍可补交，记为迟交）', '提交：先发文件，再发「交作业」', '通过后计 2 学时', '提交一份单元教学设计，附教学反思']);
  });

  it('when a trainee sends the file and then 交作业 they get a receipt; after the due time it is marked late', () => {
    expect(at('2026-11-23T20:01').map((s) => s.text)).toEqual(['✅ 已收到 张三 的作业「教学设计」，含附件 1 个（11月23日 20:01）']);
    expect(at('2026-11-25T21:31').map((s) => s.text)).toEqual(['✅ 已收到 李四 的作业「教学设计」，含附件 1 个（11月25日 21:31），记为迟交']);
  });

  it('when reminders go out they @mention only those who have not handed in, and after the due time only 王五', () => {
    expect(reminders().map((s) => [s.time, s.mentions])).toEqual([
      ['2026-11-24T18:00:00+08:00', ['李四', '王五']],
      ['2026-11-25T16:00:00+08:00', ['李四', '王五']],
      ['2026-11-26T07:30:00+08:00', ['王五']],
    ]);
    expect(reminders().at(-1)?.text).toBe('⏰ 作业「教学设计」已过截止时间（11月25日 18:00），以上 1 位老师还没交，请尽快补交。');
  });

  it('when the tutor asks for the board it arrives privately: on time, late, missing by name', () => {
    expect(at('2026-11-26T09:00').find((s) => s.chat === 'tutor-li')?.text.split('\n')).toEqual([
      '📋 作业「教学设计」提交情况（截止 11月25日 18:00）',
      '按时交 1：张三',
      '迟交 1：李四',
      '未交 1：王五',
      '待批改 2 · 已通过 0 · 已退回 0',
    ]);
  });

  it('when the tutor returns work with a comment the trainee receives it, sees it in 作业, and can hand in again', async () => {
    expect(at('2026-11-26T09:05').find((s) => s.chat === 'u-li4')?.text).toBe('📮 您的作业「教学设计」被退回，老师意见：请补充教学反思\n请修改后重新发送「交作业」。');
    expect(at('2026-11-26T10:00')[0]?.text).toBe('📚 我的作业\n· 「教学设计」截止 11月25日 18:00：被退回：请补充教学反思（请修改后重新「交作业」）');
    expect(at('2026-11-26T20:00')[0]?.text).toContain('如果这是作业，请接着发「交作业」');
    expect(at('2026-11-26T20:01')[0]?.text).toBe('✅ 已收到 李四 重新提交的作业「教学设计」，含附件 1 个（第 2 次，11月26日 20:01），记为迟交');
    const person = await db.prisma.person.findFirstOrThrow({ where: { name: '李四' } });
    const li4 = await db.prisma.submission.findFirstOrThrow({ where: { personId: person.id } });
    expect([li4.status, li4.version, li4.late, (li4.attachments as { name: string }[]).map((a) => a.name)]).toEqual(['SUBMITTED', 2, true, ['教学设计-李四-修改.docx']]);
  });

  it('when the tutor accepts work the trainee is told and credited the hours, pending accreditation', async () => {
    expect(at('2026-11-26T09:10').find((s) => s.chat === 'u-zhang3')?.text).toBe('👍 您的作业「教学设计」已通过，老师意见：设计完整，反思深入，计 2 学时（待认定）。');
    const hours = await db.prisma.hourRecord.findMany({ where: { source: 'ASSIGNMENT' }, include: { person: true } });
    expect(hours.map((h) => [h.person.name, Number(h.hours), h.status])).toEqual([['张三', 2, 'PENDING']]);
  });
});
