import { z } from 'zod';
import { findRobotTarget, removeRobot, ROBOT_KIND_NAMES, robotManagerOf, setRobot } from '../robots.ts';
import { UserError } from '../../../core/errors.ts';
import type { RobotKind } from '../../../core/robots/webhook-url.ts';
import { defineCommand } from '../../../app/command.ts';

// 「设置群机器人 城关小学 企业微信 https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…」
// 「设置群机器人 小学数学1班 钉钉 https://oapi.dingtalk.com/robot/send?access_token=… 加签 SEC…」
// 「设置群机器人 城关小学 钉钉 删除」. The words may come in any order; what is left is the name.

const KIND_WORDS: Record<string, RobotKind> = { 企业微信: 'wecom', 企微: 'wecom', wecom: 'wecom', 钉钉: 'dingtalk', dingtalk: 'dingtalk' };
const REMOVE_WORDS = new Set(['删除', '取消', '关闭', '移除']);

function parseRobotArgs(verbatim: string) {
  const tokens = verbatim.replace(/[\u3000]/g, ' ').split(/\s+/).filter(Boolean);
  let kind: RobotKind | undefined;
  let webhook: string | undefined;
  let secret: string | undefined;
  let remove = false;
  const name: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (KIND_WORDS[token.toLowerCase()]) kind = KIND_WORDS[token.toLowerCase()];
    else if (/^https?:\/\//i.test(token)) webhook = token;
    else if (token === '加签' || token === '密钥') secret = tokens[++i];
    else if (token.startsWith('加签')) secret = token.slice(2).replace(/^[:：]/, '');
    else if (/^SEC/.test(token)) secret = token;
    else if (REMOVE_WORDS.has(token)) remove = true;
    else name.push(token);
  }
  return { name: name.join(' ') || undefined, kind, webhook, secret, remove };
}

export const setRobotCommand = defineCommand({
  id: 'setRobot',
  words: ['设置群机器人', '设置机器人', '群机器人'],
  slash: ['robot'],
  audience: ['COUNTY_CONTACT'],
  parse: (_rest, _message, verbatim) => parseRobotArgs(verbatim),
  args: z.object({
    name: z.string().max(80).optional(),
    kind: z.enum(['wecom', 'dingtalk']).optional(),
    webhook: z.string().max(600).optional(),
    secret: z.string().max(200).optional(),
    remove: z.boolean(),
  }),
  async run(ctx, { name, kind, webhook, secret, remove }) {
    // A webhook is a credential: never taken from a group, where everyone has just seen it.
    if (ctx.message.chat.kind === 'group') return ctx.reply('robots.privateOnly');
    if (!name) throw new UserError('robots.targetRequired');
    const target = await findRobotTarget(ctx.app, ctx.actor, name);
    const kindName = kind ? ROBOT_KIND_NAMES[kind] : '';
    if (remove) {
      const removed = await removeRobot(ctx.app, robotManagerOf(ctx.actor), target, kind);
      return ctx.reply(removed ? 'robots.removed' : 'robots.noneRemoved', { target: target.name, kind: kindName });
    }
    if (!kind) throw new UserError('robots.kindRequired');
    if (!webhook) throw new UserError('robots.webhookRequired');
    await setRobot(ctx.app, robotManagerOf(ctx.actor), target, kind, webhook, secret);
    await ctx.reply('robots.set', { target: target.name, kind: kindName });
  },
});
