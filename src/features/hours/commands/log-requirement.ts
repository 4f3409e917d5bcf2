import { z } from 'zod';
import { setLogRequirement } from '../learning-logs.ts';
import { defineCommand } from '../../../app/command.ts';
import { managedGroupClass } from '../../../app/managed-class.ts';

/** 「每周2篇 每篇0.5学时 类别个人自修」, in any order. */
function parseRule(rest: string) {
  const perWeek = /每周\s*(\d+)\s*篇?/.exec(rest)?.[1];
  const hours = /每篇\s*(\d+(?:\.\d+)?)\s*学时/.exec(rest)?.[1];
  const category = /类别\s*(\S+)/.exec(rest)?.[1];
  return { perWeek: perWeek === undefined ? undefined : Number(perWeek), hoursPerLog: hours === undefined ? 0 : Number(hours), category };
}

export const logRequirementCommand = defineCommand({
  id: 'logRequirement',
  words: ['日志要求'],
  slash: ['logrule'],
  audience: ['TUTOR', 'COUNTY_CONTACT'],
  where: 'group',
  parse: (rest) => parseRule(rest),
  args: z.object({
    perWeek: z.number({ error: 'log.ruleUsage' }).int().min(0).max(14),
    hoursPerLog: z.number().min(0).max(10),
    category: z.string().max(20).optional(),
  }),
  async run(ctx, rule) {
    await setLogRequirement(ctx.app, ctx.actor, await managedGroupClass(ctx), rule);
    const weekday = '一二三四五六日'[ctx.app.config.logReminderWeekday - 1]!;
    await ctx.reply(rule.perWeek ? 'log.ruleSet' : 'log.ruleCleared', { perWeek: rule.perWeek, hours: rule.hoursPerLog, category: rule.category ?? '个人自修', weekday });
  },
});
