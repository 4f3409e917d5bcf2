import type { Catalogue } from '../index.ts';

// What the bot says when a message is about a command rather than the command itself.
export const understanding = {
  'understanding.about': '{summary}：请发「{usage}」。发「帮助」可查看全部功能。',
  'understanding.aboutBot': '我是研修助手，可以帮您签到、请假、查学时、确认通知等。发「帮助」可查看全部功能。',
  'understanding.hint': '您是要{word}吗？请发「{word}」。',
  'understanding.didYouMean': '您是说{names}吗？回复『是』确认{reading}。',
  'understanding.readingAction': '，将{action}：{name}',
} as const;

declare module '../index.ts' {
  interface Messages extends Catalogue<typeof understanding> {}
}
