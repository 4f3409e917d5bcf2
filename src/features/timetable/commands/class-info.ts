import { classInfoLines } from '../class-info.ts';
import { defineCommand, noArguments } from '../../../app/command.ts';
import { classToShow } from './timetable-class.ts';

const CLASS = '(?:这次|这个|本次|咱们|我们)?(?:培训|研修|集中培训|班)';
const ASPECT = '(?:一共|总共)?(?:几天|多少天)|(?:哪天|几号|什么时候)(?:开始|结束|开班|结业)|时间地点|地点|地址|在哪|时间|日期';
const ASKED = '吗|呢|哪|几|什么|多少|请问|[?？]';

export const classInfoCommand = defineCommand({
  id: 'classInfo',
  words: ['班级信息', '班级详情', '培训信息', '开班信息'],
  // 「培训地点在哪」「培训几号结束」: the class's venue and dates are in its info.
  phrases: [
    /^(?:培训|上课|开班)(?:地点|地址|场地|教室)(?:在|是)?(?:哪|哪里|哪儿|什么地方|哪个地方)?(?:啊|呀|呢)?$/,
    /^(?:这次)?(?:培训|研修|集中培训)(?:是)?(?:什么时候|哪天|几号)(?:开始|结束|到几号)?(?:啊|呀|呢)?$/,
    // 「培训一共几天，在哪里上」「这个班哪天结束」「请问这次培训的时间地点」: the class's dates and venue asked
    // about in any order (a question or 请问), never its sessions (课, which the timetable answers).
    new RegExp(`^(?=[^]*(?:${ASKED}))(?![^]*课)(?:请问)?${CLASS}(?:的)?(?:${ASPECT})[^]*$`),
    // 「开班信息发一下，我转给学校」「培训信息再发一遍吧」: the information asked for again.
    /^(?:开班|培训|班级)信息(?:再|重新)?(?:发|转)(?:一下|一遍|一次|下|我|给我|群里)?(?:吧|呗)?(?:[,，。\s]+[^?？]{0,16})?$/,
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
