import type { Catalogue } from '../../../../i18n/index.ts';

export const admin = {
  'class.notFound': '没有找到班级「{name}」。',
  'class.ambiguous': '有多个项目都有班级「{name}」（{projects}），请在管理后台或命令行操作。',
  'class.exists': '班级「{name}」已经存在。',
  'class.noProject': '请写上项目名称：创建班级 班级名称 项目名称（您可以使用的项目：{projects}）',
  'class.projectNotFound': '没有找到您可以使用的项目「{name}」（您可以使用的项目：{projects}）。',
  'class.created': '已创建班级「{name}」（{project}），您是辅导老师。',
  'class.createdAndBound': '已创建班级「{name}」（{project}），您是辅导老师，本群已绑定到该班。',
  'class.nameRequired': '请写上班级名称',
  'console.loginCode': '网页控制台登录码：{code}\n{minutes} 分钟内有效，只能用一次；请勿转发给他人。\n也可以直接打开：{link}',
  'console.loginSentPrivately': '登录码已私信发给您。',
  'console.badSessionForm': '请填写日期、开始和结束时间（如 08:30）。',
  'console.needsPerson': '管理员账号不能布置作业，请用辅导老师的账号登录。',
  'console.badAssignmentForm': '请填写作业名称、截止日期和时间。',
  'console.cancelNotScheduled': '这个课次已结束或已取消，不能再取消。',
  'console.cancelNeedsReason': '请填写取消原因（会发到班级群），再按「确认取消并通知班级群」。课次没有取消。',
  'console.cancelNeedsConfirmation': '请按「确认取消并通知班级群」确认。课次没有取消。',
  'console.sessionCancelled': '已取消「{title}」，已通知班级群。',
  'console.noSuchSession': '这个课次不属于本班。',
  'console.noSuchPerson': '没有找到这个手机号的老师，请先导入名单。',
  'role.usage': '请写成「授权 @某人 角色」或「授权 姓名 角色」，角色可以是：辅导老师、学校联系人、县区联系人、管理员',
  'role.unknownRole': '不认识角色「{role}」，可以是：辅导老师、学校联系人、县区联系人、管理员',
  'role.cannotGrant': '您不能授予这个角色。',
  'role.targetNotBound': '{name} 还没有绑定账号，请先让他/她完成绑定。',
  'role.targetNotFound': '没有找到「{name}」。',
  'role.targetAmbiguous': '有多位「{name}」，请用 @ 指定。',
  'role.needsClassGroup': '授予辅导老师请在已绑定班级的群里操作。',
  'role.needsSchool': '{name} 在花名册中没有学校，无法授予这个角色。',
  'role.granted': '已授予 {name}「{role}」。',
  'role.already': '{name} 已经是「{role}」。',
} as const;

declare module '../../../../i18n/index.ts' {
  interface Messages extends Catalogue<typeof admin> {}
}
