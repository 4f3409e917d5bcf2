import { z } from 'zod';
import { cancelBroadcast, confirmBroadcast, draftBroadcast } from '../broadcasts.ts';
import { parseDateTime } from '../../../core/time/parse-time-phrase.ts';
import { latestTimetableDraft } from '../../timetable/timetable-drafts.ts';
import { defineCommand, noArguments } from '../../../app/command.ts';
import { cancelTimetable, confirmTimetable } from '../../timetable/commands/set-timetable.ts';

export const broadcastCommand = defineCommand({
  id: 'broadcast',
  words: ['发通知', '通知', '广播'],
  slash: ['broadcast', 'notice'],
  audience: ['TUTOR', 'COUNTY_CONTACT'],
  quietWhenNotPermitted: true,
  parse: (rest, message, verbatim) => {
    const timed = parseDateTime(rest, message.sentAt);
    // The time phrase maps character for character onto the verbatim text, so cut the same length.
    return timed && timed.rest ? { sendAt: timed.at, text: verbatim.slice(verbatim.length - timed.rest.length) } : { text: verbatim };
  },
  args: z.object({ sendAt: z.date().optional(), text: z.string().min(1, { error: 'broadcast.textRequired' }).max(1500, { error: 'broadcast.textTooLong' }) }),
  async run(ctx, { sendAt, text }) {
    const preview = await draftBroadcast(ctx.app, ctx.actor, ctx.binding, text, sendAt, ctx.message.attachments);
    await ctx.app.outbox.send({ chat: ctx.message.chat, text: preview, mentions: ctx.message.chat.kind === 'group' ? [ctx.message.sender] : undefined });
  },
});

export const confirmCommand = defineCommand({
  id: 'confirm',
  words: [],
  exactWords: ['确认', '确认发送', '确定'],
  slash: ['confirm'],
  audience: ['TUTOR', 'COUNTY_CONTACT'],
  quietWhenNotPermitted: true,
  ...noArguments,
  async run(ctx) {
    // 确认 answers the latest preview: a timetable's or a notice's.
    const timetable = await latestTimetableDraft(ctx.app, ctx.actor.person!.id);
    if (timetable) return confirmTimetable(ctx, timetable);
    const { key, params } = await confirmBroadcast(ctx.app, ctx.actor);
    await ctx.reply(key, params);
  },
});

export const cancelDraftCommand = defineCommand({
  id: 'cancelDraft',
  words: [],
  exactWords: ['取消', '取消通知', '不发了'],
  slash: ['cancel'],
  audience: ['TUTOR', 'COUNTY_CONTACT'],
  quietWhenNotPermitted: true,
  ...noArguments,
  async run(ctx) {
    if (await latestTimetableDraft(ctx.app, ctx.actor.person!.id)) return cancelTimetable(ctx);
    await cancelBroadcast(ctx.app, ctx.actor);
    await ctx.reply('broadcast.cancelled');
  },
});
