import type { z } from 'zod';
import { attachToDraft } from '../app/broadcasts.ts';
import { loadActor, loadChatBinding, type Actor, type ChatBinding } from '../app/actor.ts';
import { hasWrittenPrivately } from '../app/inbound.ts';
import { welcomeNewMembers } from '../app/welcome.ts';
import { recoverGroup, recoverIdentity } from '../app/relogin-recovery.ts';
import { confineSandbox } from './sandbox.ts';
import type { App } from '../app/app.ts';
import type { Command, CommandContext } from '../commands/command.ts';
import { hasChinese, matchCommand } from '../commands/router.ts';
import { UserError } from '../core/errors.ts';
import { privateChatOf, type InboundMessage, type OutboundMessage, type UserRef } from '../core/message.ts';
import { hasAudience } from '../core/permissions.ts';
import { normalizeCommandText, storable, storableMessage, verbatimRest } from '../core/text/normalize.ts';
import { isMessageKey, type MessageKey } from '../i18n/index.ts';

/** Commands longer than this are refused (the message itself is still stored). */
export const MAX_COMMAND_CHARS = 1000;

export type Outcome = 'duplicate' | 'ignored' | 'handled' | 'refused' | 'failed';

/**
 * The platform-neutral inbound path: store the message (a re-delivery stops here), decide whether
 * it is meant for the bot, find the command, check permission, validate arguments, run it, and turn
 * any failure into a polite reply. Adapters call `handle` and nothing else.
 */
export class MessageHandler {
  private readonly lookups = new WeakMap<InboundMessage, Promise<[ChatBinding | null, Actor]>>();

  constructor(
    private readonly app: App,
    private readonly commands: readonly Command<any>[],
  ) {}

  /** People joined a group: stored like a message (so a re-delivery is ignored), then greeted. */
  async handleJoin(received: { chat: InboundMessage['chat']; members: UserRef[]; messageId: string; sentAt: Date }): Promise<Outcome> {
    const members = received.members.map((m) => ({ id: storable(m.id), name: storable(m.name) }));
    const event = { ...received, members, chat: { ...received.chat, ...(received.chat.title !== undefined ? { title: storable(received.chat.title) } : {}) } };
    const fresh = await this.app.batched.recordInbound({ chat: event.chat, sender: event.members[0] ?? { id: '', name: '' }, text: '', mentions: event.members, addressedToBot: false, attachments: [], messageId: event.messageId, sentAt: event.sentAt });
    if (!fresh) return 'duplicate';
    await welcomeNewMembers(this.app, event.chat, event.members);
    return 'handled';
  }

  async handle(received: InboundMessage): Promise<Outcome> {
    const message = storableMessage(received);
    const log = this.app.log.child({ platform: message.chat.platform, chat: message.chat.id, messageId: message.messageId });
    // A command's sender and group are looked up while the message is being stored, not after:
    // in a burst the two batches then overlap instead of following each other.
    if (this.commandIn(message).match) {
      const lookup = Promise.all([this.app.batched.binding(message.chat), this.app.batched.actor(message.chat.platform, message.sender)]);
      lookup.catch(() => undefined);
      this.lookups.set(message, lookup);
    }
    const fresh = await this.app.batched.recordInbound(message);
    if (!fresh) {
      log.debug('duplicate delivery ignored');
      return 'duplicate';
    }
    this.app.events.emit('message.in', { platform: message.chat.platform });
    try {
      return await this.dispatch(message);
    } catch (error) {
      log.error('handling a message failed', { error, sender: message.sender.id, text: message.text.slice(0, 200) });
      await this.app.db.inboundMessage
        .update({ where: { platform_chatId_messageId: { platform: message.chat.platform, chatId: message.chat.id, messageId: message.messageId } }, data: { outcome: 'failed' } })
        .catch((e: unknown) => log.error('could not mark the message failed', { error: e }));
      await this.app.outbox
        .send({ chat: message.chat, text: this.app.t('common.internalError'), mentions: message.chat.kind === 'group' ? [message.sender] : undefined })
        .catch((e: unknown) => log.error('could not send the apology', { error: e }));
      return 'failed';
    }
  }

  /**
   * The group's binding and the sender. On platforms whose ids change at re-login (WeChat), a bound
   * group or trainee under a new id is recognised again (see app/relogin-recovery.ts); 'ambiguous'
   * when several bound people fit. `recognise` is false for 绑定, which is how such a person settles it.
   */
  private async whoAndWhere(message: InboundMessage, recognise: boolean): Promise<{ binding: ChatBinding | null; actor: Actor | 'ambiguous' }> {
    const { app } = this;
    const { chat, sender } = message;
    const epoch = app.platforms.loginEpochs.get(chat.platform);
    const [bound, actor] = await (this.lookups.get(message) ?? Promise.all([app.batched.binding(chat), app.batched.actor(chat.platform, sender)]));
    let binding = bound;
    if (!binding && epoch && (await recoverGroup(app, chat, epoch))) binding = await loadChatBinding(app.db, chat);
    if (!epoch) return { binding, actor };
    if (actor.identity && !(actor.identity.lastSeenAt && actor.identity.lastSeenAt >= epoch)) {
      await app.db.identity.update({ where: { id: actor.identity.id }, data: { lastSeenAt: app.clock.now() } });
    }
    if (actor.person || !recognise || chat.kind !== 'group' || !binding?.classId) return { binding, actor };
    const recovery = await recoverIdentity(app, chat, sender, binding.classId, epoch);
    if (recovery === 'ambiguous') return { binding, actor: 'ambiguous' };
    return { binding, actor: recovery === 'recovered' ? await loadActor(app.db, chat.platform, sender) : actor };
  }

  /** A file or image from someone with a broadcast draft waiting goes with the draft; they get the new preview. */
  private async attachToDraft(message: InboundMessage): Promise<boolean> {
    const actor = await loadActor(this.app.db, message.chat.platform, message.sender);
    if (!actor.person || actor.sandbox || !hasAudience(actor.grants, true, ['TUTOR', 'COUNTY_CONTACT'])) return false;
    const preview = await attachToDraft(this.app, actor.person.id, message.chat.platform, message.attachments);
    if (!preview) return false;
    await this.app.outbox.send({ chat: message.chat, text: preview, mentions: message.chat.kind === 'group' ? [message.sender] : undefined });
    return true;
  }

  /** The message's text as a command: normalised (bot mentions and full-width forms removed) and matched. */
  private commandIn(message: InboundMessage) {
    const botNames = [this.app.config.botName, ...message.mentions.map((m) => m.name)];
    const text = normalizeCommandText(message.text, botNames);
    const match = text.length <= MAX_COMMAND_CHARS * 4 ? matchCommand(this.commands, text.slice(0, MAX_COMMAND_CHARS + 20)) : null;
    return { botNames, text, match };
  }

  private async dispatch(message: InboundMessage): Promise<Outcome> {
    const { app } = this;
    const isPrivate = message.chat.kind === 'private';
    const addressed = isPrivate || message.addressedToBot;
    const { botNames, text, match } = this.commandIn(message);

    const answer = (key: MessageKey, params: Record<string, string | number> = {}, extra: Partial<OutboundMessage> = {}) =>
      app.outbox.send({ chat: message.chat, text: app.t(key, params), mentions: isPrivate ? undefined : [message.sender], ...extra });

    if (!match) {
      if (message.attachments.length && (await this.attachToDraft(message))) return 'handled';
      if (!addressed && !text.startsWith('/')) return 'ignored';
      if (text.length > MAX_COMMAND_CHARS) await answer('common.tooLong', { max: MAX_COMMAND_CHARS });
      else if (!text && message.attachments.length) await answer('common.attachmentKept');
      else await answer(text ? 'common.unknownCommand' : 'common.empty');
      return 'refused';
    }
    if (text.length > MAX_COMMAND_CHARS) {
      await answer('common.tooLong', { max: MAX_COMMAND_CHARS });
      return 'refused';
    }
    const { command, rest } = match;
    if (!addressed && command.startsSentences && hasChinese(rest)) return 'ignored';
    if (command.where === 'group' && isPrivate) {
      await answer('common.groupOnly');
      return 'refused';
    }
    const { binding, actor: sender } = await this.whoAndWhere(message, command.id !== 'bind');
    if (sender === 'ambiguous') {
      await answer('identity.confirmAfterRelogin', { name: message.sender.name });
      return 'refused';
    }
    const confined = await confineSandbox(app.db, command, sender, binding);
    if ('refusal' in confined) {
      if (command.quietWhenNotPermitted && !addressed) return 'ignored';
      await answer(confined.refusal);
      return 'refused';
    }
    const { actor } = confined;
    if (!hasAudience(actor.grants, actor.person !== null, command.audience)) {
      if (command.quietWhenNotPermitted && !addressed) return 'ignored';
      await answer(actor.person || !command.audience.includes('TRAINEE') ? 'common.forbidden' : 'common.notBound');
      return 'refused';
    }
    const parsed = (command.args as z.ZodType).safeParse(command.parse(rest, message, verbatimRest(message.text, botNames, rest)));
    if (!parsed.success) {
      const issue = parsed.error.issues[0]?.message ?? '';
      const problem = app.t(isMessageKey(issue) ? issue : 'common.badValue');
      await answer('common.badArgument', { problem, usage: app.t(`commands.${command.id}.usage` as MessageKey) });
      return 'refused';
    }
    const now = app.clock.now();
    const ctx: CommandContext = {
      app,
      message,
      actor,
      binding,
      at: message.sentAt.getTime() < now.getTime() ? message.sentAt : now,
      reply: answer,
      sendDetailsPrivately: async (body, keys, extra = {}) => {
        const platform = message.chat.platform;
        if (!isPrivate && app.platforms.privateOptIn.has(platform) && !(await hasWrittenPrivately(app.db, platform, message.sender.id))) {
          const link = app.platforms.privateLinks.get(platform);
          await app.outbox.send({ chat: message.chat, text: app.t(keys.unreachable), mentions: [message.sender], buttons: link ? [{ label: app.t('common.openPrivateChat'), url: link }] : undefined });
          return;
        }
        await app.outbox.send({ ...extra, chat: privateChatOf(platform, message.sender), text: body });
        if (!isPrivate) await answer(keys.sent);
      },
    };
    try {
      await command.run(ctx, parsed.data);
      return 'handled';
    } catch (error) {
      if (error instanceof UserError) {
        await answer(error.key, error.params);
        return 'refused';
      }
      throw error;
    }
  }
}
