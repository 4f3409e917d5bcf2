import { beforeEach, describe, expect, it } from 'vitest';
import type { TestDatabase } from '../../support/databases.ts';
import { exampleSetup, freshChatPerTest, TestChat, texts } from '../../support/chat.ts';
import { jobsOption, schedulerRuns, useTestRedis } from '../../support/redis.ts';

const redis = useTestRedis();

const TRAINEES = [
  ['u-zhang3', '张三', '1111'],
  ['u-li4', '李四', '2222'],
  ['u-wang5', '王五', '3333'],
  ['u-zhao6', '赵六', '4444'],
  ['u-qian7', '钱七', '5555'],
  ['u-sun8', '孙八', '6666'],
] as const;

describe.each(schedulerRuns())('the satisfaction survey on %s, jobs %s', (kind, jobs) => {
  const ctx = freshChatPerTest(kind, () => ({ at: '2026-11-27T16:00:00+08:00', setup: exampleSetup(), ...jobsOption(jobs, redis) }), async (chat) => {
    await chat.as('tutor-li', '李老师').says('绑定班级 小学数学1班');
    for (const [id, name, tail] of TRAINEES) await chat.as(id, name).says(`绑定 ${name} ${tail}`);
  });
  let db: TestDatabase;
  let chat: TestChat;
  beforeEach(() => {
    db = ctx.db();
    chat = ctx.chat();
  });
  const answer = (i: number, text: string) => chat.as(TRAINEES[i]![0], TRAINEES[i]![1], { private: true }).says(text);

  it('when the tutor starts it every trainee is asked privately, and a malformed answer is explained', async () => {
    const sent = await chat.as('tutor-li', '李老师').says('发起评价');
    expect(sent.filter((s) => s.kind === 'private' && s.text.startsWith('📝「小学数学1班」培训满意度评价')).map((s) => s.chat).sort()).toEqual(TRAINEES.map((t) => t[0]).sort());
    expect(sent.find((s) => s.chat === 'g-math1' && s.mentions?.[0] === '李老师')?.text).toBe('满意度评价已发给 6 位学员，48 小时后截止，未评价的会提醒一次；结果会私信给辅导老师。');
    expect(texts(await answer(0, '评价 5 5 5'))).toEqual(['请给 4 项各打 1–5 分，例如：评价 5 5 5 5 很实用']);
    expect(await db.prisma.surveyResponse.count()).toBe(0);
  });

  it('when 4 of 5 respondents are satisfied (80%) the tutor gets the result and nothing is flagged; the silent one was chased once', async () => {
    await chat.as('tutor-li', '李老师').says('发起评价');
    await answer(0, '评价 5 5 5 5 很实用');
    await answer(1, '评价 4 4 4 4');
    await answer(2, '评价 4 4 4 5');
    await answer(3, '评价 5 3 4 4 希望多些案例');
    const chased = await chat.at('2026-11-28T16:00:00+08:00');
    expect(chased.filter((s) => s.text.startsWith('⏰ 您还没有填写')).map((s) => s.chat).sort()).toEqual(['u-qian7', 'u-sun8']);
    await answer(4, '评价 3 3 3 4');
    const closed = await chat.at('2026-11-29T16:00:00+08:00');
    expect(closed.filter((s) => s.text.startsWith('⏰')).length).toBe(0);
    expect(closed.map((s) => [s.chat, s.text.split('\n')[0]])).toEqual([['tutor-li', '📊「小学数学1班」满意度：80%（5/6 人评价，平均 4 分及以上算满意）']]);
    expect((await db.prisma.survey.findFirstOrThrow()).flagged).toBe(false);
  });

  it('when only 3 of 5 are satisfied (60%) the county contact is told, with the tutor named', async () => {
    await chat.as('tutor-li', '李老师').says('发起评价');
    await answer(0, '评价 5 5 5 5');
    await answer(1, '评价 4 4 4 4');
    await answer(2, '评价 2 3 3 3 讲得太快');
    await answer(3, '评价 4 4 5 4');
    await answer(4, '评价 3 3 3 2');
    const closed = await chat.at('2026-11-29T16:00:00+08:00');
    const flag = closed.find((s) => s.chat === 'contact-wang')?.text.split('\n');
    expect(flag?.slice(0, 2)).toEqual(['⚠️「小学数学1班」培训满意度 60%，低于 80%；辅导老师：李老师。', '📊「小学数学1班」满意度：60%（5/6 人评价，平均 4 分及以上算满意）']);
    expect(flag?.at(-1)).toBe('意见：「讲得太快」');
    expect((await db.prisma.survey.findFirstOrThrow()).flagged).toBe(true);
  });

  it('when a trainee tries to start a survey the bot refuses politely', async () => {
    expect(texts(await chat.as('u-zhang3', '张三', { private: true }).says('发起评价'))).toEqual(['抱歉，您没有权限执行这个操作。']);
  });
});
