import type { Message } from 'wechaty';
import { types } from 'wechaty';
import type { Attachment, InboundMessage } from '../../core/message.ts';

const ATTACHMENT_KINDS: Partial<Record<number, Attachment['kind']>> = {
  [types.Message.Image]: 'image',
  [types.Message.Attachment]: 'file',
  [types.Message.Url]: 'link',
  [types.Message.MiniProgram]: 'other',
  [types.Message.Audio]: 'audio',
  [types.Message.Video]: 'video',
};

/**
 * Decodes a wechaty message into the core model: the text without @mentions (wechaty's mentionText),
 * who was @mentioned (the bot excluded), whether the bot was, the sender's name as the room knows
 * them (room alias first), attachments by kind. System and unsupported messages give null.
 */
export async function decodeWechatMessage(message: Message, sentAt: Date): Promise<InboundMessage | null> {
  const type = message.type();
  const attachmentKind = ATTACHMENT_KINDS[type];
  if (type !== types.Message.Text && !attachmentKind) return null;
  const talker = message.talker();
  const room = message.room();
  // The message id is the file's reference: the puppet can give the file again from it (toFileBox).
  const attachments: Attachment[] = attachmentKind ? [{ kind: attachmentKind, name: attachmentKind === 'other' ? 'mini-program' : undefined, platformFileId: message.id }] : [];
  if (room) {
    const [topic, alias, mentionSelf, mentionList, text] = await Promise.all([room.topic(), room.alias(talker), message.mentionSelf(), message.mentionList(), message.mentionText()]);
    const self = message.wechaty.currentUser;
    return {
      chat: { platform: 'wechat', id: room.id, kind: 'group', title: topic },
      sender: { id: talker.id, name: alias || talker.name() },
      text: type === types.Message.Text ? text : '',
      mentions: mentionList.filter((c) => c.id !== self.id).map((c) => ({ id: c.id, name: c.name() })),
      addressedToBot: mentionSelf,
      attachments,
      messageId: message.id,
      sentAt,
    };
  }
  return {
    chat: { platform: 'wechat', id: talker.id, kind: 'private', title: talker.name() },
    sender: { id: talker.id, name: talker.name() },
    text: type === types.Message.Text ? message.text() : '',
    mentions: [],
    addressedToBot: true,
    attachments,
    messageId: message.id,
    sentAt,
  };
}
