import type { MessageKey } from '../../../../i18n/index.ts';

// What help shows for the access commands: usage and a one-line summary.
export const accessCommands = {
  'commands.grantRole.usage': '授权 @someone|name role',
  'commands.grantRole.summary': 'grant a role: 辅导老师, 学校联系人, 县区联系人, 管理员',
  'commands.consoleLogin.usage': '登录',
  'commands.consoleLogin.summary': 'a one-time sign-in code and link for the web console (sent privately)',
} satisfies Partial<Record<MessageKey, string>>;
