import { closeSession, findSessionFor } from '../sessions.ts';
import { UserError } from '../../../core/errors.ts';
import { defineCommand, noArguments } from '../../../app/command.ts';
import { managedGroupClass } from '../../../app/managed-class.ts';
import { wordAsClause } from '../../../core/text/sentence.ts';

export const closeSessionCommand = defineCommand({
  id: 'closeSession',
  words: ['结束签到', '结束课次', '关闭签到'],
  sentences: [wordAsClause(['结束签到', '关闭签到', '签到结束', '结束课次'])],
  slash: ['close'],
  audience: ['TUTOR', 'COUNTY_CONTACT'],
  where: 'group',
  ...noArguments,
  async run(ctx) {
    const classId = await managedGroupClass(ctx);
    const { open } = await findSessionFor(ctx.app.db, [classId], ctx.app.clock.now());
    if (!open) throw new UserError('session.noOpen');
    await ctx.app.acks.flushAll();
    await closeSession(ctx.app, open.id, { personId: ctx.actor.person!.id, label: `${ctx.actor.platform}:${ctx.actor.user.id}` });
  },
});
