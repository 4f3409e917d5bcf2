import path from 'node:path';
import { z } from 'zod';
import { exportScopeFor } from '../export-scope.ts';
import { writeExport } from '../exports.ts';
import { audit } from '../../../app/app.ts';
import { defineCommand } from '../../../app/command.ts';
import type { SentenceReader } from '../../../core/text/sentence.ts';
import { isQuestion } from '../../../core/text/understand.ts';

/** 「把我们学校老师的学时导出来」「学时表导出一下」: asked for with the verb at the end; what is exported is the asker's scope. */
const readExport: SentenceReader = (text, raw) =>
  /导出(?:来|一下|下|给我|发我)?$|导出(?:来|一下|下)?[,，]/.test(text) && !isQuestion(raw, text) && !/不用|别|不要|没法|不能/.test(text) ? { lead: '', rest: '', verbatim: '' } : null;

export const exportCommand = defineCommand({
  id: 'export',
  words: ['导出', '导出数据', '导出表格'],
  sentences: [readExport],
  slash: ['export'],
  audience: ['TUTOR', 'SCHOOL_CONTACT', 'COUNTY_CONTACT'],
  parse: (rest, _message, verbatim) => {
    const words = (verbatim || rest).split(' ').filter(Boolean);
    const csv = words.some((w) => /^csv$/i.test(w));
    return { format: csv ? 'csv' : 'xlsx', className: words.filter((w) => !/^(csv|xlsx|excel)$/i.test(w)).join(' ') || undefined };
  },
  args: z.object({ format: z.enum(['csv', 'xlsx']), className: z.string().max(80).optional() }),
  async run(ctx, { format, className }) {
    const { app, actor } = ctx;
    const scope = await exportScopeFor(app, actor, ctx.binding, className);
    const files = await writeExport(app, scope, format);
    await audit(app.db, { personId: actor.person!.id, label: `${actor.platform}:${actor.user.id}` }, 'export', 'Export', null, { classIds: scope.classIds, schoolId: scope.schoolId, format });
    const attachments = files.map((file) => ({ kind: 'file' as const, name: path.basename(file), localPath: file }));
    await ctx.sendDetailsPrivately(app.t('export.ready', { title: scope.title, count: files.length }), { sent: 'export.sentPrivately', unreachable: 'common.cannotReachPrivately' }, { attachments });
  },
});
