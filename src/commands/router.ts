import type { Command } from './command.ts';

export interface RouteMatch {
  command: Command<any>;
  rest: string;
  viaSlash: boolean;
}

/** Finds the command a normalised text invokes; Chinese words first, then /slash commands. */
export function matchCommand(commands: readonly Command<any>[], text: string, botUsername?: string): RouteMatch | null {
  if (text.startsWith('/')) {
    const m = /^\/([A-Za-z_]+)(?:@(\S+))?(?:\s+([\s\S]*))?$/.exec(text);
    if (!m) return null;
    const [, name, target, rest] = m;
    if (target && botUsername && target.toLowerCase() !== botUsername.toLowerCase()) return null;
    const command = commands.find((c) => c.slash.includes(name!.toLowerCase()));
    return command ? { command, rest: (rest ?? '').trim(), viaSlash: true } : null;
  }
  let best: RouteMatch | null = null;
  let bestLength = 0;
  for (const command of commands) {
    if (command.exactWords?.includes(text)) return { command, rest: '', viaSlash: false };
    for (const word of command.words) {
      if (word.length > bestLength && text.startsWith(word)) {
        best = { command, rest: text.slice(word.length).trim(), viaSlash: false };
        bestLength = word.length;
      }
    }
  }
  return best;
}

/** True for text containing Chinese characters: group chatter that merely starts with a command word. */
export function hasChinese(text: string): boolean {
  return /[\u3400-\u9FFF]/.test(text);
}
