import type { MessageKey } from '../../../../i18n/zh-CN.ts';

// What help shows for the completion commands: usage and a one-line summary.
export const completionCommands = {
  'commands.myCompletion.usage': '我能结业吗',
  'commands.myCompletion.summary': 'whether you can complete the class under its rules, and what is missing (privately)',
  'commands.completionStatus.usage': '结业情况 [class name]',
  'commands.completionStatus.summary': 'who in the class meets the completion rules, who is at risk and why (privately)',
} satisfies Partial<Record<MessageKey, string>>;
