import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../../src/logger.ts';
import { freshChatPerTest, texts, threeTraineeSetup, type TestChat } from '../../support/chat.ts';
import { FakeDingtalkRobots, FakeWecomRobots, virtualSenderTime } from '../../support/fake-robots.ts';
import { jobsOption, schedulerRuns, useTestRedis } from '../../support/redis.ts';

// A county's schools receive notices in WeCom and DingTalk groups. A county contact gives 城关小学 a
// WeCom robot and 实验小学 a DingTalk one (with 加签), privately; the opening notice, its reminder
// and broadcasts reach those groups through the delivery log, @ the teachers by roster mobile,
// paced at 20 a minute per robot, and show in 送达情况. No key or secret ever shows again.

const WECOM_KEY = '693a91f6-7aaa-4bc4-97a0-0ec2sifa5aaa';
const DING_TOKEN = 'b2c4e6f8a0b2c4e6f8a0b2c4e6f8a0b2c4e6f8a0';
const DING_SECRET = 'SEC0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcd';
const START = Date.parse('2026-11-23T09:00:00+08:00');
const redis = useTestRedis();

describe.each(schedulerRuns())('group robots on %s, jobs %s', (kind, jobs) => {
  let wecom: FakeWecomRobots;
  let ding: FakeDingtalkRobots;
  let apis = { wecom: '', dingtalk: '' };
  const logLines: string[] = [];
  let time = virtualSenderTime(START);

  beforeEach(async () => {
    time = virtualSenderTime(START);
    wecom = new FakeWecomRobots(time.now);
    ding = new FakeDingtalkRobots(time.now);
    apis = { wecom: await wecom.start(), dingtalk: await ding.start() };
    wecom.addRobot(WECOM_KEY);
    logLines.length = 0;
  });
  afterEach(async () => {
    await wecom.stop();
    await ding.stop();
  });

  const { chat, db } = freshChatPerTest(kind, () => ({
    at: '2026-11-23T09:00:00+08:00',
    setup: threeTraineeSetup(),
    config: { robotApis: apis, secretKey: 'test-secret-key-of-at-least-32-characters!' },
    robots: { time },
    log: createLogger('debug', {}, (line) => logLines.push(line)),
    ...jobsOption(jobs, redis, 'robots'),
  }));
  const contact = () => chat().as('contact-wang', '王主任', { private: true });
  const sent = async (c: TestChat) => c.session.robotDeliveries!.idle(60_000);
  const setUp = async (dingSecret = DING_SECRET) => {
    ding.addRobot(DING_TOKEN, DING_SECRET);
    const replies = [
      ...(await contact().says(`设置群机器人 城关小学 企业微信 ${apis.wecom}/cgi-bin/webhook/send?key=${WECOM_KEY}`)),
      ...(await contact().says(`设置群机器人 实验小学 钉钉 ${apis.dingtalk}/robot/send?access_token=${DING_TOKEN} 加签 ${dingSecret}`)),
    ];
    return texts(replies);
  };

  it('when a county contact sets up robots privately, the opening notice reaches both groups with the teachers @ by mobile, never in the text, and 送达情况 shows it delivered', async () => {
    const setReplies = await setUp();
    expect(setReplies).toEqual([expect.stringContaining('已为「城关小学」设置企业微信群机器人'), expect.stringContaining('已为「实验小学」设置钉钉群机器人')]);
    await contact().says('开班通知 小学数学1班 12月1日8:00到县教师发展中心报到');
    await sent(chat());
    expect(wecom.posts).toEqual([expect.objectContaining({ mobiles: ['13800001111', '13800002222'], text: expect.stringContaining('12月1日8:00到县教师发展中心报到') })]);
    expect(ding.posts).toEqual([expect.objectContaining({ mobiles: ['13800003333'], signed: true })]);
    for (const post of [...wecom.posts, ...ding.posts]) expect(post.text).not.toMatch(/1380000\d{4}/);

    const report = texts(await contact().says('送达情况')).join('\n');
    expect(report).toContain('「小学数学1班」开班通知');
    expect(report).toContain('已送达 2，发送中 0，失败 0，不确定 0');

    // Nothing the bot kept or said shows the key or the secret: replies, database rows, log lines.
    const everything = [
      ...setReplies,
      report,
      ...chat().session.outbox.sent.map((r) => r.text),
      ...logLines,
      JSON.stringify(await db().prisma.groupRobot.findMany()),
      JSON.stringify(await db().prisma.inboundMessage.findMany()),
      JSON.stringify(await db().prisma.auditLog.findMany()),
      JSON.stringify(await db().prisma.delivery.findMany()),
    ].join('\n');
    expect(everything).not.toContain(WECOM_KEY);
    expect(everything).not.toContain(DING_TOKEN);
    expect(everything).not.toContain(DING_SECRET);
    expect(everything).not.toMatch(/1380000[123]\d{3}/);
  });

  it('when some trainees stay silent, the reminder job @ only them in their school robot', async () => {
    await setUp();
    await contact().says('开班通知 小学数学1班 12月1日报到');
    await chat().as('u-zhang3', '张三', { private: true }).says('绑定 张三 1111');
    await chat().as('u-zhang3', '张三', { private: true }).says('收到');
    await chat().at('2026-11-24T09:01:00+08:00');
    await sent(chat());
    expect(wecom.posts.map((p) => p.mobiles)).toEqual([['13800001111', '13800002222'], ['13800002222']]);
    expect(wecom.posts[1]!.text).toContain('还有 1 位老师未确认');
    expect(ding.posts.map((p) => p.mobiles)).toEqual([['13800003333'], ['13800003333']]);
  });

  it('when the DingTalk secret is wrong the robot answers 310000, the delivery fails, 送达情况 names the robot and the contact is told once', async () => {
    await setUp('SECffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff');
    await contact().says('开班通知 小学数学1班 12月1日报到');
    await sent(chat());
    expect(ding.refused.get(310000)).toBe(1);
    expect(ding.posts).toEqual([]);
    const rows = await db().prisma.delivery.findMany({ where: { platform: 'robot' }, orderBy: { id: 'asc' } });
    expect(rows.map((r) => r.status)).toEqual(['SENT', 'FAILED']);
    const told = chat().session.outbox.sent.filter((r) => r.chat === 'contact-wang' && r.text.includes('加签校验失败'));
    expect(told.map((r) => r.text)).toEqual([expect.stringContaining('实验小学 钉钉群机器人')]);
    const report = texts(await contact().says('送达情况')).join('\n');
    expect(report).toContain('失败 1');
    expect(report).toContain('实验小学 钉钉群机器人');
    // A second notice fails again but is not told again.
    await contact().says('开班通知 小学数学1班 改为12月2日报到');
    await sent(chat());
    expect(chat().session.outbox.sent.filter((r) => r.text.includes('加签校验失败'))).toHaveLength(1);
  });

  it('when a tutor sends 45 notices in two bursts the class robot gets all 45, never more than 20 in a minute, and none is refused', async () => {
    await contact().says(`设置群机器人 小学数学1班 企业微信 ${apis.wecom}/cgi-bin/webhook/send?key=${WECOM_KEY}`);
    const tutor = chat().as('tutor-li', '李老师', { private: true });
    const burst = async (from: number, count: number) => {
      for (let i = from; i < from + count; i++) {
        await tutor.says(`通知 第${i}条：明天带好教材`);
        await tutor.says('确认');
      }
    };
    await burst(1, 25);
    await sent(chat());
    await burst(26, 20);
    await sent(chat());
    expect(wecom.posts.map((p) => p.text)).toEqual(Array.from({ length: 45 }, (_, i) => `📢 通知：第${i + 1}条：明天带好教材`));
    expect(wecom.totalRefused()).toBe(0);
    expect(wecom.maxPerMinute(WECOM_KEY)).toBeLessThanOrEqual(20);
    // 45 at 20 a minute cannot all go out within two minutes.
    expect(wecom.posts[44]!.at - wecom.posts[0]!.at).toBeGreaterThanOrEqual(120_000);
    const statuses = await db().prisma.delivery.groupBy({ by: ['status'], where: { platform: 'robot' }, _count: true });
    expect(statuses.map((s) => [s.status, s._count])).toEqual([['SENT', 45]]);
  });
});
