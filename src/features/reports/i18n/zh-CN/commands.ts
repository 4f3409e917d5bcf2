import type { Catalogue } from '../../../../i18n/index.ts';

// What help shows for the reports commands: usage and a one-line summary.
export const reportsCommands = {
  'commands.statistics.usage': '统计 [班级名称]',
  'commands.statistics.summary': '班级的到课率、作业提交率、学时完成情况和连续缺勤名单；县区联系人按学校查看（私信）',
  'commands.export.usage': '导出 [班级名称] [csv]',
  'commands.export.summary': '导出学时登记、出勤、作业和学时汇总（Excel，或加 csv），私信发给您',
} as const;

declare module '../../../../i18n/index.ts' {
  interface Messages extends Catalogue<typeof reportsCommands> {}
}
