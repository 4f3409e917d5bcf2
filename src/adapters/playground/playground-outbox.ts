import type { OutboundMessage } from '../../core/message.ts';
import type { Clock, Outbox } from '../../core/ports.ts';

export interface SentRecord {
  time: string;
  chat: string;
  kind: 'group' | 'private';
  title?: string;
  text: string;
  mentions?: string[];
  /** Files sent with the message: their names, and where the bot's own files are on disk. */
  files?: { name: string; path?: string }[];
}

/** "2026-11-23T08:55:00+08:00": transcripts show China time with its zone. */
export function chinaIso(d: Date): string {
  return `${new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 19)}+08:00`;
}

/** The playground's outbound side: every message the bot sends becomes a record with the clock's time. */
export class PlaygroundOutbox implements Outbox {
  readonly sent: SentRecord[] = [];

  constructor(
    private readonly clock: Clock,
    private readonly onSend: (record: SentRecord) => void = () => {},
  ) {}

  async send(message: OutboundMessage): Promise<void> {
    const record: SentRecord = { time: chinaIso(this.clock.now()), chat: message.chat.id, kind: message.chat.kind, text: message.text };
    if (message.chat.title) record.title = message.chat.title;
    if (message.mentions?.length) record.mentions = message.mentions.map((m) => m.name);
    if (message.attachments?.length) record.files = message.attachments.map((a) => ({ name: a.name ?? a.kind, ...(a.localPath ? { path: a.localPath } : {}) }));
    this.sent.push(record);
    this.onSend(record);
  }
}
