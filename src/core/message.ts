// The one message model every platform adapter decodes into and encodes from.

/** `robot`: WeCom and DingTalk group robots, outbound only (the chat id is the robot's id). */
export type Platform = 'playground' | 'telegram' | 'wechat' | 'qq' | 'robot';
export type ChatKind = 'group' | 'private';

export interface ChatRef {
  platform: Platform;
  id: string;
  kind: ChatKind;
  title?: string;
}

export interface UserRef {
  id: string;
  name: string;
}

export interface Attachment {
  kind: 'image' | 'file' | 'link' | 'audio' | 'video' | 'other';
  name?: string;
  url?: string;
  mimeType?: string;
  size?: number;
  platformFileId?: string;
  /** A file the bot made (an export) on this machine's disk, to be uploaded. */
  localPath?: string;
}

/** A place a user shared (Telegram's location message), platform-neutral. */
export interface SharedLocation {
  latitude: number;
  longitude: number;
  /** The radius of uncertainty the device reported, in metres. */
  accuracyMeters?: number;
  /** A live location (updated as the user moves), not a point picked once. */
  live: boolean;
  /** A later position of a live location already shared: acted on only when it checks someone in. */
  update?: boolean;
}

export interface InboundMessage {
  chat: ChatRef;
  sender: UserRef;
  text: string;
  /** People @mentioned in the message, the bot excluded. */
  mentions: UserRef[];
  /** True when the message @mentions the bot or is a reply to it. */
  addressedToBot: boolean;
  attachments: Attachment[];
  /** A shared location, when the message is one. */
  location?: SharedLocation;
  /** Unique per chat on its platform; a message delivered twice carries the same id. */
  messageId: string;
  sentAt: Date;
}

/** A button under a message: it either sends `data` back to the bot or opens `url`. */
export type Button = { label: string; data: string } | { label: string; url: string };

export interface OutboundMessage {
  chat: ChatRef;
  text: string;
  /** People to @mention (adapters that can mention put them in front of the text). */
  mentions?: UserRef[];
  /** Interactive buttons, for platforms that have them; others ignore them. */
  buttons?: Button[];
  /** Files and images to send after the text (on the platform they came from: `platformFileId`). */
  attachments?: Attachment[];
  /**
   * For the delivery log: a message with the same `key` is sent at most once (e.g. one notice per
   * recipient, even when the job that sends it runs twice); `source` groups deliveries for reports.
   */
  delivery?: { key: string; source?: string };
  /**
   * A live message (a check-in list): where the platform can edit what it sent, a message with the
   * same `key` in the same chat replaces the earlier one in place (`final`: the last version, then
   * forgotten; `replaces`: the platform id of the earlier message when known from elsewhere, such as the
   * message whose button was pressed); elsewhere it is sent as a new message.
   */
  live?: { key: string; final?: boolean; replaces?: string };
  /** Goes out before messages queued earlier (an author's receipt is not held behind the notices it reports on). */
  first?: boolean;
  /**
   * A private message answering what the user asked in a group: that group. A platform that cannot
   * reach the user privately may use it (QQ sends a temporary message through it).
   */
  origin?: ChatRef;
}

/** A private chat with a user on a platform: on every platform we serve, its id is the user's id. */
export function privateChatOf(platform: Platform, user: UserRef): ChatRef {
  return { platform, id: user.id, kind: 'private', title: user.name };
}
