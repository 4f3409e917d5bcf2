import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import type { AppEventMap, AppEvents } from '../core/events.ts';
import type { Logger } from '../logger.ts';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

/**
 * Makes the shared events (check-ins) of every process sharing this Redis reach this process's
 * watchers, and this process's reach theirs, over pub/sub on a connection of its own (a subscribed
 * connection can do nothing else). An event is told here at once and published; one coming back
 * from this process is ignored. While Redis is away the watchers here still see this process's
 * events; a publish lost meanwhile is logged once per outage (a reload of the board shows it).
 */
export async function relayEvents(events: AppEvents, url: string, log: Logger, channel = 'yanxiu:events'): Promise<{ close: () => Promise<void> }> {
  const origin = randomUUID();
  const publisher = new Redis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 0, commandTimeout: 1000 });
  const subscriber = new Redis(url, { maxRetriesPerRequest: null });
  let failing = false;
  const quiet = () => undefined;
  publisher.on('error', quiet);
  subscriber.on('error', quiet);
  subscriber.on('message', (_channel: string, raw: string) => {
    try {
      const message = JSON.parse(raw, (_key, value: unknown) => (typeof value === 'string' && ISO_DATE.test(value) ? new Date(value) : value)) as { origin: string; name: keyof AppEventMap; event: never };
      if (message.origin !== origin) events.receive(message.name, message.event);
    } catch {
      // not ours to understand
    }
  });
  await subscriber.subscribe(channel);
  events.relayTo((name, event) => {
    publisher.publish(channel, JSON.stringify({ origin, name, event })).then(
      () => {
        if (failing) log.info('live events reach the other processes again');
        failing = false;
      },
      (error: unknown) => {
        if (!failing) log.warn('live events cannot reach the other processes (Redis); boards on other processes miss them until a reload', { error: String(error) });
        failing = true;
      },
    );
  });
  return {
    close: async () => {
      events.relayTo(() => undefined);
      subscriber.disconnect();
      publisher.disconnect();
    },
  };
}
