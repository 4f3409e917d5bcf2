import { EventEmitter } from 'node:events';

/** What happened inside the bot, for whoever watches: the console's live boards and the metrics. */
export interface AppEventMap {
  'message.in': { platform: string };
  'message.out': { platform: string };
  checkin: { platform: string; classId: number; sessionId: number; personId: number; name: string; status: 'PRESENT' | 'LATE'; at: Date };
}

/** What every process's watchers see, whichever process handled it (relayed when processes share a Redis). */
export const SHARED_EVENTS: readonly (keyof AppEventMap)[] = ['checkin'];

/** A typed event emitter; a failing listener never disturbs the bot. */
export class AppEvents {
  private readonly emitter = new EventEmitter().setMaxListeners(0);
  private relay: (<K extends keyof AppEventMap>(name: K, event: AppEventMap[K]) => void) | undefined;

  /** Hands the shared events emitted here to `publish` too, for the other processes. */
  relayTo(publish: <K extends keyof AppEventMap>(name: K, event: AppEventMap[K]) => void): void {
    this.relay = publish;
  }

  /** An event another process emitted: told to this process's watchers only. */
  receive<K extends keyof AppEventMap>(name: K, event: AppEventMap[K]): void {
    this.emitter.emit(name, event);
  }

  on<K extends keyof AppEventMap>(name: K, listener: (event: AppEventMap[K]) => void): () => void {
    const safe = (event: AppEventMap[K]) => {
      try {
        listener(event);
      } catch {
        // a watcher's problem is not the message's
      }
    };
    this.emitter.on(name, safe);
    return () => this.emitter.off(name, safe);
  }

  emit<K extends keyof AppEventMap>(name: K, event: AppEventMap[K]): void {
    this.emitter.emit(name, event);
    if (this.relay && SHARED_EVENTS.includes(name)) this.relay(name, event);
  }
}
