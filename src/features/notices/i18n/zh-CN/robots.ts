import type { Catalogue } from '../../../../i18n/index.ts';

export const robots = {
  'commands.setRobot.usage': '设置群机器人 学校或班级名称 企业微信|钉钉 webhook地址 [加签 SEC…]（私聊）',
  'commands.setRobot.summary': '给学校或班级设置企业微信/钉钉群机器人：开班通知、通知和提醒同时发到那个群，并按手机号@相关老师；「设置群机器人 名称 删除」取消',
  'robots.label': '{name} {kind}群机器人',
  'robots.set': '✅ 已为「{target}」设置{kind}群机器人。今后开班通知、通知和提醒会同时发到那个群，并按名单手机号@相关老师（每个机器人每分钟最多 20 条，多的会排队）。地址和密钥已加密保存，不会再显示。',
  'robots.removed': '已删除「{target}」的{kind}群机器人。',
  'robots.noneRemoved': '「{target}」没有设置{kind}群机器人。',
  'robots.privateOnly': '⚠️ 设置群机器人请私聊我发送，群里的消息大家都看得到。刚才的地址已经在群里出现，建议在企业微信/钉钉里删除该机器人重新添加，再私聊我设置。',
  'robots.targetRequired': '请写上学校或班级名称，例如：设置群机器人 城关小学 企业微信 https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…',
  'robots.kindRequired': '请写明是「企业微信」还是「钉钉」的群机器人。',
  'robots.webhookRequired': '请附上群机器人的 webhook 地址（在群设置 → 群机器人 → 机器人详情里复制）。',
  'robots.noTarget': '没有找到您可以设置的学校或班级「{name}」。',
  'robots.ambiguousTarget': '「{name}」既是学校又是班级，请在名称后加上「学校」或「班级」再发一次。',
  'robots.webhook.notUrl': '这不是一个网址，请从{kind}群机器人详情里复制完整的 webhook 地址。',
  'robots.webhook.wrongHost': '只接受{kind}官方的 webhook 地址（企业微信 https://qyapi.weixin.qq.com/…，钉钉 https://oapi.dingtalk.com/…）。',
  'robots.webhook.wrongPath': '这个地址不是{kind}群机器人的 webhook，请从机器人详情里复制。',
  'robots.webhook.badCredential': '这个{kind} webhook 地址不完整（缺少 key 或 access_token），请重新复制。',
  'robots.secretRequired': '钉钉机器人请使用「加签」安全设置，并在地址后写上：加签 SEC开头的密钥。',
  'robots.noSecretForWecom': '企业微信群机器人不需要加签密钥，请只发 webhook 地址。',
  'robots.confirmElsewhere': '（此群消息由机器人转发，请在研修群或私聊研修助手回复「收到」）',
  'robots.refused.sign': '⚠️「{robot}」拒收消息：钉钉加签校验失败（密钥不对或已重置）。请私聊我重新「设置群机器人」，附上新的加签密钥。发不出去的消息在「送达情况」里显示为失败。',
  'robots.refused.credential': '⚠️「{robot}」拒收消息：机器人已被移出群或 webhook 已失效。请重新添加机器人后私聊我「设置群机器人」。',
  'robots.refused.other': '⚠️「{robot}」拒收了一条消息，请检查机器人的安全设置（关键词、IP 白名单）后重新设置。',
  'deliveries.removedRobot': '（已删除的群机器人）',
  'robots.consoleTitle': '群机器人',
  'robots.consoleNone': '还没有设置群机器人。',
  'robots.consoleReason.sign': '加签校验失败，请重新设置加签密钥（错误码 {errcode}）',
  'robots.consoleReason.credential': '机器人已被移出群或 webhook 已失效，请重新添加机器人（错误码 {errcode}）',
  'robots.consoleReason.other': '平台拒收，请检查机器人的安全设置（关键词、IP 白名单）（错误码 {errcode}）',
  'robots.consoleLastError': '上次失败：{error}',
  'robots.consoleSaved': '已保存（地址和密钥已加密，不再显示）。',
  'robots.consoleRemoved': '已删除。',
} as const;

declare module '../../../../i18n/index.ts' {
  interface Messages extends Catalogue<typeof robots> {}
}
