import type { Catalogue } from '../../../../i18n/index.ts';

// What help shows for the notices commands: usage and a one-line summary.
export const noticesCommands = {
  'commands.broadcast.usage': '通知 [时间] 内容',
  'commands.broadcast.summary': '给班级群发通知，先预览再「确认」；例如：通知 明天 8:00 请带好笔记本',
  'commands.confirm.usage': '确认',
  'commands.confirm.summary': '发送刚才预览的通知',
  'commands.cancelDraft.usage': '取消',
  'commands.cancelDraft.summary': '放弃刚才预览或已安排的通知',
  'commands.openingNotice.usage': '开班通知 班级名称 内容',
  'commands.openingNotice.summary': '把开班通知发到各校群（或班级群）并@被选派的学员，收集「收到」，未确认的自动提醒并上报',
  'commands.ackNotice.usage': '收到',
  'commands.ackNotice.summary': '确认收到开班通知',
  'commands.noticeTally.usage': '确认情况 [班级名称]',
  'commands.noticeTally.summary': '按学校查看开班通知的确认情况（私信发送）',
  'commands.substitution.usage': '换人 原学员 新老师 手机号 原因',
  'commands.substitution.summary': '学校联系人申请替换选派的学员，由县区联系人审批（建议私聊发送）',
  'commands.resend.usage': '补发',
  'commands.resend.summary': '核实对方确实没收到后，把最近通知中「不确定」的消息再发一次',
  'commands.deliveries.usage': '送达情况',
  'commands.deliveries.summary': '查看我最近一条通知和开班通知的送达情况：已送达、失败、不确定的名单',
  'commands.approveSubstitution.usage': '同意换人 原学员',
  'commands.approveSubstitution.summary': '批准换人：名单和待确认的开班通知转给新老师，并通知本人',
  'commands.rejectSubstitution.usage': '驳回换人 原学员 [原因]',
  'commands.rejectSubstitution.summary': '驳回换人申请',
} as const;

declare module '../../../../i18n/index.ts' {
  interface Messages extends Catalogue<typeof noticesCommands> {}
}
