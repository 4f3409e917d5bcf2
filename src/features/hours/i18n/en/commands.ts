import type { MessageKey } from '../../../../i18n/index.ts';

// What help shows for the hours commands: usage and a one-line summary.
export const hoursCommands = {
  'commands.hours.usage': '学时',
  'commands.hours.summary': 'see your own training hours (sent privately)',
  'commands.accreditHours.usage': '认定学时 [name]',
  'commands.accreditHours.summary': 'accredit the pending hours of this class (or of one trainee)',
  'commands.rejectHours.usage': '不予认定 name reason',
  'commands.rejectHours.summary': 'reject a trainee\'s pending hours; the reason is sent to them',
  'commands.recordHours.usage': '登记学时 name hours category [level] [note]',
  'commands.recordHours.summary': 'record hours earned elsewhere (e.g. school-based research), pending',
  'commands.writeLog.usage': '日志 text',
  'commands.writeLog.summary': 'write a learning log (pictures or files welcome); converted to hours per the class rule',
  'commands.logRequirement.usage': '日志要求 每周2篇 [每篇0.5学时] [类别个人自修]',
  'commands.logRequirement.summary': 'set the weekly number of learning logs and their hours',
} satisfies Partial<Record<MessageKey, string>>;
