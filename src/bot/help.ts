import { classDays, classDaysLine } from '../features/timetable/timetable.ts';
import { hasAudience } from '../core/permissions.ts';
import type { MessageKey } from '../i18n/index.ts';
import { defineCommand, noArguments, type Command } from '../app/command.ts';
import { SANDBOX_COMMANDS } from '../features/access/sandbox-commands.ts';

/** More lines than this do not go into a group: a tutor's 41-line list would bury the class chat. */
const GROUP_HELP_LINES = 12;

/** The help command lists the commands the asker's role may use (a long list privately, with a pointer in the group); it is given the registry. */
export function helpCommand(all: () => readonly Command<any>[]) {
  return defineCommand({
    id: 'help',
    words: ['帮助', '菜单', '功能', '怎么用', 'help'],
    exactWords: ['?', '？'],
    // 「你都能干啥」「这个机器人怎么用」: asking what the bot does is asking for this list.
    phrases: [
      /^(?:你|您|机器人|研修助手|助手|这个机器人|这个助手)?(?:都|到底|还)?(?:能|会|可以)(?:干|做|帮我做|帮我干|帮忙做|帮我们做)(?:些|点)?(?:啥|什么|哪些)(?:事|事情|工作)?(?:呢|啊|呀)?$/,
      /^(?:这个|这)?(?:机器人|助手|研修助手|bot)(?:该|要)?(?:怎么用|怎么使用|如何使用|咋用|有什么功能|有哪些功能|有啥功能|能干啥|能干什么|能做什么)(?:啊|呀|呢)?$/i,
    ],
    slash: ['help', 'start'],
    audience: ['ANYONE'],
    ...noArguments,
    async run(ctx) {
      const { t } = ctx.app;
      const bound = ctx.actor.person !== null;
      const lines = [t('help.title')];
      const here = ctx.binding?.classId ? classDaysLine(await classDays(ctx.app.db, ctx.binding.classId)) : '';
      if (here) lines.push(t('classInfo.helpLine', { line: here }));
      for (const c of all()) {
        const usable = hasAudience(ctx.actor.grants, bound, c.audience) || (!bound && c.audience.includes('TRAINEE'));
        if (!usable || (ctx.actor.sandbox && !SANDBOX_COMMANDS.has(c.id))) continue;
        lines.push(t('help.line', { usage: t(`commands.${c.id}.usage` as MessageKey), summary: t(`commands.${c.id}.summary` as MessageKey) }));
      }
      lines.push(t('help.footer'));
      if (ctx.message.chat.kind === 'group' && lines.length > GROUP_HELP_LINES) {
        return ctx.sendDetailsPrivately(lines.join('\n'), { sent: 'help.sentPrivately', unreachable: 'help.cannotReachPrivately' });
      }
      await ctx.app.outbox.send({ chat: ctx.message.chat, text: lines.join('\n') });
    },
  });
}
