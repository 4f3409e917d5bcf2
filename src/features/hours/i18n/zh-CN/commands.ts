import type { Catalogue } from '../../../../i18n/index.ts';

// What help shows for the hours commands: usage and a one-line summary.
export const hoursCommands = {
  'commands.hours.usage': '学时',
  'commands.hours.summary': '查看自己的培训学时（私信发送）',
  'commands.accreditHours.usage': '认定学时 [姓名]',
  'commands.accreditHours.summary': '认定本班（或某位学员）待认定的学时',
  'commands.rejectHours.usage': '不予认定 姓名 原因',
  'commands.rejectHours.summary': '学员的待认定学时不予认定，原因会私信告诉学员',
  'commands.recordHours.usage': '登记学时 姓名 学时数 类别 [级别] [说明]',
  'commands.recordHours.summary': '为学员补录在其他地方获得的学时（如校本研修），待认定',
  'commands.writeLog.usage': '日志 内容',
  'commands.writeLog.summary': '写研修日志（可附图片或文件），按班级要求换算学时',
  'commands.logRequirement.usage': '日志要求 每周2篇 [每篇0.5学时] [类别个人自修]',
  'commands.logRequirement.summary': '设置本班每周研修日志篇数和换算学时',
} as const;

declare module '../../../../i18n/index.ts' {
  interface Messages extends Catalogue<typeof hoursCommands> {}
}
