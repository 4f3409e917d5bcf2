import type { Catalogue } from '../../../../i18n/index.ts';

// What help shows for the assignments commands: usage and a one-line summary.
export const assignmentsCommands = {
  'commands.createAssignment.usage': '布置作业 标题 截止时间 [学时2] [图片|文件|链接|文字] [不收迟交] 说明',
  'commands.createAssignment.summary': '给本群的班级布置作业，例如：布置作业 教学设计 11月25日 18:00 学时2 文件 提交一份单元教学设计',
  'commands.submitAssignment.usage': '交作业 [作业标题] 内容',
  'commands.submitAssignment.summary': '提交作业：文字、链接，或先发图片/文件再发「交作业」；截止前可以重新提交',
  'commands.myAssignments.usage': '作业',
  'commands.myAssignments.summary': '查看我的作业和提交情况',
  'commands.assignmentBoard.usage': '作业情况 [作业标题]',
  'commands.assignmentBoard.summary': '本群作业的提交情况：按时、迟交、未交名单（私信）',
  'commands.acceptSubmission.usage': '作业通过 姓名 [作业标题] [意见]',
  'commands.acceptSubmission.summary': '通过学员的作业并计学时，学员会收到通知',
  'commands.returnSubmission.usage': '退回作业 姓名 [作业标题] 意见',
  'commands.returnSubmission.summary': '把作业退回给学员修改，意见会私信发给学员',
} as const;

declare module '../../../../i18n/index.ts' {
  interface Messages extends Catalogue<typeof assignmentsCommands> {}
}
