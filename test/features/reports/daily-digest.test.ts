import { beforeEach, describe, expect, it } from 'vitest';
import type { SentRecord } from '../../../src/adapters/playground/playground-outbox.ts';
import { freshChatPerTest, TestChat, threeTraineeSetup } from '../../support/chat.ts';
import { jobsOption, schedulerRuns, useTestRedis } from '../../support/redis.ts';

// The morning overview each tutor gets privately at DIGEST_TIME (07:00 by default), from a daily job.

const redis = useTestRedis();

describe.each(schedulerRuns())('the daily digest on %s, jobs %s', (kind, jobs) => {
  const ctx = freshChatPerTest(kind, () => ({ at: '2026-11-22T20:00:00+08:00', setup: threeTraineeSetup(), ...jobsOption(jobs, redis) }), async (chat) => {
    await chat.as('tutor-li', '李老师').says('绑定班级 小学数学1班');
  });
  let chat: TestChat;
  beforeEach(() => {
    chat = ctx.chat();
  });
  const digests = (sent: SentRecord[]) => sent.filter((s) => s.text.startsWith('☀️'));

  it('when the morning of a session day comes the tutor gets one private overview at 07:00, and none on a day with nothing to say', async () => {
    await chat.as('tutor-li', '李老师').says('创建课次 明天 8:30-11:30 学时3');
    const morning = digests(await chat.at('2026-11-23T07:30:00+08:00'));
    expect(morning.map((s) => [s.chat, s.time])).toEqual([['tutor-li', '2026-11-23T07:00:00+08:00']]);
    expect(morning[0]?.text.split('\n')).toEqual(['☀️ 11月23日 今日概览', '「小学数学1班」', '· 课次：11月23日 08:30 课次 08:30–11:30']);
    expect(digests(await chat.at('2026-11-24T12:00:00+08:00'))).toEqual([]);
  });

  it('when a session is set for two days ahead the digest comes on that morning, not before', async () => {
    await chat.as('tutor-li', '李老师').says('创建课次 后天 14:00-17:00 学时3');
    expect(digests(await chat.at('2026-11-23T23:00:00+08:00'))).toEqual([]);
    expect(digests(await chat.at('2026-11-24T08:00:00+08:00')).map((s) => s.time)).toEqual(['2026-11-24T07:00:00+08:00']);
  });
});
