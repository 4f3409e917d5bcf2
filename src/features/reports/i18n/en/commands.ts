import type { MessageKey } from '../../../../i18n/index.ts';

// What help shows for the reports commands: usage and a one-line summary.
export const reportsCommands = {
  'commands.statistics.usage': '统计 [class name]',
  'commands.statistics.summary': 'attendance, submissions, hours and repeated absences of a class; county contacts get it by school (privately)',
  'commands.export.usage': '导出 [class name] [csv]',
  'commands.export.summary': 'export the hours register, attendance, assignments and totals (Excel, or csv), privately',
} satisfies Partial<Record<MessageKey, string>>;
