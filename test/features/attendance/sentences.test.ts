import { beforeEach, describe, expect, it } from 'vitest';
import { TestChat, bindClassOfThree, freshChatPerTest, texts, threeTraineeSetup } from '../../support/chat.ts';
import type { TestDatabase } from '../../support/databases.ts';
import type { SentRecord } from '../../../src/adapters/playground/playground-outbox.ts';
import { jobsOption, schedulerRuns, useTestRedis } from '../../support/redis.ts';

// Attendance requests written as sentences, the way trainees and tutors type them: the verb in the
// middle or at the end, names, days and half-days around it, and the reason or remark left over.
// The class (张三, 李四, 王五) has a morning and an afternoon session each weekday of 11月23日–27日;
// it is Monday 11月23日, just after the morning session closed (张三 checked in, the others did not).

const redis = useTestRedis();

describe.each(schedulerRuns())('requests written as sentences on %s, jobs %s', (kind, jobs) => {
  const ctx = freshChatPerTest(
    kind,
    () => ({ at: '2026-11-22T20:00:00+08:00', setup: threeTraineeSetup(), ...jobsOption(jobs, redis, 'sentences') }),
    async (chat) => {
      await bindClassOfThree(chat);
      await chat.as('tutor-li', '李老师').says('课表 11月23日-11月27日 每天 8:30-11:30 学时3、14:30-17:30 学时3');
      await chat.as('tutor-li', '李老师').says('确认');
      await chat.at('2026-11-23T08:20:00+08:00');
      await chat.as('u-zhang3', '张三').says('签到');
      await chat.at('2026-11-23T11:40:00+08:00');
    },
  );
  let db: TestDatabase;
  let chat: TestChat;
  beforeEach(() => {
    db = ctx.db();
    chat = ctx.chat();
  });
  const tutor = () => chat.as('tutor-li', '李老师');
  const group = (sent: SentRecord[]) => texts(sent.filter((s) => s.chat === 'g-math1'));
  const requests = async () =>
    (await db.prisma.leaveRequest.findMany({ include: { person: true, session: true }, orderBy: { id: 'asc' } })).map((l) => `${l.person.name}|${l.kind}|${l.session.title}|${l.status}|${l.reason}${l.note ? `|${l.note}` : ''}`);
  const morningMarks = async () =>
    Object.fromEntries((await db.prisma.checkIn.findMany({ where: { session: { startsAt: new Date('2026-11-23T00:30:00Z') } }, include: { person: true } })).map((c) => [c.person.name, [c.status, c.remark]]));

  it('when trainees ask leave inside an explanation the leave is filed for the sessions they name, with their reason', async () => {
    const hospital = await chat.as('u-wang5', '王五').says('李老师，我11月25日上午要去医院复查，请假半天');
    expect(group(hospital)).toEqual(['已收到您的请假申请（「11月25日 08:30 课次」11月25日 08:30–11:30），等待辅导老师审批。']);
    const family = await chat.as('u-li4', '李四').says('这周五我请假一天，家里有事');
    expect(group(family)).toEqual(['已收到您的请假申请（「11月27日 08:30 课次」「11月27日 14:30 课次」11月27日 08:30–11:30、11月27日 14:30–17:30），等待辅导老师审批。']);
    expect(await requests()).toEqual([
      '王五|LEAVE|11月25日 08:30 课次|PENDING|去医院复查',
      '李四|LEAVE|11月27日 08:30 课次|PENDING|家里有事',
      '李四|LEAVE|11月27日 14:30 课次|PENDING|家里有事',
    ]);
  });

  it('when trainees name the day as 25号, 11/26 or 全天 around apologies and introductions, the leave covers that day (a whole day both halves) and keeps only the reason', async () => {
    await chat.as('u-wang5', '王五').says('不好意思李老师，25号下午我得请假，学校有期末监考');
    await chat.as('u-li4', '李四').says('请假一天 11/26 陪母亲复查');
    await chat.as('u-zhang3', '张三').says('11月27日全天请假，去市里参加优质课比赛，麻烦您了');
    await chat.as('u-zhang3', '张三').says('老师好\n我是城南小学的张三\n24号上午家里有事需要请假\n谢谢');
    expect(await requests()).toEqual([
      '王五|LEAVE|11月25日 14:30 课次|PENDING|学校有期末监考',
      '李四|LEAVE|11月26日 08:30 课次|PENDING|陪母亲复查',
      '李四|LEAVE|11月26日 14:30 课次|PENDING|陪母亲复查',
      '张三|LEAVE|11月27日 08:30 课次|PENDING|去市里参加优质课比赛',
      '张三|LEAVE|11月27日 14:30 课次|PENDING|去市里参加优质课比赛',
      '张三|LEAVE|11月24日 08:30 课次|PENDING|家里有事',
    ]);
  });

  it('when a trainee who forgot to check in asks 能补签吗 or explains and asks for it, a 补签 request goes to the tutor; 「怎么办」 files nothing', async () => {
    const forgot = await chat.as('u-li4', '李四').says('老师，我刚才忘记签到了，能补签吗');
    expect(group(forgot)).toEqual(['已收到您的补签申请（「11月23日 08:30 课次」11月23日 08:30–11:30），等待辅导老师审批。']);
    expect(forgot.find((s) => s.chat === 'tutor-li')?.text).toContain('李四 申请补签');
    await chat.as('u-wang5', '王五').says('李老师，早上手机没电了，没签上到，人一直在教室，申请补签');
    await chat.as('u-wang5', '王五').says('我忘记签到了怎么办');
    expect(await requests()).toEqual([
      '李四|MAKEUP|11月23日 08:30 课次|PENDING|刚才忘记签到了',
      '王五|MAKEUP|11月23日 08:30 课次|PENDING|手机没电了，没签上到，人一直在教室',
    ]);
  });

  it('when the tutor corrects marks as she says them, the remark is the remark and a fact counts as an order', async () => {
    const late = await tutor().says('把王五的考勤改成迟到，他8点40才到');
    expect(group(late)).toEqual(['已将 王五 在「11月23日 08:30 课次」（11月23日 08:30–11:30）的考勤改为：迟到（备注：他8点40才到）。']);
    await tutor().says('李四上午其实来了，就是忘了签');
    await tutor().says('张三改迟到，手机没电');
    expect(await morningMarks()).toEqual({ 张三: ['LATE', '手机没电'], 李四: ['PRESENT', '就是忘了签'], 王五: ['LATE', '他8点40才到'] });
  });

  it('when the tutor glues the verb to a name and a noun, or puts the name first with a wish, the right request is decided and the remark passed on', async () => {
    await chat.as('u-li4', '李四').says('补签 手机没电了');
    await chat.as('u-wang5', '王五').says('明天请假，孩子发烧');
    const makeup = await tutor().says('同意李四补签');
    expect(group(makeup)).toEqual(['已批准 李四 的补签（「11月23日 08:30 课次」），已记为出勤。']);
    const leave = await tutor().says('王五同意，祝孩子早日康复');
    expect(leave.find((s) => s.chat === 'u-wang5')?.text).toBe('您「11月24日 08:30 课次」的请假已批准。李老师：祝孩子早日康复');
    expect((await requests()).map((r) => r.split('|').slice(0, 4).join('|'))).toEqual(['李四|MAKEUP|11月23日 08:30 课次|APPROVED', '王五|LEAVE|11月24日 08:30 课次|APPROVED', '王五|LEAVE|11月24日 14:30 课次|APPROVED']);
  });

  it('when a name sounds like one on the roster the tutor is asked back, and only her own 「是」 acts on the reading as restated', async () => {
    const asked = await tutor().says('王午改迟到，手机没电');
    expect(group(asked)).toEqual(['您是说王五吗？回复『是』确认，将 王五 的考勤改为：迟到。']);
    expect(await db.prisma.pendingReading.count()).toBe(1);
    expect(await chat.as('u-zhang3', '张三').says('是')).toEqual([]);
    expect((await morningMarks())['王五']).toEqual(['ABSENT', null]);
    expect(group(await tutor().says('是的'))).toEqual(['已将 王五 在「11月23日 08:30 课次」（11月23日 08:30–11:30）的考勤改为：迟到（备注：手机没电）。']);
    expect((await morningMarks())['王五']).toEqual(['LATE', '手机没电']);
    // Said again, 是 has nothing left to confirm.
    expect(await tutor().says('是')).toEqual([]);
  });

  it('when a name is one character off the reading is asked back, and a 「是」 after it expired does nothing', async () => {
    expect(group(await tutor().says('张二 改为缺勤'))).toEqual(['您是说张三吗？回复『是』确认，将 张三 的考勤改为：缺勤。']);
    await chat.at('2026-11-23T11:55:00+08:00');
    expect(await tutor().says('是')).toEqual([]);
    expect((await morningMarks())['张三']).toEqual(['PRESENT', null]);
    expect(await tutor().says('王五改迟到了吗')).toEqual([]);
    expect((await morningMarks())['王五']).toEqual(['ABSENT', null]);
  });

  it('when chatter mentions leave, 补签 or a mark in passing, or asks about them, nothing is filed or changed', async () => {
    const before = await morningMarks();
    for (const line of ['他请假了吗', '明天谁请假', '请假的事回头再说', '补签要找谁呢', '李四上午来了吗', '王五改天再说吧']) {
      expect(await chat.as('u-zhang3', '张三').says(line)).toEqual([]);
    }
    expect(await tutor().says('李四上午来了吗')).toEqual([]);
    expect(await requests()).toEqual([]);
    expect(await morningMarks()).toEqual(before);
  });
});
