import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { UserError } from '../../core/errors.ts';
import { canManageClass, type Grant } from '../../core/permissions.ts';
import { localDateOf } from '../../core/timetable/timetable-phrase.ts';
import { classScope } from '../../app/actor.ts';
import { audit, type App, type AuditActor } from '../../app/app.ts';
import { LEVEL_NAMES } from '../reports/exports.ts';
import { certificateLines, renderCertificatePdf, type CertificateRecord } from './certificate-pdf.ts';
import { cjkFont } from './cjk-font.ts';

export type CertificateKind = CertificateRecord['kind'];

// Crockford's base32 without I, L, O, U: 16 characters are 80 random bits, read aloud without doubt.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export function newSerial(): string {
  const chars = [...randomBytes(16)].map((b) => ALPHABET[b % 32]).join('');
  return `YX-${chars.match(/.{4}/g)!.join('-')}`;
}

/** A serial as typed or scanned (lower case, spaces, no dashes) in its printed form, or null. */
export function normalizeSerial(text: string): string | null {
  const bare = text.toUpperCase().replace(/[\s-]/g, '').replace(/^YX/, '');
  if (!/^[0-9A-HJKMNP-TV-Z]{16}$/.test(bare)) return null;
  return `YX-${bare.match(/.{4}/g)!.join('-')}`;
}

const longDay = (d: Date | null) => (d ? `${localDateOf(d).year}年${localDateOf(d).month}月${localDateOf(d).day}日` : '—');
const chinaDay = (d: Date) => longDay(new Date(d.getTime() + 8 * 3600_000));
const round = (n: number) => Math.round(n * 100) / 100;

/** The record a certificate of this trainee and class would show today. */
async function currentRecord(app: App, personId: number, classId: number, kind: CertificateKind): Promise<CertificateRecord> {
  const person = await app.db.person.findUniqueOrThrow({ where: { id: personId }, select: { name: true, school: { select: { name: true } } } });
  const cls = await app.db.trainingClass.findUniqueOrThrow({ where: { id: classId }, include: { project: { include: { region: { select: { name: true } } } } } });
  const records = await app.db.hourRecord.findMany({ where: { personId, projectId: cls.projectId, status: { not: 'REJECTED' } }, select: { category: true, hours: true, status: true } });
  const byCategory = new Map<string, number>();
  for (const r of records) byCategory.set(r.category, (byCategory.get(r.category) ?? 0) + Number(r.hours));
  const sum = (status?: string) => round(records.filter((r) => !status || r.status === status).reduce((s, r) => s + Number(r.hours), 0));
  return {
    kind,
    name: person.name,
    school: person.school?.name ?? '—',
    className: cls.name,
    projectName: cls.project.name,
    projectNumber: cls.project.number,
    level: LEVEL_NAMES[cls.project.level] ?? cls.project.level,
    dates: cls.startsOn || cls.endsOn ? `${longDay(cls.startsOn)} 至 ${longDay(cls.endsOn)}` : '—',
    hours: [...byCategory].map(([category, hours]) => ({ category, hours: round(hours) })),
    total: sum(),
    accredited: sum('ACCREDITED'),
    pending: sum('PENDING'),
    issuer: app.config.certificates.issuer ?? `${cls.project.region?.name ?? ''}教师发展中心`,
    issuedOn: chinaDay(app.clock.now()),
  };
}

// Compared as printed: the database's JSON does not keep key order.
const sameFacts = (a: CertificateRecord, b: CertificateRecord) => a.kind === b.kind && JSON.stringify(certificateLines({ ...a, issuedOn: '' })) === JSON.stringify(certificateLines({ ...b, issuedOn: '' }));

/**
 * The seal image (CERT_SEAL) as bytes, checked before anything is drawn: pdfkit draws PNG and JPEG
 * only, and a missing or other file would otherwise fail deep inside the PDF writer. Undefined when
 * no seal is configured; a refusal the user understands (and a log line naming the file) otherwise.
 */
export function sealImage(app: App): Buffer | undefined {
  const file = app.config.certificates.sealPath;
  if (!file) return undefined;
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    app.log.error('CERT_SEAL cannot be read; certificates cannot be made', { file, error: String(error) });
    throw new UserError('certificate.badSeal');
  }
  const png = bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  const jpeg = bytes[0] === 0xff && bytes[1] === 0xd8;
  if (!png && !jpeg) {
    app.log.error('CERT_SEAL is not a PNG or JPEG image; certificates cannot be made', { file });
    throw new UserError('certificate.badSeal');
  }
  return bytes;
}

export const verifyUrl = (app: App, serial: string) => `${app.config.console.url}/verify/${serial}`;

/**
 * Issues (or re-sends) a trainee's certificate for a class as a PDF under DATA_DIR/certificates. The
 * same facts keep the same serial; changed facts (more hours, an accreditation) get a new one.
 * A 结业证书 needs the class's completion recorded with this trainee completing.
 */
export async function issueCertificate(app: App, actor: AuditActor, personId: number, classId: number, kind: CertificateKind): Promise<{ serial: string; file: string; record: CertificateRecord }> {
  if (kind === 'COMPLETION') {
    const outcome = await app.db.classCompletion.findUnique({ where: { classId_personId: { classId, personId } } });
    if (!outcome) throw new UserError('certificate.notYetCompleted');
    if (!outcome.completed) throw new UserError('certificate.notCompleted', { reasons: outcome.reasons.join('；') });
  }
  const font = await certificateFont(app);
  const seal = sealImage(app);
  const record = await currentRecord(app, personId, classId, kind);
  const earlier = await app.db.certificate.findFirst({ where: { personId, classId, kind, revokedAt: null }, orderBy: { id: 'desc' } });
  let serial: string;
  if (earlier && sameFacts(earlier.data as unknown as CertificateRecord, record)) {
    serial = earlier.serial;
    Object.assign(record, earlier.data);
  } else {
    serial = newSerial();
    await app.db.certificate.create({ data: { serial, kind, personId, classId, data: record as object, issuedAt: app.clock.now() } });
    await audit(app.db, actor, 'certificate.issue', 'Certificate', serial, { kind, personId, classId });
  }
  const pdf = await renderCertificatePdf(record, serial, verifyUrl(app, serial), font, seal);
  const dir = path.join(app.config.dataDir, 'certificates');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${serial}.pdf`);
  writeFileSync(file, pdf);
  return { serial, file, record };
}

/** The font certificates are set in, or the refusal that says none is there (the log says what to install). */
export async function certificateFont(app: App) {
  const font = await cjkFont(app.config.certificates.fontPath, app.log);
  if (!font) throw new UserError('certificate.noFont');
  return font;
}

/** The certificate of a serial as the verification page shows it, or null. */
export async function findCertificate(app: App, serial: string) {
  const normal = normalizeSerial(serial);
  if (!normal) return null;
  const row = await app.db.certificate.findUnique({ where: { serial: normal } });
  return row ? { serial: row.serial, record: row.data as unknown as CertificateRecord, issuedAt: row.issuedAt, revokedAt: row.revokedAt, revokedReason: row.revokedReason } : null;
}

/** 「撤销证书 编号 原因」: by whoever manages the certificate's class; audited; the page then says revoked. */
export async function revokeCertificate(app: App, actor: AuditActor & { grants: Grant[] }, serial: string, reason: string): Promise<{ serial: string; name: string }> {
  const normal = normalizeSerial(serial);
  const row = normal ? await app.db.certificate.findUnique({ where: { serial: normal } }) : null;
  if (!row) throw new UserError('certificate.unknownSerial', { serial });
  if (!canManageClass(actor.grants, await classScope(app.db, row.classId))) throw new UserError('common.forbidden');
  const name = (row.data as unknown as CertificateRecord).name;
  if (row.revokedAt) throw new UserError('certificate.alreadyRevoked', { serial: row.serial });
  await app.db.certificate.update({ where: { id: row.id }, data: { revokedAt: app.clock.now(), revokedReason: reason, revokedById: actor.personId } });
  await audit(app.db, actor, 'certificate.revoke', 'Certificate', row.serial, { reason, personId: row.personId, classId: row.classId });
  return { serial: row.serial, name };
}
