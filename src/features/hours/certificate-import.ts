import type { CertificateRow } from '../../core/hours/parse-certificate-csv.ts';
import type { TrainingLevel } from '../../core/hours/summarize-hours.ts';
import { maskPhone } from '../../core/privacy.ts';
import { audit, type App, type AuditActor } from '../../app/app.ts';

/**
 * Imports online-course certificates as hour records (source CERTIFICATE, one per certificate number,
 * so importing the same file again adds nothing). All or nothing: every row must match a person on
 * the roster by phone (and name). Records are pending unless `accredited` (the platform's certificate
 * is itself the accreditation in some regions, e.g. Dali).
 */
export async function importCertificates(app: App, actor: AuditActor, rows: CertificateRow[], options: { level: TrainingLevel; accredited: boolean }) {
  const persons = await app.db.person.findMany({ where: { phone: { in: rows.map((r) => r.phone) } }, select: { id: true, name: true, phone: true } });
  const errors = rows.flatMap((r) => {
    const p = persons.find((x) => x.phone === r.phone);
    if (!p) return [{ line: r.line, message: `第 ${r.line} 行：手机号 ${maskPhone(r.phone)} 不在名单中` }];
    if (p.name !== r.name) return [{ line: r.line, message: `第 ${r.line} 行：手机号 ${maskPhone(r.phone)} 在名单中是「${p.name}」，不是「${r.name}」` }];
    return [];
  });
  if (errors.length) return { ok: false as const, errors };
  const projects = await app.db.project.findMany({ where: { name: { in: rows.map((r) => r.project).filter(Boolean) } }, select: { id: true, name: true } });
  const created = await app.db.hourRecord.createMany({
    data: rows.map((r) => ({
      personId: persons.find((p) => p.phone === r.phone)!.id,
      hours: r.hours,
      level: r.level ?? options.level,
      category: r.category,
      source: 'CERTIFICATE' as const,
      sourceRef: `cert:${r.certificateNo}`,
      projectId: projects.find((p) => p.name === r.project)?.id ?? null,
      earnedOn: r.earnedOn,
      status: options.accredited ? ('ACCREDITED' as const) : ('PENDING' as const),
    })),
    skipDuplicates: true,
  });
  await audit(app.db, actor, 'hours.importCertificates', 'HourRecord', null, { rows: rows.length, created: created.count });
  return { ok: true as const, created: created.count, skipped: rows.length - created.count };
}
