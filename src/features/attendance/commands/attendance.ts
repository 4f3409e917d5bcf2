import { anomalyLines } from '../checkin-anomalies.ts';
import { findSessionFor } from '../sessions.ts';
import { UserError } from '../../../core/errors.ts';
import { defineCommand, noArguments } from '../../../app/command.ts';
import { managedGroupClass } from '../../../app/managed-class.ts';

export const attendanceCommand = defineCommand({
  id: 'attendance',
  words: ['签到情况', '签到统计', '谁没签到'],
  slash: ['attendance'],
  audience: ['TUTOR', 'COUNTY_CONTACT'],
  where: 'group',
  ...noArguments,
  async run(ctx) {
    const { app } = ctx;
    const classId = await managedGroupClass(ctx);
    const { open } = await findSessionFor(app.db, [classId], app.clock.now());
    if (!open) throw new UserError('session.noOpen');
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
