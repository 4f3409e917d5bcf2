import type { MessageKey } from '../index.ts';

export const jobs = {
  'jobs.scheduleFailed': 'Sorry, the reminders could not be scheduled just now, so nothing was saved. Please try again later.',
  'jobs.broadcastScheduleFailed': 'Sorry, this scheduled notice could not be scheduled just now and has not been sent. Please reply 「确认」 again later.',
} satisfies Partial<Record<MessageKey, string>>;
