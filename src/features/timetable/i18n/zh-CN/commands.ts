import type { Catalogue } from '../../../../i18n/index.ts';

// What help shows for the timetable commands: usage and a one-line summary.
export const timetableCommands = {
  'commands.cancelSession.usage': '取消课次 [3月6日下午] [原因]',
  'commands.cancelSession.summary': '取消本群当前或下一次课次，或某天上午/下午/全天的课次（群里会收到通知）',
  'commands.changeSession.usage': '修改课次 [3月5日上午] 新时间',
  'commands.changeSession.summary': '调整本群当前或下一次课次的时间，例如：修改课次 明天 9:00-12:00；指定某天的课次：修改课次 3月5日上午 9:00-12:00（群里会收到通知）',
} as const;

declare module '../../../../i18n/index.ts' {
  interface Messages extends Catalogue<typeof timetableCommands> {}
}
