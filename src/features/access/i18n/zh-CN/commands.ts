import type { Catalogue } from '../../../../i18n/index.ts';

// What help shows for the access commands: usage and a one-line summary.
export const accessCommands = {
  'commands.grantRole.usage': '授权 @某人|姓名 角色',
  'commands.grantRole.summary': '授予角色：辅导老师、学校联系人、县区联系人、管理员',
  'commands.consoleLogin.usage': '登录',
  'commands.consoleLogin.summary': '获取网页控制台的一次性登录码和登录链接（私信发送）',
} as const;

declare module '../../../../i18n/index.ts' {
  interface Messages extends Catalogue<typeof accessCommands> {}
}
