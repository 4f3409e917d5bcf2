import type { Catalogue } from '../../../../i18n/index.ts';

// Live check-in lists, the early close, and help sent privately.
export const live = {
  'live.progress': '✅ 已签到 {done}/{enrolled} 人：{names}',
  'live.more': '…（前面还有 {count} 人）',
  'live.closed': '🔒 签到已结束。',
  'live.cancelled': '🚫 本课次已取消。',
  'checkin.closedEarly': '「{title}」的签到已在 {closed} 结束，现在不能签到了。如有疑问请联系老师。',
  'help.sentPrivately': '命令列表较长，已私信发给您。',
  'help.cannotReachPrivately': '命令列表较长，需要私信发送：请先点下面的按钮私聊我（发一句话即可），再发「帮助」。',
} as const;

declare module '../../../../i18n/index.ts' {
  interface Messages extends Catalogue<typeof live> {}
}
