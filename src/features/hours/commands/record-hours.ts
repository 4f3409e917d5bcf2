import { z } from 'zod';
import { recordManualHours } from '../accreditation.ts';
import type { TrainingLevel } from '../../../core/hours/summarize-hours.ts';
import { hoursReviewClassIds } from '../../../app/reviewer-classes.ts';
import { defineCommand } from '../../../app/command.ts';
import { readRecordHours } from '../sentences.ts';

const LEVEL_WORDS: Record<string, TrainingLevel> = { 国家级: 'NATIONAL', 国培: 'NATIONAL', 省级: 'PROVINCIAL', 省培: 'PROVINCIAL', 市级: 'CITY', 县级: 'COUNTY', 校级: 'SCHOOL', 校本: 'SCHOOL' };

/** 「张三 4 学校研修 [校级] 说明」, or 「张伟 城关小学 4 …」 when a school or class says which 张伟. */
function parseEntry(rest: string) {
  const [name = '', ...after] = rest.split(' ');
  const qualifier = after.length > 2 && !/^\d/.test(after[0]!) ? after.shift() : undefined;
  const [hours = '', category = '', ...more] = after;
  const level = more[0] ? LEVEL_WORDS[more[0]] : undefined;
  return { name: name.replace(/^@/, ''), qualifier, hours: Number(hours.replace(/学时$/, '')), category, level, note: (level ? more.slice(1) : more).join(' ') };
}

export const recordHoursCommand = defineCommand({
  id: 'recordHours',
  words: ['登记学时', '补录学时'],
  sentences: [readRecordHours],
  slash: ['recordhours'],
  audience: ['TUTOR', 'COUNTY_CONTACT'],
  parse: (rest) => parseEntry(rest),
  args: z.object({
    name: z.string().min(1, { error: 'accreditation.recordUsage' }).max(40),
    qualifier: z.string().max(80).optional(),
    hours: z.number({ error: 'accreditation.recordUsage' }).positive({ error: 'accreditation.recordUsage' }).max(200, { error: 'accreditation.tooManyHours' }),
    category: z.string().min(1, { error: 'accreditation.recordUsage' }).max(20),
    level: z.enum(['NATIONAL', 'PROVINCIAL', 'CITY', 'COUNTY', 'SCHOOL']).optional(),
    note: z.string().max(200),
  }),
  async run(ctx, entry) {
    await recordManualHours(ctx.app, ctx.actor, await hoursReviewClassIds(ctx), entry);
    await ctx.reply('accreditation.recorded', { name: entry.name, hours: entry.hours, category: entry.category });
  },
});
