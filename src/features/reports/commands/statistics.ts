import { z } from 'zod';
import { classStatistics, countyStatistics } from '../statistics.ts';
import { classesNamed, findManagedClass } from '../../../app/managed-class.ts';
import { classScope } from '../../../app/actor.ts';
import { canManageClass, tutoredClassIds } from '../../../core/permissions.ts';
import { UserError } from '../../../core/errors.ts';
import { classNameArgument } from '../../../core/text/class-name.ts';
import { defineCommand } from '../../../app/command.ts';

export const statisticsCommand = defineCommand({
  id: 'statistics',
  words: ['统计', '数据统计', '班级统计'],
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
