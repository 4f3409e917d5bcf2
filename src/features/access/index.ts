// 权限 Access: roles and grants (授权), console sign-in codes (登录), the demo sandbox's commands.

export { consoleLoginCommand } from './commands/console-login.ts';
export { grantRoleCommand } from './commands/grant-role.ts';
