import { z } from 'zod';
import { classStatistics, countyStatistics } from '../statistics.ts';
import { classesNamed, findManagedClass } from '../../../app/managed-class.ts';
import { classScope } from '../../../app/actor.ts';
import { canManageClass, tutoredClassIds } from '../../../core/permissions.ts';
import { UserError } from '../../../core/errors.ts';
import { classNameArgument } from '../../../core/text/class-name.ts';
import { defineCommand } from '../../../app/command.ts';
import type { SentenceReader } from '../../../core/text/sentence.ts';

/** 「把本班出勤率和作业提交率统计一下」「全县各个班的数据统计发我看看」「两个班的统计都发我」: the group's (or all the sender's) figures. */
const readFigures: SentenceReader = (text) =>
  /(?:出勤|作业|数据|考勤|学时|班)[^,，。；!?？]{0,12}统计(?:一下|下)?(?:都)?(?:发我|发给我|给我|看看|$)/.test(text) && !/吃饭|人数|接龙|[?？吗呢]/.test(text) ? { lead: '', rest: '', verbatim: '' } : null;

export const statisticsCommand = defineCommand({
  id: 'statistics',
  words: ['统计', '数据统计', '班级统计'],
  sentences: [readFigures],
  slash: ['stats'],
  audience: ['TUTOR', 'COUNTY_CONTACT'],
  // 「统计一下人数吧」: no class named, the group's; 「统计 小学数学2班」 that does not exist: said so.
  parse: (rest, _message, verbatim) => {
    const { name, plausible } = classNameArgument(verbatim || rest);
    return { className: name, loose: !plausible };
  },
  args: z.object({ className: z.string().max(80).optional(), loose: z.boolean() }),
  async run(ctx, { className, loose }) {
    const { app, actor } = ctx;
    const send = (text: string) => ctx.sendDetailsPrivately(text, { sent: 'common.sentPrivately', unreachable: 'common.cannotReachPrivately' });
    const named = className && (!loose || (await classesNamed(app.db, className)).length > 0);
    if (named) return send(await classStatistics(app, (await findManagedClass(app, actor, className)).id));
    const here = ctx.binding?.classId;
    if (here) {
      if (!canManageClass(actor.grants, await classScope(app.db, here))) throw new UserError('common.forbidden');
      return send(await classStatistics(app, here));
    }
    if (actor.grants.some((g) => g.role === 'COUNTY_CONTACT' || g.role === 'ADMIN')) return send(await countyStatistics(app, actor.grants));
    const classes = tutoredClassIds(actor.grants);
    if (classes.length === 0) throw new UserError('stats.noClasses');
    await send((await Promise.all(classes.map((id) => classStatistics(app, id)))).join('\n\n'));
  },
});
