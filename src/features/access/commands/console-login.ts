import { issueLoginCode, LOGIN_CODE_MINUTES } from '../console-accounts.ts';
import { defineCommand, noArguments } from '../../../app/command.ts';

/** 登录: a one-time code and link for the web console, sent privately (never in a group). */
export const consoleLoginCommand = defineCommand({
  id: 'consoleLogin',
  words: ['登录控制台', '登录网页', '登录'],
  slash: ['login'],
  audience: ['TUTOR', 'SCHOOL_CONTACT', 'COUNTY_CONTACT', 'ADMIN'],
  ...noArguments,
  async run(ctx) {
    const { app, actor } = ctx;
    const { code, linkToken } = await issueLoginCode(app, actor.person!.id);
    const text = app.t('console.loginCode', { code, minutes: LOGIN_CODE_MINUTES, link: `${app.config.console.url}/console/login/link/${linkToken}` });
    await ctx.sendDetailsPrivately(text, { sent: 'console.loginSentPrivately', unreachable: 'common.cannotReachPrivately' });
  },
});
