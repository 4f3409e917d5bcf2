import { beforeEach, describe, expect, it } from 'vitest';
import { databaseKinds, type TestDatabase } from '../../support/databases.ts';
import { exampleSetup, freshChatPerTest, TestChat, texts } from '../../support/chat.ts';

describe.each(databaseKinds())('binding and roles on %s', (kind) => {
  const setup = () => {
    const s = exampleSetup();
    // A second 张三 with the same phone tail at another school, to make binding ambiguous.
    s.people.push({ name: '张三', phone: '13900001111', school: '实验小学', classes: ['小学数学1班'] });
    return { at: '2026-11-22T20:00:00+08:00', setup: s };
  };
  const ctx = freshChatPerTest(kind, setup, async (chat) => {
    await chat.as('tutor-li', '李老师').says('绑定班级 小学数学1班');
  });
  let db: TestDatabase;
  let chat: TestChat;
  beforeEach(() => {
    db = ctx.db();
    chat = ctx.chat();
  });

  it('when two trainees share a name and phone tail the bot asks for the school instead of guessing', async () => {
    expect(texts(await chat.as('u-zhang3', '张三').says('绑定 张三 1111'))[0]).toContain('有 2 位「张三」的手机尾号相同，请加上学校');
    expect(await db.prisma.identity.count({ where: { platform: 'playground', platformUserId: 'u-zhang3' } })).toBe(0);
    expect(texts(await chat.as('u-zhang3', '张三').says('绑定 张三 1111 城关'))).toEqual(['绑定成功：张三（城关小学）。以后在群里发「签到」即可签到。']);
  });

  it('when a trainee binds with the whole mobile number only its last four digits are used and the number is never repeated', async () => {
    const replies = texts(await chat.as('u-li4', '李四').says('绑定 李四 138 0000 2222'));
    expect(replies).toEqual(['绑定成功：李四（城关小学）。以后在群里发「签到」即可签到。']);
    expect(texts(await chat.as('u-wang5', '王五').says('绑定 王五 13800003333'))).toEqual(['绑定成功：王五（实验小学）。以后在群里发「签到」即可签到。']);
    expect(chat.session.outbox.sent.filter((m) => /\d{5,}|0000 2222/.test(m.text))).toEqual([]);
  });

  it('when a bound trainee binds again, or someone else claims the same person, the bot refuses', async () => {
    await chat.as('u-li4', '李四').says('绑定 李四 2222');
    expect(texts(await chat.as('u-li4', '李四').says('绑定 李四 2222'))).toEqual(['您已绑定为 李四（城关小学），无需重复绑定。']);
    expect(texts(await chat.as('u-fake', '假李四').says('绑定 李四 2222'))[0]).toContain('已经被另一个账号绑定');
  });

  it('when a tutor binds for a trainee by @mention the trainee can check in afterwards', async () => {
    await chat.as('u-wang5', '王五').says('老师我不会绑定');
    expect(texts(await chat.as('tutor-li', '李老师').says('绑定 @王五 王五 3333'))).toEqual(['已为 王五（实验小学）绑定账号。']);
    const identity = await db.prisma.identity.findUniqueOrThrow({ where: { platform_platformUserId: { platform: 'playground', platformUserId: 'u-wang5' } }, include: { person: true } });
    expect(identity.person.name).toBe('王五');
  });

  it('when a trainee tries to bind someone else the bot refuses', async () => {
    await chat.as('u-wang5', '王五').says('大家好');
    await chat.as('u-li4', '李四').says('绑定 李四 2222');
    expect(texts(await chat.as('u-li4', '李四').says('绑定 @王五 王五 3333'))).toEqual(['抱歉，您没有权限执行这个操作。']);
  });

  it('when help is asked, a trainee sees trainee commands and the tutor also sees tutor commands', async () => {
    await chat.as('u-li4', '李四').says('绑定 李四 2222');
    const trainee = texts(await chat.as('u-li4', '李四').says('帮助'))[0]!;
    const tutor = texts(await chat.as('tutor-li', '李老师').says('帮助'))[0]!;
    expect(trainee).toContain('签到 [口令]');
    expect(trainee).not.toContain('创建课次');
    expect(tutor).toContain('创建课次');
    expect(tutor).not.toContain('授权');
  });

  it('when a county contact grants the tutor role in the group the new tutor may create sessions', async () => {
    await chat.as('u-zhao6', '赵六').says('绑定 赵六 4444');
    expect(texts(await chat.as('contact-wang', '王主任').says('授权 @赵六 辅导老师'))).toEqual(['已授予 赵六「辅导老师」。']);
    const created = texts(await chat.as('u-zhao6', '赵六').says('创建课次 明天 14:00-17:00 学时3 下午实践课'));
    expect(created[0]).toContain('已创建课次「下午实践课」');
    expect(texts(await chat.as('tutor-li', '李老师').says('授权 @赵六 管理员'))).toEqual(['抱歉，您没有权限执行这个操作。']);
  });

  it('when a tutor rejects a leave request the trainee is told privately and counted absent at close', async () => {
    await chat.as('tutor-li', '李老师').says('创建课次 明天 8:30-11:30 学时3');
    await chat.as('u-li4', '李四').says('绑定 李四 2222');
    await chat.as('u-li4', '李四').says('请假：家里有事');
    const decided = await chat.as('tutor-li', '李老师').says('驳回请假 李四 请调课安排');
    expect(decided.map((s) => [s.chat, s.text])).toEqual([
      ['u-li4', '您「11月23日 08:30 课次」的请假未获批准。请调课安排'],
      ['g-math1', '已驳回 李四 的请假（「11月23日 08:30 课次」）。'],
    ]);
    const closing = await chat.at('2026-11-23T12:00:00+08:00');
    const summary = closing.find((s) => s.chat === 'tutor-li' && s.text.includes('考勤汇总'))!.text;
    expect(summary).toContain('❌ 缺勤 7');
    expect(await db.prisma.leaveRequest.findFirst({ where: { person: { name: '李四' } } })).toMatchObject({ status: 'REJECTED', note: '请调课安排' });
  });

  it('when a tutor cancels the next session the group is told, its reminders and close never fire, and 签到 finds nothing', async () => {
    await chat.as('tutor-li', '李老师').says('创建课次 明天 8:30-11:30 学时3');
    await chat.as('u-li4', '李四').says('绑定 李四 2222');
    const pendingBefore = await chat.session.pendingJobs();
    expect(pendingBefore).toBe(5); // open, remind, close, the daily digest and the learning-log reminder
    expect(texts(await chat.as('u-li4', '李四').says('取消课次'))).toEqual(['抱歉，您没有权限执行这个操作。']);
    const cancelled = await chat.as('tutor-li', '李老师').says('取消课次 专家临时有事');
    expect(texts(cancelled)).toEqual(['📢「11月23日 08:30 课次」（11月23日 08:30–11:30）已取消，无需签到。原因：专家临时有事']);
    expect(await chat.session.pendingJobs()).toBe(2);
    expect(await db.prisma.trainingSession.findFirst()).toMatchObject({ status: 'CANCELLED' });
    expect(await chat.at('2026-11-23T12:00:00+08:00')).toEqual([]);
    expect(texts(await chat.as('u-li4', '李四').says('签到'))).toEqual(['目前没有安排课次，无需签到。']);
  });

  it('when a tutor moves the next session its check-in window and jobs move with it and the group is told', async () => {
    await chat.as('tutor-li', '李老师').says('创建课次 明天 8:30-11:30 学时3 迟到15分钟');
    await chat.as('u-li4', '李四').says('绑定 李四 2222');
    expect(texts(await chat.as('tutor-li', '李老师').says('修改课次 明天 下午2点-5点'))).toEqual([
      '📢「11月23日 08:30 课次」时间调整：11月23日 08:30–11:30 改为 11月23日 14:00–17:00，签到时间随之调整。',
    ]);
    expect((await chat.at('2026-11-23T12:00:00+08:00')).map((s) => s.chat)).toEqual(['tutor-li']);
    expect(texts(await chat.as('u-li4', '李四').says('签到'))[0]).toContain('的签到 13:30 开始');
    const afternoon = await chat.at('2026-11-23T14:10:00+08:00');
    expect(afternoon.map((s) => s.time)).toEqual(['2026-11-23T13:30:00+08:00']);
    await chat.as('u-li4', '李四').says('签到');
    expect(texts(await chat.wait(10))).toEqual(['✅ 签到成功 1 人：李四']);
    await chat.at('2026-11-23T14:20:00+08:00');
    await chat.as('u-zhang3', '张三').says('绑定 张三 1111 城关');
    await chat.as('u-zhang3', '张三').says('签到');
    expect(texts(await chat.wait(10))).toEqual(['⏰ 迟到 1 人：张三（20分钟）']);
    expect(texts(await chat.as('tutor-li', '李老师').says('修改课次 后天下午'))[0]).toContain('明天 8:30-11:30');
  });
});
