import { z } from 'zod';
import { cancelBroadcast, confirmBroadcast, draftBroadcast } from '../broadcasts.ts';
import { parseDateTime } from '../../../core/time/parse-time-phrase.ts';
import { latestTimetableDraft } from '../../timetable/timetable-drafts.ts';
import { defineCommand, noArguments } from '../../../app/command.ts';
import { isQuestion } from '../../../core/text/understand.ts';
import type { SentenceReader } from '../../../core/text/sentence.ts';
import { cancelTimetable, confirmTimetable } from '../../timetable/commands/set-timetable.ts';

const DROP = /(?:^|[\s,，。!！]|算了)(?:取消|撤回|撤销)(?:发送|通知)?(?:$|[\s,，。!！吧])|(?:先|就|暂时|还是)?(?:不发了|别发了?|先不发)/;
/** A 取消 about something else (a session, a check-in, leave) is not the preview's. */
const OTHER_THING = /课|签到|请假|补签|作业|授权|绑定|口令|评价|问卷/;

/**
 * A short answer made of clauses: one is the command (`word`), the others only agreement (`filler`).
 * Weak: with nothing waiting, it stays silent in a group.
 */
function clauseReader(word: RegExp, filler: RegExp): SentenceReader {
  return (text, raw) => {
    if (isQuestion(raw, text) || text.length > 16) return null;
    const clauses = text.split(/[\s,，。!！;；]+/).filter(Boolean);
    if (clauses.length < 2 || !clauses.some((c) => word.test(c)) || !clauses.every((c) => word.test(c) || filler.test(c))) return null;
    return { lead: '', rest: '', verbatim: '', weak: true };
  };
}

export const broadcastCommand = defineCommand({
  id: 'broadcast',
  words: ['发通知', '通知', '广播'],
  // 「通知已经发到各校了」: the word glued to a sentence is talk about a notice, not one to send.
  startsSentences: true,
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
  // 「没问题，确认发送」「确定，发吧」「可以，确认」: the word as a clause of a short answer to the preview.
  sentences: [clauseReader(/^(?:确认|确定)(?:发送|发出|创建|无误)?$/, /^(?:没问题|可以|行|好的?|对|嗯+|ok|发吧|发送吧?|发出去吧?|就这样(?:吧|发吧)?)$/i)],
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
  // 「算了取消，日期写错了」「撤回，不发了」「这条先不发了，我改一下再发」: the preview dropped, the why after it.
  sentences: [
    (text, raw) => {
      if (!DROP.test(text) || OTHER_THING.test(text) || isQuestion(raw, text)) return null;
      return { lead: '', rest: '', verbatim: '', weak: true };
    },
  ],
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
