import { z } from 'zod';
import { setLogRequirement } from '../learning-logs.ts';
import { defineCommand } from '../../../app/command.ts';
import { managedGroupClass } from '../../../app/managed-class.ts';

const COUNT: Record<string, number> = { 半: 0.5, 一: 1, 两: 2, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7 };
const numberOf = (word: string | undefined) => (word === undefined ? undefined : (COUNT[word.replace(/个$/, '')] ?? Number(word)));

/** 「每周2篇 每篇0.5学时 类别个人自修」「每周至少交2篇，一篇算半个学时」「每周写3篇，每篇1学时，算个人自修」, in any order. */
function parseRule(rest: string) {
  const perWeek = /(?:每周|一周|每星期)\s*(?:至少|最少|要|需)?\s*(?:写|交|提交)?\s*(\d+|[一两二三四五六七])\s*篇?/.exec(rest)?.[1];
  const hours = /(?:每篇|一篇)\s*(?:算|计|记|折合)?\s*(\d+(?:\.\d+)?|半个?|[一两二三])\s*个?学时/.exec(rest)?.[1];
  const category = /类别\s*[:：]?\s*([^\s,，。;；]+)/.exec(rest)?.[1] ?? /(?:算|计入|记为|属于)\s*([\u3400-\u9FFF]{2,6}?)(?:类)?(?=$|[\s,，。;；])/.exec(rest.replace(/(?:每篇|一篇)\s*(?:算|计|记|折合)?\s*\S*?学时/g, ''))?.[1];
  return { perWeek: numberOf(perWeek), hoursPerLog: numberOf(hours) ?? 0, category };
}

export const logRequirementCommand = defineCommand({
  id: 'logRequirement',
  words: ['日志要求', '研修日志要求'],
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
