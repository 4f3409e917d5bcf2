// What help shows for the completion commands: usage and a one-line summary.
export const completionCommands = {
  'commands.myCompletion.usage': '我能结业吗',
  'commands.myCompletion.summary': '按结业条件看自己目前能否结业，差在哪里（私信）',
  'commands.completionStatus.usage': '结业情况 [班级名称]',
  'commands.completionStatus.summary': '全班谁符合结业条件、谁有风险及原因（私信）',
} as const;
