import type { MessageKey } from '../../../../i18n/index.ts';

export const live = {
  'live.progress': '✅ Checked in {done}/{enrolled}: {names}',
  'live.more': '… ({count} earlier) ',
  'live.closed': '🔒 Check-in has closed.',
  'live.cancelled': '🚫 This session was cancelled.',
  'checkin.closedEarly': 'Check-in for 「{title}」 was closed at {closed}; it is no longer possible to check in. Ask your tutor if in doubt.',
  'help.sentPrivately': 'The list of commands is long; I sent it to you privately.',
  'help.cannotReachPrivately': 'The list of commands is long and goes privately: press the button below to open a chat with me (say anything), then send 「帮助」 again.',
} satisfies Partial<Record<MessageKey, string>>;
