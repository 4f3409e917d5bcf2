import type { MessageKey } from '../../../../i18n/index.ts';

export const demo = {
  'demo.commandNotInDemo': 'That command is not available in the demo group. Try 签到, 请假 家中有事, 学时, 帮助; the demo tutor can send 创建课次 今天 8:30-11:30 学时3, 签到情况, 结束签到.',
  'demo.outsideDemo': 'Demo personas can act only in their own demo class, not in other classes or groups.',
  'demo.badRequest': 'Choose a persona and type a message.',
  'demo.allRoomsBusy': 'Every demo room is in use; please open this page again in a few minutes.',
  'demo.sessionOutOfRange': 'The demo only takes sessions from today to {days} days ahead.',
  'demo.tooManySessions': 'A demo room holds at most {max} sessions; try check-in with one you made.',
  'demo.roomGone': 'This demo room has expired; reload the page to start again.',
} satisfies Partial<Record<MessageKey, string>>;
