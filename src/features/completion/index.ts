// 结业 Completion: the rules as data, each trainee's standing live during the class, the warning
// before the last allowed absence; certificates (学时证明, 结业证书) with a public verification page.

export { completionStatusCommand } from './commands/completion-status.ts';
export { myCompletionCommand } from './commands/my-completion.ts';
export { completionCertificateCommand, hoursCertificateCommand } from './commands/certificate.ts';
export { revokeCertificateCommand } from './commands/revoke-certificate.ts';
export { endClassCommand } from './commands/end-class.ts';
export { registrationExportCommand } from './commands/registration-export.ts';
