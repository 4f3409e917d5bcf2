import type { Catalogue } from '../../../../i18n/index.ts';

// What help shows for the roster commands: usage and a one-line summary.
export const rosterCommands = {
  'commands.bind.usage': '绑定 姓名 手机后四位 [学校]',
  'commands.bind.summary': '把聊天账号绑定到花名册中的自己；辅导老师可「绑定 @某人 姓名 手机后四位」代为绑定',
  'commands.bindGroup.usage': '绑定班级 班级名称',
  'commands.bindGroup.summary': '把本群绑定到一个班级，群里的签到计入该班',
  'commands.createClass.usage': '创建班级 班级名称 [项目名称]',
  'commands.createClass.summary': '新建一个培训班，创建者成为辅导老师（在群里创建会同时绑定本群）',
  'commands.bindSchoolGroup.usage': '绑定学校 [学校名称]',
  'commands.bindSchoolGroup.summary': '学校联系人把本群绑定为本校教师群，开班通知会发到这里',
  'commands.rosterCheck.usage': '核对名单',
  'commands.rosterCheck.summary': '比对班级名单和群成员：谁没进群、谁没绑定、谁不在名单（私信发给老师和县区联系人）',
} as const;

declare module '../../../../i18n/index.ts' {
  interface Messages extends Catalogue<typeof rosterCommands> {}
}
