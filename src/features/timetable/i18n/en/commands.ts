import type { MessageKey } from '../../../../i18n/index.ts';

// What help shows for the timetable commands: usage and a one-line summary.
export const timetableCommands = {
  'commands.cancelSession.usage': '取消课次 [3月6日下午] [reason]',
  'commands.cancelSession.summary': "cancel the group's current or next session (the group is told)",
  'commands.changeSession.usage': '修改课次 [3月5日上午] new-time',
  'commands.changeSession.summary': "move the group's current or next session, e.g. 修改课次 明天 9:00-12:00 (the group is told)",
} satisfies Partial<Record<MessageKey, string>>;
