import type { MessageKey } from '../../../../i18n/index.ts';

// What help shows for the assignments commands: usage and a one-line summary.
export const assignmentsCommands = {
  'commands.createAssignment.usage': '布置作业 title due [学时2] [图片|文件|链接|文字] [不收迟交] description',
  'commands.createAssignment.summary': 'set an assignment for this group\'s class',
  'commands.submitAssignment.usage': '交作业 [title] work',
  'commands.submitAssignment.summary': 'hand in work: text, a link, or a picture/file sent just before; resubmit before the cut-off',
  'commands.myAssignments.usage': '作业',
  'commands.myAssignments.summary': 'my assignments and where they stand',
  'commands.assignmentBoard.usage': '作业情况 [title]',
  'commands.assignmentBoard.summary': 'who handed in on time, late, or not at all (privately)',
  'commands.acceptSubmission.usage': '作业通过 name [title] [comment]',
  'commands.acceptSubmission.summary': 'accept a trainee\'s work and credit its hours',
  'commands.returnSubmission.usage': '退回作业 name [title] comment',
  'commands.returnSubmission.summary': 'return work with a comment for the trainee',
} satisfies Partial<Record<MessageKey, string>>;
