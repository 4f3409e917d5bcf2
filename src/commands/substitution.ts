import { z } from 'zod';
import { decideSubstitution, requestSubstitution } from '../app/substitutions.ts';
import { defineCommand } from './command.ts';

export const substitutionCommand = defineCommand({
  id: 'substitution',
  words: ['换人', '申请换人'],
  slash: ['substitute'],
  audience: ['SCHOOL_CONTACT', 'COUNTY_CONTACT'],
  quietWhenNotPermitted: true,
  parse: (rest) => {
    const [fromName, toName, toPhone, ...reason] = rest.split(' ');
    return { fromName, toName, toPhone, reason: reason.join(' ').replace(/^(原因|理由)[:：]?/, '').trim() };
  },
  args: z.object({
    fromName: z.string({ error: 'substitution.usage' }).min(1).max(40),
    toName: z.string({ error: 'substitution.usage' }).min(1).max(40),
    toPhone: z.string({ error: 'substitution.usage' }).min(1),
    reason: z.string().min(1, { error: 'substitution.reasonRequired' }).max(200, { error: 'leave.reasonTooLong' }),
  }),
  async run(ctx, args) {
    const result = await requestSubstitution(ctx.app, ctx.actor, args);
    await ctx.reply('substitution.requested', result);
  },
});

const decision = (approve: boolean) =>
  defineCommand({
    id: approve ? 'approveSubstitution' : 'rejectSubstitution',
    words: approve ? ['同意换人', '批准换人'] : ['驳回换人', '不同意换人'],
    slash: [approve ? 'approvesub' : 'rejectsub'],
    audience: ['COUNTY_CONTACT'],
    parse: (rest) => {
      const [name, ...note] = rest.split(' ');
      return { name, note: note.join(' ') || undefined };
    },
    args: z.object({ name: z.string({ error: 'substitution.nameRequired' }).min(1).max(40), note: z.string().max(200).optional() }),
    async run(ctx, { name, note }) {
      const result = await decideSubstitution(ctx.app, ctx.actor, name, approve, note);
      await ctx.reply(approve ? 'substitution.approved' : 'substitution.rejected', result);
    },
  });

export const approveSubstitutionCommand = decision(true);
export const rejectSubstitutionCommand = decision(false);
