import { issueLoginCode, LOGIN_CODE_MINUTES } from '../console-accounts.ts';
import { deniedOrTroubled, isQuestion } from '../../../core/text/understand.ts';
import type { SentenceReader } from '../../../core/text/sentence.ts';
import { defineCommand, noArguments } from '../../../app/command.ts';

/**
 * 「我要登录网页后台」「控制台怎么登录，给我个验证码」: 登录 with the console or its code anywhere; a question
 * about logging in asks for it only when it asks for the code or link too. 「登录不上」 is trouble, not this.
 */
const readLogin: SentenceReader = (text, raw) => {
  if (!/登录|登陆/.test(text) || !/网页|后台|控制台|管理端|验证码|登录码|登录链接|网址/.test(text) || deniedOrTroubled(text, '登录')) return null;
  const asks = /给我|发我|发个|发一下|我要|我想|帮我/.test(text);
  return asks || !isQuestion(raw, text) ? { lead: '', rest: '', verbatim: '' } : null;
};

/** 登录: a one-time code and link for the web console, sent privately (never in a group). */
export const consoleLoginCommand = defineCommand({
  id: 'consoleLogin',
  words: ['登录控制台', '登录网页', '登录'],
  sentences: [readLogin],
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
