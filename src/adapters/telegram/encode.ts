import type { Attachment, OutboundMessage } from '../../core/message.ts';

export const TELEGRAM_TEXT_LIMIT = 4096;

/** Escapes text for Telegram's HTML parse mode. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A mention Telegram turns into a link to the user, notifying them, for numeric user ids. */
function mentionHtml(m: { id: string; name: string }): string {
  return /^\d+$/.test(m.id) ? `<a href="tg://user?id=${m.id}">${escapeHtml(m.name)}</a>` : `@${escapeHtml(m.name)}`;
}

/** Splits escaped HTML into chunks within Telegram's limit, at line ends where possible, never inside an entity. */
export function splitForTelegram(html: string, limit = TELEGRAM_TEXT_LIMIT): string[] {
  const chunks: string[] = [];
  let rest = html;
  while (rest.length > limit) {
    let cut = rest.lastIndexOf('\n', limit);
    if (cut < limit / 2) cut = limit;
    const amp = rest.lastIndexOf('&', cut);
    if (amp > cut - 6 && rest.indexOf(';', amp) >= cut) cut = amp;
    const tag = rest.lastIndexOf('<', cut);
    if (tag > rest.lastIndexOf('>', cut - 1) && tag > 0) cut = tag;
    chunks.push(rest.slice(0, cut));
    rest = rest.slice(cut).replace(/^\n/, '');
  }
  if (rest.length > 0 || chunks.length === 0) chunks.push(rest);
  return chunks;
}

export interface TelegramSend {
  chatId: string;
  text: string;
  parseMode: 'HTML';
  replyMarkup?: { inline_keyboard: ({ text: string; callback_data: string } | { text: string; url: string })[][] };
  /** A file to send instead of text: Telegram's file_id (or a URL) and the method for its kind. */
  file?: { method: 'sendPhoto' | 'sendDocument' | 'sendVideo' | 'sendVoice'; ref: string; upload?: { path: string; name?: string } };
}

const FILE_METHODS: Record<Attachment['kind'], NonNullable<TelegramSend['file']>['method']> = {
  image: 'sendPhoto',
  video: 'sendVideo',
  audio: 'sendVoice',
  file: 'sendDocument',
  link: 'sendDocument',
  other: 'sendDocument',
};

/** Turns a core message into sendMessage calls (mentions first, buttons on the last part), then one call per attachment. */
export function encodeForTelegram(message: OutboundMessage): TelegramSend[] {
  const mentions = (message.mentions ?? []).map(mentionHtml).join(' ');
  const html = `${mentions ? `${mentions} ` : ''}${escapeHtml(message.text)}`;
  const parts = splitForTelegram(html);
  const texts = parts.map((text, i) => ({
    chatId: message.chat.id,
    text,
    parseMode: 'HTML' as const,
    ...(i === parts.length - 1 && message.buttons?.length
      ? { replyMarkup: { inline_keyboard: [message.buttons.map((b) => ('url' in b ? { text: b.label, url: b.url } : { text: b.label, callback_data: b.data }))] } }
      : {}),
  }));
  const files = (message.attachments ?? []).flatMap((a) => {
    const ref = a.platformFileId ?? a.url ?? a.localPath;
    if (!ref) return [];
    const upload = !a.platformFileId && !a.url && a.localPath ? { path: a.localPath, name: a.name } : undefined;
    return [{ chatId: message.chat.id, text: '', parseMode: 'HTML' as const, file: { method: FILE_METHODS[a.kind], ref, ...(upload ? { upload } : {}) } }];
  });
  return [...texts, ...files];
}
