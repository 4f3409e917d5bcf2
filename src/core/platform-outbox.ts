import type { OutboundMessage } from './message.ts';
import type { Outbox } from './ports.ts';

/** Routes each outbound message to the outbox of its chat's platform (several platforms may run at once). */
export class PlatformOutbox implements Outbox {
  constructor(
    private readonly outboxes: Partial<Record<OutboundMessage['chat']['platform'], Outbox>>,
    private readonly onUnroutable: (message: OutboundMessage) => void,
  ) {}

  async send(message: OutboundMessage): Promise<void> {
    const outbox = this.outboxes[message.chat.platform];
    if (!outbox) return this.onUnroutable(message);
    await outbox.send(message);
  }
}
