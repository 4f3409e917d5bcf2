import type { Catalogue } from '../../../../i18n/index.ts';

// What help shows for the attendance commands: usage and a one-line summary.
export const attendanceCommands = {
  'commands.checkin.usage': '签到 [口令]',
  'commands.checkin.summary': '在签到时间内签到（也可以只发「到」）',
  'commands.leave.usage': '请假 原因',
  'commands.leave.summary': '为当前或下一次课请假，等待辅导老师审批',
  'commands.createSession.usage': '创建课次 时间 [学时N] [迟到N分钟] [口令XXXX] [标题]',
  'commands.createSession.summary': '例如：创建课次 明天 8:30-11:30 学时3 迟到10分钟',
  'commands.closeSession.usage': '结束签到',
  'commands.closeSession.summary': '提前结束本群当前课次的签到并生成考勤汇总',
  'commands.approveLeave.usage': '准假 姓名',
  'commands.approveLeave.summary': '批准学员的请假申请',
  'commands.rejectLeave.usage': '驳回请假 姓名 [原因]',
  'commands.rejectLeave.summary': '驳回学员的请假申请',
  'commands.attendance.usage': '签到情况',
  'commands.attendance.summary': '查看本群当前课次谁已签到、谁还没签到（私信发送）',
} as const;

declare module '../../../../i18n/index.ts' {
  interface Messages extends Catalogue<typeof attendanceCommands> {}
}
