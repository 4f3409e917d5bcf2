import { z } from 'zod';
import { findManagedClass } from '../../../app/managed-class.ts';
import { classNameArgument } from '../../../core/text/class-name.ts';
import { confirmNotices, noticeTally, sendOpeningNotice } from '../opening-notices.ts';
import { defineCommand, noArguments } from '../../../app/command.ts';
import { namedOrGroupClass } from '../../../app/managed-class.ts';

export const openingNoticeCommand = defineCommand({
  id: 'openingNotice',
  words: ['开班通知'],
  slash: ['opening'],
  audience: ['COUNTY_CONTACT', 'TUTOR'],
  // The class as typed (brackets and quotes kept), then the notice in the sender's own punctuation.
  parse: (rest, _message, verbatim) => {
    const [className] = (verbatim || rest).split(/\s+/);
    return { className: className || undefined, text: verbatim.slice((className ?? '').length).trim() };
  },
  args: z.object({
    className: z.string({ error: 'notice.classRequired' }).min(1).max(80),
    text: z.string().min(1, { error: 'notice.textRequired' }).max(1500, { error: 'broadcast.textTooLong' }),
  }),
  async run(ctx, { className, text }) {
    const cls = await findManagedClass(ctx.app, ctx.actor, className);
    // The receipt goes out before the notices it reports on, even when hundreds are queued.
    await sendOpeningNotice(ctx.app, ctx.actor, cls.id, text, (counts) =>
      ctx.reply('notice.sent', { ...counts, privately: counts.privately ? ctx.app.t('notice.sentPrivately', { count: counts.privately }) : '' }, { first: true }),
    );
  },
});

const ACK = '(?:已经?|都)?(?:收到|收悉|知悉|阅)(?:了|啦)?(?:开班)?(?:通知)?|确认(?:收到|参加)(?:开班)?(?:通知)?|明白(?:了|啦)?|知道(?:了|啦)|了解(?:了|啦)?';
const ASKING = '吗|么|呢|嘛|哪|啥|几|谁|是否|要不要|能不能|请问';

export const ackNoticeCommand = defineCommand({
  id: 'ackNotice',
  // 「收到，准时参加」「已知悉」「确认参加」; glued to more words (「收到的请回复」) it is chatter.
  words: ['收到', '已收到', '收到通知', '已收到通知', '收悉', '已收悉', '知悉', '已知悉', '确认参加', '确认收到', '准时参加', '保证参加'],
  exactWords: ['确认', '明白', '了解', '知道了', '已阅', '已读', '按时参加'],
  // 「知道了，会准时去的」「收到收到，已经跟学校请好假了」「确认收到开班通知，保证按时参训」: the acknowledgement
  // first (said once or twice), then anything that is not a question about the class.
  phrases: [new RegExp(`^(?:${ACK})(?:[\\s,.!，。！]*(?:${ACK}|好的|嗯+|ok))*(?:[\\s,.!，。！]+(?!.*(?:${ASKING}))(?<rest>[^?？]+))$`, 'i')],
  slash: ['ack'],
  audience: ['TRAINEE'],
  startsSentences: true,
  quietWhenNotPermitted: true,
  ...noArguments,
  async run(ctx) {
    const confirmed = await confirmNotices(ctx.app, ctx.actor.person!.id);
    // 收到 is said all day in class groups: with nothing to confirm, the bot stays quiet there unless asked.
    if (confirmed === 0) {
      if (ctx.message.chat.kind === 'private' || ctx.message.addressedToBot) await ctx.reply('notice.nothingToConfirm');
      return;
    }
    if (ctx.message.chat.kind === 'group') await ctx.app.acks.add(ctx.message.chat, { name: ctx.actor.person!.name, status: 'CONFIRMED' });
    else await ctx.reply('notice.confirmed');
  },
});

export const noticeTallyCommand = defineCommand({
  id: 'noticeTally',
  words: ['确认情况', '通知确认情况'],
  // 「开班通知的确认情况发我一下」: the tally named inside a request.
  phrases: [/^(?:把)?(?:开班)?通知的?确认情况(?:发我|发给我|给我|看看|看下|看一下|发)+(?:一下|下)?(?:吧)?$/],
  slash: ['tally'],
  audience: ['COUNTY_CONTACT', 'TUTOR'],
  parse: (rest, _message, verbatim) => ({ className: classNameArgument(verbatim || rest).name }),
  args: z.object({ className: z.string().max(80).optional() }),
  async run(ctx, { className }) {
    const classId = await namedOrGroupClass(ctx, className);
    await ctx.sendDetailsPrivately(await noticeTally(ctx.app, classId), { sent: 'common.sentPrivately', unreachable: 'common.cannotReachPrivately' });
  },
});
