import type { Catalogue } from '../index.ts';

export const commands = {
  'commands.help.usage': '帮助',
  'commands.help.summary': '查看可以使用的命令',
} as const;

declare module '../index.ts' {
  interface Messages extends Catalogue<typeof commands> {}
}
