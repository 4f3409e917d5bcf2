import { classInfoLines } from '../class-info.ts';
import { defineCommand, noArguments } from '../../../app/command.ts';
import { classToShow } from './timetable-class.ts';

export const classInfoCommand = defineCommand({
  id: 'classInfo',
  words: ['班级信息', '班级详情', '培训信息', '开班信息'],
  // 「培训地点在哪」「培训几号结束」: the class's venue and dates are in its info.
  phrases: [
    /^(?:培训|上课|开班)(?:地点|地址|场地|教室)(?:在|是)?(?:哪|哪里|哪儿|什么地方|哪个地方)?(?:啊|呀|呢)?$/,
    /^(?:这次)?(?:培训|研修|集中培训)(?:是)?(?:什么时候|哪天|几号)(?:开始|结束|到几号)?(?:啊|呀|呢)?$/,
  ],
  startsSentences: true,
  slash: ['classinfo'],
  audience: ['TRAINEE', 'TUTOR', 'SCHOOL_CONTACT', 'COUNTY_CONTACT'],
  ...noArguments,
  async run(ctx) {
    const lines = await classInfoLines(ctx.app, classToShow(ctx));
    await ctx.app.outbox.send({ chat: ctx.message.chat, text: lines.join('\n') });
  },
});
