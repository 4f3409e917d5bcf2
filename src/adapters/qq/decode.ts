import type { Attachment, InboundMessage, UserRef } from '../../core/message.ts';
import { parseCq } from './cq-code.ts';
import type { MessageEvent, Segment, Sender } from './onebot-types.ts';

/** What decoding needs to ask the QQ side (cached by the adapter). */
export interface QqLookups {
  selfId: string;
  groupTitle(groupId: string): Promise<string | undefined>;
  memberName(groupId: string, userId: string): Promise<string | undefined>;
  /** True when the message with this id was sent by the bot (a reply to it addresses the bot). */
  isOwnMessage(messageId: string): Promise<boolean>;
}

/** A QQ user's name as the group knows them: the group card first, then the nickname. */
export function qqName(sender: Pick<Sender, 'card' | 'nickname'> | undefined, fallback: string): string {
  return sender?.card?.trim() || sender?.nickname?.trim() || fallback;
}

/** The segments of an event, whichever format the implementation posts. */
export function segmentsOf(event: Pick<MessageEvent, 'message'>): Segment[] {
  return typeof event.message === 'string' ? parseCq(event.message) : Array.isArray(event.message) ? event.message : [];
}

const str = (v: string | number | undefined) => (v === undefined || v === '' ? undefined : String(v));

function attachmentOf(segment: Segment): Attachment | undefined {
  const d = segment.data;
  const size = d.file_size !== undefined && Number.isFinite(Number(d.file_size)) ? Number(d.file_size) : undefined;
  switch (segment.type) {
    case 'image':
      return { kind: 'image', name: str(d.file), url: str(d.url), platformFileId: str(d.file), size };
    case 'file':
      return { kind: 'file', name: str(d.name) ?? str(d.file), url: str(d.url), platformFileId: str(d.file_id) ?? str(d.file), size };
    case 'record':
      return { kind: 'audio', url: str(d.url), platformFileId: str(d.file) };
    case 'video':
      return { kind: 'video', url: str(d.url), platformFileId: str(d.file) };
    default:
      return undefined;
  }
}

/**
 * Decodes a OneBot message event into the core model: text segments make the text (each `at` becomes
 * a space), an `at` of the bot — or a reply to one of its messages, or a private chat — addresses the
 * bot, other `at`s become mentions, images and files attachments. Own messages and other kinds give null.
 */
export async function decodeQqMessage(event: MessageEvent, lookups: QqLookups, receivedAt: Date): Promise<InboundMessage | null> {
  if (event.post_type !== 'message' || String(event.user_id) === lookups.selfId) return null;
  const isGroup = event.message_type === 'group' && event.group_id !== undefined;
  if (!isGroup && event.message_type !== 'private') return null;
  const groupId = isGroup ? String(event.group_id) : '';
  const userId = String(event.user_id);
  let text = '';
  let addressedToBot = !isGroup;
  const mentions: UserRef[] = [];
  const attachments: Attachment[] = [];
  for (const segment of segmentsOf(event)) {
    if (segment.type === 'text') text += String(segment.data.text ?? '');
    else if (segment.type === 'at') {
      const qq = String(segment.data.qq ?? '');
      text += ' ';
      if (qq === lookups.selfId) addressedToBot = true;
      else if (/^\d+$/.test(qq) && !mentions.some((m) => m.id === qq)) {
        const name = str(segment.data.name)?.replace(/^@/, '') ?? (isGroup ? await lookups.memberName(groupId, qq) : undefined);
        mentions.push({ id: qq, name: name ?? qq });
      }
    } else if (segment.type === 'reply') {
      const id = str(segment.data.id);
      if (id && !addressedToBot && (await lookups.isOwnMessage(id))) addressedToBot = true;
    } else {
      const attachment = attachmentOf(segment);
      if (attachment) attachments.push(attachment);
    }
  }
  const name = qqName(event.sender, userId);
  const title = isGroup ? (event.group_name?.trim() || (await lookups.groupTitle(groupId))) : name;
  return {
    chat: { platform: 'qq', id: isGroup ? groupId : userId, kind: isGroup ? 'group' : 'private', title },
    sender: { id: userId, name },
    text: text.replace(/^[ \t]+|[ \t]+$/g, ''),
    mentions,
    addressedToBot,
    attachments,
    messageId: String(event.message_id),
    sentAt: receivedAt,
  };
}
