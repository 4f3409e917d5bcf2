import path from 'node:path';
import { z } from 'zod';
import { audit } from '../../../app/app.ts';
import { defineCommand } from '../../../app/command.ts';
import { exportScopeFor } from '../../reports/export-scope.ts';
import { writeSheets } from '../../reports/exports.ts';
import { registrationSheet } from '../registration.ts';

export const registrationExportCommand = defineCommand({
  id: 'registrationExport',
  words: ['导出登记表', '登记表', '学时登记表', '报名登记表'],
  slash: ['registration'],
  audience: ['TUTOR', 'SCHOOL_CONTACT', 'COUNTY_CONTACT'],
  parse: (rest) => {
    const words = rest.split(' ').filter(Boolean);
    return { format: words.some((w) => /^csv$/i.test(w)) ? 'csv' : 'xlsx', className: words.filter((w) => !/^(csv|xlsx|excel)$/i.test(w)).join(' ') || undefined };
  },
  args: z.object({ format: z.enum(['csv', 'xlsx']), className: z.string().max(80).optional() }),
  async run(ctx, { format, className }) {
    const { app, actor } = ctx;
    const scope = await exportScopeFor(app, actor, ctx.binding, className);
    const { sheet, withIds } = await registrationSheet(app, actor.grants, scope);
    const files = await writeSheets(app, [sheet], `${scope.title}-登记表`, format);
    await audit(app.db, { personId: actor.person!.id, label: `${actor.platform}:${actor.user.id}` }, 'registration.export', 'Export', null, { classIds: scope.classIds, schoolId: scope.schoolId, format, withIds, rows: sheet.rows.length });
    const attachments = files.map((file) => ({ kind: 'file' as const, name: path.basename(file), localPath: file }));
    const key = withIds ? 'registration.readyWithIds' : 'registration.ready';
    await ctx.sendDetailsPrivately(app.t(key, { title: scope.title, count: sheet.rows.length }), { sent: 'export.sentPrivately', unreachable: 'common.cannotReachPrivately' }, { attachments });
  },
});
