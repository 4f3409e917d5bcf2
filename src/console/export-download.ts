import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyReply } from 'fastify';
import { audit, type App } from '../app/app.ts';
import { buildExportSheets, toCsv, writeXlsx, type ExportScope } from '../features/reports/exports.ts';
import { formatChinaDate } from '../core/time/parse-time-phrase.ts';
import { auditActorOf, type ConsoleAccount } from '../features/access/console-accounts.ts';

/** The export workbook (or one sheet as CSV) for a scope, as a download; audited. */
export async function sendExport(app: App, reply: FastifyReply, account: ConsoleAccount, scope: ExportScope, query: { format?: string; sheet?: string }) {
  const { format = 'xlsx', sheet = '0' } = query;
  const sheets = await buildExportSheets(app, scope);
  await audit(app.db, auditActorOf(account), 'export', 'Export', null, { classIds: scope.classIds, schoolId: scope.schoolId, format, via: 'console' });
  const stamp = formatChinaDate(app.clock.now()).replace(/[月日]/g, (c) => (c === '月' ? '-' : ''));
  if (format === 'csv') {
    const chosen = sheets[Number(sheet)] ?? sheets[0]!;
    return download(reply, `${scope.title}-${chosen.name}-${stamp}.csv`, 'text/csv; charset=utf-8', Buffer.from(toCsv(chosen)));
  }
  const dir = await mkdtemp(path.join(tmpdir(), 'yanxiu-export-'));
  try {
    const file = path.join(dir, 'export.xlsx');
    await writeXlsx(sheets, file);
    return download(reply, `${scope.title}-${stamp}.xlsx`, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', await readFile(file));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** A Content-Disposition for a download with a Chinese name (an ASCII stand-in for old clients). */
export function attachmentHeader(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, '_').replace(/"/g, '');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

function download(reply: FastifyReply, filename: string, type: string, body: Buffer) {
  return reply.type(type).header('content-disposition', attachmentHeader(filename)).send(body);
}
