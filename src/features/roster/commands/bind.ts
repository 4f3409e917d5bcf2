import { z } from 'zod';
import { assertMayBindForOthers, bindAccount } from '../binding.ts';
import { UserError } from '../../../core/errors.ts';
import { argumentTokens, joinName, separateDigits, withoutLabel } from '../../../core/text/grammar.ts';
import { defineCommand } from '../../../app/command.ts';
import { readBind } from '../sentences.ts';

const DIGIT_LABELS = /(?:手机号?码?(?:的)?(?:尾号|后四位|后4位)|电话(?:号码)?(?:尾号|后四位|后4位)|尾号|后四位|后4位|手机号?|电话)(?:是|为)?/g;

const MOBILE = /(?<!\d)1\d{2}[\s-]?\d{4}[\s-]?\d{4}(?!\d)/g;

/**
 * 「张三 1234」「张三，1234」「张三1234」「欧阳 娜娜 1234」「张三 尾号1234」「姓名：张三 手机后四位：1234 城关小学」「张三 13800001234」:
 * the name is everything before the four digits (a Chinese name typed with spaces is joined, so the
 * roster can check it), the school everything after.
 */
function bindArguments(rest: string): { name?: string; last4?: string; school?: string } {
  // The whole mobile number (「13807712046」「138 0771 2046」) is accepted for its last four digits only.
  const tail = rest.replace(MOBILE, (number) => ` ${number.replace(/\D/g, '').slice(-4)} `);
  const text = separateDigits(withoutLabel(tail, ['我是', '我叫', '本人', '姓名', '名字']).replace(DIGIT_LABELS, ' ').replace(/姓名\s*[:：]?/g, ' '));
  const tokens = argumentTokens(text);
  const at = tokens.findIndex((t) => /^\d+$/.test(t));
  if (at < 0) return { name: tokens.length ? joinName(tokens) : undefined };
  return { name: at > 0 ? joinName(tokens.slice(0, at)) : undefined, last4: tokens[at], school: tokens.slice(at + 1).join(' ') || undefined };
}

export const bindCommand = defineCommand({
  id: 'bind',
  words: ['绑定身份', '绑定', '身份绑定', '绑定账号', '我要绑定'],
  sentences: [readBind],
  slash: ['bind'],
  audience: ['ANYONE'],
  parse: (rest, message) => ({ ...bindArguments(rest), targets: message.mentions }),
  args: z.object({
    name: z.string({ error: 'bind.usage' }).min(1, { error: 'bind.usage' }).max(40, { error: 'bind.usage' }),
    last4: z.string({ error: 'bind.usage' }).regex(/^\d{4}$/, { error: 'bind.badLast4' }),
    school: z.string().max(80).optional(),
    targets: z.array(z.object({ id: z.string(), name: z.string() })).max(1, { error: 'bind.oneMention' }),
  }),
  async run(ctx, { name, last4, school, targets }) {
    const target = targets[0];
    if (target) await assertMayBindForOthers(ctx.app, ctx.actor, ctx.binding);
    if (target && target.id === ctx.message.sender.id) throw new UserError('bind.oneMention');
    const result = await bindAccount(ctx.app, ctx.actor, {
      platform: ctx.message.chat.platform,
      account: target ?? ctx.message.sender,
      name,
      phoneLast4: last4,
      school,
      binding: ctx.binding,
    });
    await ctx.reply(target ? 'bind.doneFor' : 'bind.done', result);
  },
});
