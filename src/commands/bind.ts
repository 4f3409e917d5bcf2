import { z } from 'zod';
import { assertMayBindForOthers, bindAccount } from '../app/binding.ts';
import { UserError } from '../core/errors.ts';
import { defineCommand } from './command.ts';

export const bindCommand = defineCommand({
  id: 'bind',
  words: ['绑定身份', '绑定'],
  slash: ['bind'],
  audience: ['ANYONE'],
  parse: (rest, message) => {
    const [name, last4, ...school] = rest.split(' ').filter(Boolean);
    return { name, last4, school: school.join(' ') || undefined, targets: message.mentions };
  },
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
