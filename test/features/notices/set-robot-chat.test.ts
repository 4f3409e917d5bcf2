import { describe, expect, it } from 'vitest';
import { freshChatPerTest, texts, threeTraineeSetup } from '../../support/chat.ts';

// Setting a robot up from chat: only county contacts, only privately, only official webhooks;
// every refusal is a polite Chinese reply and stores nothing.

const KEY = '693a91f6-7aaa-4bc4-97a0-0ec2sifa5aaa';
const WECOM = `https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=${KEY}`;

describe('setting a group robot in chat', () => {
  const { chat, db } = freshChatPerTest('pglite', () => ({ at: '2026-11-23T09:00:00+08:00', setup: threeTraineeSetup(), config: { secretKey: 'test-secret-key-of-at-least-32-characters!' } }));
  const contact = () => chat().as('contact-wang', '王主任', { private: true });

  it('when a county contact sends the webhook in a group, the bot warns and stores nothing', async () => {
    const replies = texts(await chat().as('contact-wang', '王主任').says(`设置群机器人 城关小学 企业微信 ${WECOM}`));
    expect(replies).toEqual([expect.stringContaining('设置群机器人请私聊我发送')]);
    expect(replies.join()).not.toContain(KEY);
    expect(await db().prisma.groupRobot.count()).toBe(0);
  });

  it.each([
    [`设置群机器人 城关小学 企业微信 http://169.254.169.254/latest/meta-data?key=${KEY}`, '只接受企业微信官方的 webhook 地址'],
    [`设置群机器人 城关小学 企业微信 https://qyapi.weixin.qq.com.attacker.cn/cgi-bin/webhook/send?key=${KEY}`, '只接受企业微信官方的 webhook 地址'],
    ['设置群机器人 城关小学 钉钉 https://oapi.dingtalk.com/robot/send?access_token=b2c4e6f8a0b2c4e6f8a0', '请使用「加签」安全设置'],
    [`设置群机器人 企业微信 ${WECOM}`, '请写上学校或班级名称'],
    [`设置群机器人 城关小学 ${WECOM}`, '是「企业微信」还是「钉钉」'],
    ['设置群机器人 别的县小学 企业微信 ' + WECOM, '没有找到您可以设置的学校或班级「别的县小学」'],
  ])('when a county contact sends 「%s」 the reply explains and nothing is stored', async (text, expected) => {
    const replies = texts(await contact().says(text));
    expect(replies).toEqual([expect.stringContaining(expected)]);
    expect(replies.join()).not.toContain(KEY);
    expect(await db().prisma.groupRobot.count()).toBe(0);
  });

  it('when the key parameter is percent-encoded (?%6Bey=), the robot is stored under the official spelling and the kept message hides the key', async () => {
    await contact().says(`设置群机器人 城关小学 企业微信 https://qyapi.weixin.qq.com/cgi-bin/webhook/send?%6Bey=${KEY}`);
    expect(await db().prisma.groupRobot.count()).toBe(1);
    const kept = await db().prisma.inboundMessage.findMany({ where: { text: { contains: '设置群机器人' } } });
    expect(kept).toHaveLength(1);
    expect(kept[0]!.text).toContain('?%6Bey=***');
    expect(kept[0]!.text).not.toContain(KEY);
  });

  it('when a tutor tries, the bot refuses politely', async () => {
    const replies = texts(await chat().as('tutor-li', '李老师', { private: true }).says(`设置群机器人 城关小学 企业微信 ${WECOM}`));
    expect(replies).toEqual([expect.stringContaining('没有权限')]);
    expect(await db().prisma.groupRobot.count()).toBe(0);
  });

  it('when set twice the robot is replaced, and 删除 removes it', async () => {
    await contact().says(`设置群机器人 城关小学 企业微信 ${WECOM}`);
    await contact().says(`设置群机器人 城关小学 企业微信 https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=00000000-1111-2222-3333-444444444444`);
    expect(await db().prisma.groupRobot.count()).toBe(1);
    expect(texts(await contact().says('设置群机器人 城关小学 企业微信 删除'))).toEqual(['已删除「城关小学」的企业微信群机器人。']);
    expect(await db().prisma.groupRobot.count()).toBe(0);
  });
});
