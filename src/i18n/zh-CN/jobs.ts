import type { Catalogue } from '../index.ts';

export const jobs = {
  'jobs.scheduleFailed': '抱歉，系统暂时无法安排提醒，这次操作没有保存，请稍后再试。',
  'jobs.broadcastScheduleFailed': '抱歉，系统暂时无法安排这条定时通知，它还没有发出，请稍后再回复「确认」。',
} as const;

declare module '../index.ts' {
  interface Messages extends Catalogue<typeof jobs> {}
}
