import type { Command } from '../../src/app/command.ts';
import type { App } from '../../src/app/app.ts';
import { commands } from '../../src/bot/registry.ts';
import { MessageHandler } from '../../src/bot/message-handler.ts';
import type { InboundMessage } from '../../src/core/message.ts';

/** What a message reached: the command that ran (or was reached) with its arguments, or `none`. */
export interface Reached {
  intent: string;
  args?: Record<string, unknown>;
}

/**
 * The real message handler over every registered command, each wrapped so that the command a
 * message reaches, what it parsed and the arguments its run got are recorded.
 */
export function recordingHandler(app: App): { handle(message: InboundMessage): Promise<Reached> } {
  const calls: { id: string; args?: unknown; ok?: boolean; parsed?: boolean }[] = [];
  const recorded = commands.map((c): Command<any> => ({
    ...c,
    parse: (rest, message, verbatim) => {
      calls.push({ id: c.id, parsed: true });
      return c.parse(rest, message, verbatim);
    },
    async run(ctx, args) {
      const call = { id: c.id, args };
      calls.push(call);
      await c.run(ctx, args);
      Object.assign(call, { ok: true });
    },
  }));
  const handler = new MessageHandler(app, recorded);
  return {
    async handle(message) {
      calls.length = 0;
      const outcome = await handler.handle(message);
      const done = calls.find((c) => c.ok);
      const reached = outcome === 'ignored' ? undefined : (calls.find((c) => c.args !== undefined) ?? calls.find((c) => c.parsed));
      const hit = done ?? reached;
      return { intent: hit?.id ?? 'none', args: hit?.args as Record<string, unknown> | undefined };
    },
  };
}
