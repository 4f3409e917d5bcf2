import type { Catalogue } from '../../../../i18n/index.ts';

// Roster import: the rows a file may not change, and the differences shown before importing.
export const rosterImport = {
  'roster.schoolOutsideProject': '学校所在的{county}不在「{className}」项目的范围内，请由管理员导入',
  'roster.personElsewhere': '手机号 {phone} 已登记为其他县区的教师，不能由您报名到「{className}」；请与该县区联系人核实，或请管理员导入',
  'roster.field.name': '姓名',
  'roster.field.school': '学校',
  'roster.field.subject': '学科',
  'roster.field.stage': '学段',
  'roster.differencesTitle': '{count} 位教师的信息与已有记录不同（左边是记录，右边是名单）：',
  'roster.decision.update': '按名单更新',
  'roster.decision.choice': '按名单更新（勾选才更新，不勾选保留原记录）',
  'roster.decision.choiceKept': '保留原记录（未勾选）',
  'roster.decision.forContact': '保留原记录：辅导老师导入只添加报名，不修改已有教师的信息。导入后这处不同会列给县区联系人或管理员核对更正',
  'roster.decision.outsideScope': '保留原记录：此人不在您的管理范围，只添加报名。导入后这处不同会列给县区联系人或管理员核对更正',
  'roster.decision.holdsRole': '保留原记录：此人担任辅导老师或联系人等角色，导入不修改其信息',
  'roster.fromElsewhere': '第 {lines} 行的教师登记在其他县区；您是管理员，确认导入即为其报名。',
  'roster.imported': '已导入 {persons} 位教师的报名，新建学校 {schools} 所。',
  'roster.updatedCount': '按名单更新了 {count} 位教师的信息。',
  'roster.keptCount': '{count} 位教师的信息与名单不同，保留了原记录。',
  'correctionQueue.notFound': '这条更正已处理，或不在您的管理范围内。',
} as const;

declare module '../../../../i18n/index.ts' {
  interface Messages extends Catalogue<typeof rosterImport> {}
}
