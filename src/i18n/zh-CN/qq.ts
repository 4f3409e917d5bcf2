import type { Catalogue } from '../index.ts';

export const qq = {
  'qq.offline': '⚠️ 研修助手与 QQ（NapCat）的连接已断开，正在自动重连。如持续掉线，请检查服务器上的 NapCat 是否在运行、QQ 是否需要重新登录。',
  'qq.backOnline': '✅ 研修助手的 QQ 已重新连上。',
  'qq.riskControl': '⚠️ QQ 暂时限制了研修助手发消息（风控），约 {minutes} 分钟后自动重试。待发的消息都已保存，不会丢失，也不会重复发送。',
  'qq.riskControlOver': '✅ QQ 已恢复发送，暂存的消息正在陆续发出。',
  'qq.tokenRefused': '⚠️ QQ（NapCat）拒绝了研修助手的访问令牌，连接不上。请让管理员核对 ONEBOT_ACCESS_TOKEN 与 NapCat 网络配置里的 token 是否一致；改好后会自动连上。',
  'qq.addFriend': '研修助手没法私聊您，回复没能送到。请先加研修助手为 QQ 好友，再发一次。',
} as const;

declare module '../index.ts' {
  interface Messages extends Catalogue<typeof qq> {}
}
