import { classInfoLines } from '../class-info.ts';
import { defineCommand, noArguments } from '../../../app/command.ts';
import { classToShow } from './timetable-class.ts';

export const classInfoCommand = defineCommand({
  id: 'classInfo',
  words: ['班级信息', '班级详情', '培训信息', '开班信息'],
  startsSentences: true,
  slash: ['classinfo'],
  audience: ['TRAINEE', 'TUTOR', 'SCHOOL_CONTACT', 'COUNTY_CONTACT'],
  ...noArguments,
  async run(ctx) {
    const lines = await classInfoLines(ctx.app, classToShow(ctx));
    await ctx.app.outbox.send({ chat: ctx.message.chat, text: lines.join('\n') });
  },
});
