import path from 'node:path';
import { z } from 'zod';
import { UserError } from '../../../core/errors.ts';
import { defineCommand, type CommandContext } from '../../../app/command.ts';
import { issueCertificate, type CertificateKind } from '../certificates.ts';

/** The trainee's class: the one named, else this group's, else their latest. */
async function traineeClass(ctx: CommandContext, className: string | undefined): Promise<number> {
  const personId = ctx.actor.person!.id;
  const enrolments = await ctx.app.db.enrolment.findMany({ where: { personId, status: { in: ['SELECTED', 'CONFIRMED', 'COMPLETED'] } }, include: { class: { select: { name: true } } }, orderBy: { id: 'desc' } });
  if (enrolments.length === 0) throw new UserError('completion.notEnrolled');
  const named = className ? enrolments.find((e) => e.class.name === className) : undefined;
  if (className && !named) throw new UserError('certificate.notYourClass', { name: className });
  return (named ?? enrolments.find((e) => e.classId === ctx.binding?.classId) ?? enrolments[0]!).classId;
}

async function sendCertificate(ctx: CommandContext, kind: CertificateKind, className: string | undefined) {
  const { app, actor } = ctx;
  const classId = await traineeClass(ctx, className);
  const { serial, file, record } = await issueCertificate(app, { personId: actor.person!.id, label: `${actor.platform}:${actor.user.id}` }, actor.person!.id, classId, kind);
  const text = app.t(kind === 'HOURS' ? 'certificate.hoursReady' : 'certificate.completionReady', { className: record.className, total: record.total, serial });
  await ctx.sendDetailsPrivately(text, { sent: 'certificate.sentPrivately', unreachable: 'common.cannotReachPrivately' }, { attachments: [{ kind: 'file', name: path.basename(file), localPath: file, mimeType: 'application/pdf' }] });
}

const classArgument = { parse: (rest: string) => ({ className: rest || undefined }), args: z.object({ className: z.string().max(80).optional() }) };

export const hoursCertificateCommand = defineCommand({
  id: 'hoursCertificate',
  words: ['学时证明', '证明', '开学时证明', '开证明'],
  slash: ['proof'],
  audience: ['TRAINEE'],
  ...classArgument,
  run: (ctx, { className }) => sendCertificate(ctx, 'HOURS', className),
});

export const completionCertificateCommand = defineCommand({
  id: 'completionCertificate',
  words: ['结业证书', '结业证', '我的结业证书'],
  slash: ['certificate'],
  audience: ['TRAINEE'],
  ...classArgument,
  run: (ctx, { className }) => sendCertificate(ctx, 'COMPLETION', className),
});
