import { anomalyLines } from '../checkin-anomalies.ts';
import { findSessionFor } from '../sessions.ts';
import { UserError } from '../../../core/errors.ts';
import { defineCommand, noArguments } from '../../../app/command.ts';
import { managedGroupClass } from '../../../app/managed-class.ts';
import { correctableClassIds } from '../attendance-corrections.ts';
import type { SentenceReader } from '../../../core/text/sentence.ts';

/**
 * 「看下现在的签到情况」「还有哪几个没签到」「现在到了多少人了」「把还没签到的名单发我」: asking for the roll
 * (from someone who may see it; anyone else asking is chatting).
 */
const ROLL = /签到情况|签到统计|(?:哪几个|哪些人?|哪几位|谁|几个人?|多少人)还?没(?:有)?(?:签到|到)|没签到的(?:名单|人|有哪些|都有谁)|(?:到了|来了|签了|签到了)(?:多少|几个)人?|(?:签到|到)的?人数/;
const readRoll: SentenceReader = (text) => (ROLL.test(text) && !/[他她你]|昨天|明天/.test(text) ? { lead: '', rest: '', verbatim: '', weak: true } : null);

export const attendanceCommand = defineCommand({
  id: 'attendance',
  words: ['签到情况', '签到统计', '谁没签到'],
  sentences: [readRoll],
  slash: ['attendance'],
  audience: ['TUTOR', 'COUNTY_CONTACT'],
  ...noArguments,
  async run(ctx) {
    const { app } = ctx;
    // Privately: the classes the sender manages, and after a close the session just closed (the summary
    // a tutor could not be sent privately is fetched this way).
    const isPrivate = ctx.message.chat.kind === 'private';
    const classIds = isPrivate ? await correctableClassIds(app, ctx.actor, null) : [await managedGroupClass(ctx)];
    const found = await findSessionFor(app.db, classIds, app.clock.now());
    const open = found.open ?? (isPrivate ? found.last : null);
    if (!open) throw new UserError(isPrivate ? 'session.noOpenPrivately' : 'session.noOpen');
    const classId = open.classId;
    const enrolled = await app.db.enrolment.findMany({
      where: { classId, status: { in: ['SELECTED', 'CONFIRMED', 'COMPLETED'] } },
      include: { person: { select: { id: true, name: true } } },
    });
    const checked = new Set((await app.db.checkIn.findMany({ where: { sessionId: open.id }, select: { personId: true } })).map((c) => c.personId));
    const names = (list: typeof enrolled) => list.map((e) => e.person.name).join('、') || app.t('common.none');
    const text = app.t('session.attendanceNow', {
      title: open.title,
      done: checked.size,
      enrolled: enrolled.length,
      present: names(enrolled.filter((e) => checked.has(e.person.id))),
      missing: names(enrolled.filter((e) => !checked.has(e.person.id))),
    });
    const flags = await anomalyLines(app, open);
    await ctx.sendDetailsPrivately([text, ...flags].join('\n'), { sent: 'common.sentPrivately', unreachable: 'common.cannotReachPrivately' });
  },
});
