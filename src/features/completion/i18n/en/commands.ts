import type { MessageKey } from '../../../../i18n/index.ts';

// What help shows for the completion commands: usage and a one-line summary.
export const completionCommands = {
  'commands.myCompletion.usage': '我能结业吗',
  'commands.myCompletion.summary': 'whether you can complete the class under its rules, and what is missing (privately)',
  'commands.completionStatus.usage': '结业情况 [class name]',
  'commands.completionStatus.summary': 'who in the class meets the completion rules, who is at risk and why (privately)',
  'commands.hoursCertificate.usage': '证明 [class name]',
  'commands.hoursCertificate.summary': 'your hours certificate for the class, privately (PDF with a serial and a verification QR code)',
  'commands.completionCertificate.usage': '结业证书 [class name]',
  'commands.completionCertificate.summary': 'your completion certificate once the class has ended, privately (PDF with serial and QR code)',
  'commands.revokeCertificate.usage': '撤销证书 serial reason',
  'commands.revokeCertificate.summary': 'revokes a certificate; its verification page then says so (audited)',
  'commands.endClass.usage': '结业 [class name]',
  'commands.endClass.summary': 'ends the class: starts the survey if it has not run, then records who completed and why not, and sends the list to tutors and county contacts',
  'commands.registrationExport.usage': '导出登记表 [class name] [csv]',
  'commands.registrationExport.summary': 'the registration file for the provincial system (XLSX or CSV, columns from the mapping file); ID numbers only for county contacts',
} satisfies Partial<Record<MessageKey, string>>;
