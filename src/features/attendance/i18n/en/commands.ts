import type { MessageKey } from '../../../../i18n/index.ts';

// What help shows for the attendance commands: usage and a one-line summary.
export const attendanceCommands = {
  'commands.checkin.usage': '签到 [code]',
  'commands.checkin.summary': 'check in during the check-in window (「到」 works too)',
  'commands.leave.usage': '请假 reason',
  'commands.leave.summary': 'ask for leave for the current or next session',
  'commands.createSession.usage': '创建课次 time [学时N] [迟到N分钟] [口令XXXX] [title]',
  'commands.createSession.summary': 'e.g. 创建课次 明天 8:30-11:30 学时3 迟到10分钟',
  'commands.closeSession.usage': '结束签到',
  'commands.closeSession.summary': "close the group's current session now and send the attendance summary",
  'commands.approveLeave.usage': '准假 name',
  'commands.approveLeave.summary': "approve a trainee's leave request",
  'commands.rejectLeave.usage': '驳回请假 name [reason]',
  'commands.rejectLeave.summary': "reject a trainee's leave request",
  'commands.attendance.usage': '签到情况',
  'commands.attendance.summary': "who has and has not checked in for the group's current session (sent privately)",
} satisfies Partial<Record<MessageKey, string>>;
