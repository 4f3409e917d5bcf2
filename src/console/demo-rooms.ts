import type { OutboundMessage } from '../core/message.ts';
import type { Outbox } from '../core/ports.ts';
import type { Db } from '../db/client.ts';
import { heldStates, type HeldStates } from '../app/held-state.ts';

// Each visitor of /demo gets a room of their own: a numbered slot with its own group chat, its own
// personas' private chats and its own sandbox class (demo-class.ts), so nobody sees another visitor's
// lines or sessions. Rooms are few and reused: at most `rooms` at a time, each keeping its last
// `lines` lines; a room idle for `idleMs` goes to the next visitor, after its class is wiped. One
// client address holds at most `perAddress` rooms (a page load without the cookie is a new visitor,
// so a script could otherwise take every room): beyond that, or when no room is free, it gets its own
// oldest room back. A newcomer finding all rooms taken gets one idle for `evictableAfterMs`, or is
// asked to come back later, so nobody's room is taken while they are using it.
// Which visitor holds which slot is kept in the database once shared (`share`): another process finds
// the room by its cookie, and a restart keeps it. A room's lines stay with the process that saw them.

/** A persona a visitor can play; `id` is what the page sends. */
export interface DemoPersona {
  id: string;
  name: string;
  tutor: boolean;
}

export const DEMO_PERSONAS: readonly DemoPersona[] = [
  { id: 'demo-tutor', name: '演示老师', tutor: true },
  ...['张伟', '李娜', '王芳', '刘洋', '陈静', '杨磊'].map((name, i) => ({ id: `demo-${i + 1}`, name, tutor: false })),
];

/** The group chat id of a room. */
export const roomGroupId = (slot: number) => `demo-r${slot}`;
/** A persona's account (and private chat) id in a room. */
export const roomPersonaId = (slot: number, personaId: string) => `demo-r${slot}-${personaId.slice('demo-'.length)}`;

/** The room a demo chat belongs to, or null for any other chat. */
export function slotOfChat(chatId: string): number | null {
  const match = /^demo-r(\d+)(?:-|$)/.exec(chatId);
  return match ? Number(match[1]) : null;
}

/** True for the chats of the demo (its rooms' groups and private chats), which never leave the process. */
export const isDemoChat = (chatId: string) => chatId.startsWith('demo-');

export interface FeedItem {
  seq: number;
  chat: string;
  from: string;
  text: string;
  bot: boolean;
  files: string[];
}

/** A feed event: a line, or `null` when the room went to someone else (the page then starts over). */
export type FeedListener = (item: FeedItem | null) => void;

export interface Room {
  slot: number;
  visitor: string;
  /** The client address that opened the room. */
  address: string;
  lastSeen: number;
  lines: FeedItem[];
  listeners: Set<FeedListener>;
  /** The room's class, once its database side is ready (set by whoever opens the room). */
  ready?: Promise<number>;
  /** The slot held an earlier visitor's room: its class must be wiped first. */
  reused: boolean;
}

export interface DemoFeedOptions {
  rooms?: number;
  lines?: number;
  idleMs?: number;
  perAddress?: number;
  evictableAfterMs?: number;
  now?: () => number;
}

interface SharedRoom {
  address: string;
  reused: boolean;
}

/** The demo's rooms and their lines, in memory; also the outbox for every demo chat. */
export class DemoFeed implements Outbox {
  readonly maxRooms: number;
  private readonly maxLines: number;
  private readonly idleMs: number;
  private readonly perAddress: number;
  private readonly evictableAfterMs: number;
  private readonly now: () => number;
  private readonly byVisitor = new Map<string, Room>();
  private readonly bySlot = new Map<number, Room>();
  private readonly usedSlots = new Set<number>();
  private seq = 0;
  private shared: { rooms: HeldStates<SharedRoom>; used: HeldStates<true> } | undefined;

  constructor(options: DemoFeedOptions = {}) {
    this.maxRooms = options.rooms ?? 20;
    this.maxLines = options.lines ?? 200;
    this.idleMs = options.idleMs ?? 30 * 60_000;
    this.perAddress = options.perAddress ?? 3;
    this.evictableAfterMs = options.evictableAfterMs ?? 5 * 60_000;
    this.now = options.now ?? Date.now;
  }

  /** Delivers a bot message to the room its chat belongs to; a message for a room that is gone is dropped. */
  async send(message: OutboundMessage): Promise<void> {
    const slot = slotOfChat(message.chat.id);
    const room = slot === null ? undefined : this.bySlot.get(slot);
    if (!room) return;
    const mentions = message.mentions?.length ? `${message.mentions.map((m) => `@${m.name}`).join(' ')} ` : '';
    this.add(room, { chat: message.chat.id, from: '研修助手', text: mentions + message.text, bot: true, files: (message.attachments ?? []).map((a) => a.name ?? '文件') });
  }

  /** Appends a line to a room (keeping its last lines only) and passes it to the room's listeners. */
  add(room: Room, item: Omit<FeedItem, 'seq'>): void {
    const full = { ...item, seq: ++this.seq };
    room.lines.push(full);
    if (room.lines.length > this.maxLines) room.lines.shift();
    for (const listener of room.listeners) listener(full);
  }

  /** Keeps the rooms in the database from now on, shared with every process using it. */
  share(db: Db): void {
    this.shared ??= { rooms: heldStates<SharedRoom>(db, 'demo-room'), used: heldStates<true>(db, 'demo-slot-used') };
  }

  /** The visitor's live room, or undefined (never had one, or it expired or went to someone else). */
  async roomOf(visitor: string | undefined): Promise<Room | undefined> {
    if (!visitor) return undefined;
    await this.load();
    const room = this.touch(visitor);
    if (room) await this.store(room);
    return room;
  }

  private touch(visitor: string): Room | undefined {
    this.expire();
    const room = this.byVisitor.get(visitor);
    if (room) room.lastSeen = this.now();
    return room;
  }

  /** The visitor's room, opening one for them if they have none; undefined when every room is in use by others. */
  async open(visitor: string, address: string): Promise<Room | undefined> {
    await this.load();
    const room = this.openHere(visitor, address);
    if (room) await this.store(room);
    return room;
  }

  /** Takes in the rooms other processes opened or gave away since (nothing when not shared). */
  private async load(): Promise<void> {
    if (!this.shared) return;
    const now = new Date(this.now());
    const [rooms, used] = await Promise.all([this.shared.rooms.list(now), this.shared.used.list(now)]);
    for (const u of used) this.usedSlots.add(Number(u.key));
    const held = new Map<number, (typeof rooms)[number]>(rooms.map((r) => [Number(r.key), r]));
    // A room here whose slot another process gave to someone else is gone (one not stored yet is not).
    for (const room of [...this.bySlot.values()]) {
      const owner = held.get(room.slot)?.owner;
      if (owner !== undefined && owner !== room.visitor) this.close(room);
    }
    for (const [slot, row] of held) {
      const lastSeen = row.createdAt.getTime();
      const here = this.bySlot.get(slot);
      if (here) {
        here.lastSeen = Math.max(here.lastSeen, lastSeen);
        continue;
      }
      const address = (await this.shared.rooms.get(row.key, now))?.value.address ?? '';
      // Its opener prepared (and, if need be, wiped) its class: here it is only found again.
      const room: Room = { slot, visitor: row.owner, address, lastSeen, lines: [], listeners: new Set(), reused: false };
      this.byVisitor.set(room.visitor, room);
      this.bySlot.set(slot, room);
    }
  }

  private async store(room: Room): Promise<void> {
    if (!this.shared) return;
    const now = new Date(room.lastSeen);
    await this.shared.rooms.put(String(room.slot), room.visitor, { address: room.address, reused: room.reused }, { now, ttlMs: this.idleMs });
    await this.shared.used.put(String(room.slot), 'demo', true, { now, ttlMs: 365 * 24 * 3600_000 });
  }

  private openHere(visitor: string, address: string): Room | undefined {
    const existing = this.touch(visitor);
    if (existing) return existing;
    const leastRecent = (rooms: Room[]) => rooms.reduce((a, b) => (b.lastSeen < a.lastSeen ? b : a));
    const own = [...this.bySlot.values()].filter((r) => r.address === address);
    let slot = 1;
    while (this.bySlot.has(slot)) slot++;
    if (own.length >= this.perAddress || slot > this.maxRooms) {
      // A client at its cap, or holding a room when none is free, gets its own oldest room back.
      const oldest = own.length >= this.perAddress || own.length > 0 ? leastRecent(own) : leastRecent([...this.bySlot.values()]);
      if (oldest.address !== address && oldest.lastSeen > this.now() - this.evictableAfterMs) return undefined;
      this.close(oldest);
      slot = oldest.slot;
    }
    const room: Room = { slot, visitor, address, lastSeen: this.now(), lines: [], listeners: new Set(), reused: this.usedSlots.has(slot) };
    this.usedSlots.add(slot);
    this.byVisitor.set(visitor, room);
    this.bySlot.set(slot, room);
    return room;
  }

  /** The lines of a room a persona sees: the group's and their own private chat's. */
  visibleTo(room: Room, personaId: string, item: FeedItem): boolean {
    return item.chat === roomGroupId(room.slot) || item.chat === roomPersonaId(room.slot, personaId);
  }

  history(room: Room, personaId: string): FeedItem[] {
    return room.lines.filter((item) => this.visibleTo(room, personaId, item));
  }

  /** Listens to a room's lines until the returned function is called or the room closes. */
  subscribe(room: Room, listener: FeedListener): () => void {
    room.listeners.add(listener);
    return () => room.listeners.delete(listener);
  }

  /** How many rooms are open (for tests and metrics). */
  get size(): number {
    return this.bySlot.size;
  }

  private expire(): void {
    const cutoff = this.now() - this.idleMs;
    for (const room of this.bySlot.values()) if (room.lastSeen < cutoff) this.close(room);
  }

  private close(room: Room): void {
    this.bySlot.delete(room.slot);
    this.byVisitor.delete(room.visitor);
    for (const listener of room.listeners) listener(null);
    room.listeners.clear();
  }
}
