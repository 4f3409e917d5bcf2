import { checkRosterAgainstGroup } from '../roster-check.ts';
import { defineCommand, noArguments } from '../../../app/command.ts';
import { managedGroupClass } from '../../../app/managed-class.ts';
import { readRosterCheck } from '../sentences.ts';

export const rosterCheckCommand = defineCommand({
  id: 'rosterCheck',
  words: ['核对名单', '核对群成员'],
  sentences: [readRosterCheck],
  slash: ['rostercheck'],
  audience: ['TUTOR', 'COUNTY_CONTACT'],
  where: 'group',
  ...noArguments,
  async run(ctx) {
    const classId = await managedGroupClass(ctx);
    await checkRosterAgainstGroup(ctx.app, ctx.message.chat, classId);
    await ctx.reply('rosterCheck.sent');
  },
});
