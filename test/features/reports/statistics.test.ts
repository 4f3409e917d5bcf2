import { beforeEach, describe, expect, it } from 'vitest';
import { databaseKinds } from '../../support/databases.ts';
import { TestChat, bindClassOfThree, freshChatPerTest, texts, threeTraineeSetup } from '../../support/chat.ts';

// Three trainees over two mornings: 张三 comes twice, 李四 once, 王五 never; one assignment, handed in by 张三 only.

describe.each(databaseKinds())('统计 on %s', (kind) => {
  const setup = () => {
    return { at: '2026-11-22T20:00:00+08:00', setup: threeTraineeSetup() };
  };
  const ctx = freshChatPerTest(kind, setup, async (chat) => {
    await bindClassOfThree(chat);
    await chat.as('tutor-li', '李老师').says('创建课次 明天 8:30-11:30 学时3');
    await chat.as('tutor-li', '李老师').says('布置作业 读书笔记 11月23日 18:00 学时1');
    await chat.at('2026-11-23T08:20:00+08:00');
    await chat.as('u-zhang3', '张三').says('签到');
    await chat.as('u-li4', '李四').says('签到');
    await chat.as('u-zhang3', '张三').says('交作业 《给教师的建议》读后感：……');
    await chat.at('2026-11-23T12:00:00+08:00');
    await chat.as('tutor-li', '李老师').says('创建课次 明天 8:30-11:30 学时3');
    await chat.at('2026-11-24T08:20:00+08:00');
    await chat.as('u-zhang3', '张三').says('签到');
  });
  let chat: TestChat;
  beforeEach(() => {
    chat = ctx.chat();
  });

  it('when the second session closes the tutor is told who has now missed two in a row', async () => {
    const closed = await chat.at('2026-11-24T12:00:00+08:00');
    expect(closed.find((s) => s.chat === 'tutor-li')?.text.split('\n').at(-1)).toBe('⚠️ 已连续缺勤 2 次及以上：王五（2 次），请联系本人或学校了解情况。');
  });

  it('when the tutor asks for 统计 in the group the figures arrive privately', async () => {
    await chat.at('2026-11-24T12:00:00+08:00');
    const replies = await chat.as('tutor-li', '李老师').says('统计');
    expect(replies.find((s) => s.chat === 'tutor-li')?.text.split('\n')).toEqual([
      '📈「小学数学1班」统计（3 人）',
      '出勤：已结束 2 次课，到课率 50%（到课 3/6，请假 0，缺勤 3）',
      '作业：已截止 1 项，提交率 33%（1/3，其中迟交 0）',
      '学时：人均 3 学时，本周期要求已完成 0 人，平均进度 ░░░░░░░░░░ 0%',
      '⚠️ 连续缺勤 2 次及以上：王五（2 次）',
    ]);
    expect(replies.find((s) => s.chat === 'g-math1')?.text).toBe('详情已私信发给您。');
  });

  it('when the county contact asks privately the figures come by school', async () => {
    await chat.at('2026-11-24T12:00:00+08:00');
    expect(texts(await chat.as('contact-wang', '王主任', { private: true }).says('统计'))[0]?.split('\n')).toEqual([
      '📈 培训统计（1 个班，3 人），按学校：',
      '· 城关小学：2 人，到课率 75%，作业提交率 50%，学时达标 0%',
      '· 实验小学：1 人，到课率 0%，作业提交率 0%，学时达标 0%',
    ]);
  });

  it('when a trainee asks for 统计 the bot refuses politely and shows no figures', async () => {
    expect(texts(await chat.as('u-li4', '李四').says('统计'))).toEqual(['抱歉，您没有权限执行这个操作。']);
    expect(texts(await chat.as('u-li4', '李四', { private: true }).says('统计'))).toEqual(['抱歉，您没有权限执行这个操作。']);
  });
});
