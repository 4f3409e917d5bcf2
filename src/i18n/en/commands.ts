import type { MessageKey } from '../index.ts';

export const commands = {
  'commands.help.usage': '帮助',
  'commands.help.summary': 'list the commands you can use',
} satisfies Partial<Record<MessageKey, string>>;
