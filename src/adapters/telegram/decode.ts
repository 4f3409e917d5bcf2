import type { Message } from 'grammy/types';
import type { Attachment, InboundMessage, SharedLocation, UserRef } from '../../core/message.ts';

/** A Telegram user's display name: first and last name, or the username. */
export function displayName(user: { first_name: string; last_name?: string; username?: string }): string {
  return [user.first_name, user.last_name].filter(Boolean).join(' ').trim() || user.username || '';
}

function attachmentsOf(message: Message): Attachment[] {
  const out: Attachment[] = [];
  if (message.photo?.length) {
    const largest = message.photo[message.photo.length - 1]!;
    out.push({ kind: 'image', platformFileId: largest.file_id, size: largest.file_size });
  }
  if (message.document) out.push({ kind: 'file', name: message.document.file_name, mimeType: message.document.mime_type, platformFileId: message.document.file_id, size: message.document.file_size });
  if (message.voice) out.push({ kind: 'audio', platformFileId: message.voice.file_id });
  if (message.video) out.push({ kind: 'video', platformFileId: message.video.file_id });
  return out;
}

/** A `location` message (a venue's location too) as a shared location; `edited` for a live location's later position. */
function locationOf(message: Message, edited: boolean): SharedLocation | undefined {
  const l = message.location ?? message.venue?.location;
  if (!l) return undefined;
  const live = Boolean(l.live_period);
  return { latitude: l.latitude, longitude: l.longitude, ...(l.horizontal_accuracy !== undefined ? { accuracyMeters: l.horizontal_accuracy } : {}), live, ...(edited ? { update: true } : {}) };
}

/**
 * Decodes a Telegram message into the core model: the bot's own @username is removed from the text
 * and marks the message as addressed to the bot (as does a reply to one of the bot's messages);
 * users mentioned by tap (text_mention) become mentions with their ids.
 */
export function decodeMessage(message: Message, botUsername: string, botId: number, options: { edited?: boolean } = {}): InboundMessage | null {
  if (!message.from || message.from.is_bot) return null;
  const isPrivate = message.chat.type === 'private';
  if (!isPrivate && message.chat.type !== 'group' && message.chat.type !== 'supergroup') return null;
  let text = message.text ?? message.caption ?? '';
  const entities = message.entities ?? message.caption_entities ?? [];
  let addressedToBot = message.reply_to_message?.from?.id === botId;
  const mentions: UserRef[] = [];
  const cuts: { offset: number; length: number }[] = [];
  for (const e of entities) {
    const slice = text.slice(e.offset, e.offset + e.length);
    if (e.type === 'mention' && slice.toLowerCase() === `@${botUsername.toLowerCase()}`) {
      addressedToBot = true;
      cuts.push(e);
    } else if (e.type === 'text_mention' && e.user) {
      if (e.user.id === botId) addressedToBot = true;
      else mentions.push({ id: String(e.user.id), name: slice.replace(/^@/, '') || displayName(e.user) });
      cuts.push(e);
    } else if (e.type === 'bot_command') {
      const [command, target] = slice.split('@');
      if (target && target.toLowerCase() !== botUsername.toLowerCase()) return null;
      if (target) {
        addressedToBot = true;
        text = `${text.slice(0, e.offset)}${command}${' '.repeat(slice.length - command!.length)}${text.slice(e.offset + e.length)}`;
      }
    }
  }
  for (const cut of [...cuts].sort((a, b) => b.offset - a.offset)) {
    text = `${text.slice(0, cut.offset)} ${text.slice(cut.offset + cut.length)}`;
  }
  const location = locationOf(message, Boolean(options.edited));
  const title = isPrivate ? displayName(message.from) : 'title' in message.chat ? message.chat.title : undefined;
  return {
    chat: { platform: 'telegram', id: String(message.chat.id), kind: isPrivate ? 'private' : 'group', title },
    sender: { id: String(message.from.id), name: displayName(message.from) },
    text: text.trim(),
    mentions,
    addressedToBot,
    attachments: attachmentsOf(message),
    ...(location ? { location } : {}),
    // A live location's later positions edit the same message: each position is a delivery of its own.
    messageId: options.edited && message.edit_date ? `${message.message_id}@${message.edit_date}` : String(message.message_id),
    sentAt: new Date(message.date * 1000),
  };
}
