import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Attachment, OutboundMessage } from '../../core/message.ts';
import { splitText } from '../shared/paced-sender.ts';
import type { Segment } from './onebot-types.ts';

/** QQ takes long messages, but a phone screen does not: longer texts go in parts. */
export const QQ_TEXT_LIMIT = 3000;

export interface QqSend {
  chatId: string;
  isGroup: boolean;
  segments: Segment[];
}

const SEGMENT_TYPES: Record<Attachment['kind'], string> = { image: 'image', file: 'file', video: 'video', audio: 'record', link: 'file', other: 'file' };

/** Where the implementation finds a file: its own reference, a URL, or a file on this machine. */
function fileRef(a: Attachment): string | undefined {
  if (a.url) return a.url;
  if (a.platformFileId) return a.platformFileId;
  return a.localPath ? pathToFileURL(path.resolve(a.localPath)).href : undefined;
}

/**
 * Turns a core message into OneBot sends: in a group, real `at` segments for the people mentioned
 * (QQ shows them as @名片 and notifies them) before the first part of the text; then one send per
 * attachment. Buttons and live editing do not exist on QQ and are left out.
 */
export function encodeForQq(message: OutboundMessage, limit = QQ_TEXT_LIMIT): QqSend[] {
  const isGroup = message.chat.kind === 'group';
  const base = { chatId: message.chat.id, isGroup };
  const mentions: Segment[] = isGroup
    ? (message.mentions ?? []).flatMap((m) => (/^\d+$/.test(m.id) ? [{ type: 'at', data: { qq: m.id } }, { type: 'text', data: { text: ' ' } }] : [{ type: 'text', data: { text: `@${m.name} ` } }]))
    : [];
  const texts = message.text ? splitText(message.text, limit).map((text, i) => ({ ...base, segments: [...(i === 0 ? mentions : []), { type: 'text', data: { text } }] })) : [];
  const files = (message.attachments ?? []).flatMap((a) => {
    const file = fileRef(a);
    if (!file) return [];
    const type = SEGMENT_TYPES[a.kind];
    return [{ ...base, segments: [{ type, data: type === 'file' ? { file, name: a.name ?? path.basename(a.localPath ?? 'file') } : { file } }] }];
  });
  return [...texts, ...files];
}
