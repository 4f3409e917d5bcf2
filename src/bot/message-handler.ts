import type { z } from 'zod';
import { attachToDraft } from '../features/notices/broadcasts.ts';
import { loadActor, loadChatBinding, type Actor, type ChatBinding } from '../app/actor.ts';
import { hasWrittenPrivately } from '../app/notify.ts';
import { welcomeNewMembers } from '../features/roster/welcome.ts';
import { recoverGroup, recoverIdentity } from '../features/roster/relogin-recovery.ts';
import { confineSandbox } from './sandbox.ts';
import type { App } from '../app/app.ts';
import type { Command, CommandContext, QuestionAnswer } from '../app/command.ts';
import { redactRobotSecrets } from '../core/robots/webhook-url.ts';
import type { Understanding } from './router.ts';
import { BareForms } from './bare-forms.ts';
import { Unsure, UserError } from '../core/errors.ts';
import { sameSound } from '../core/text/near-names.ts';
import { withoutCourtesy } from '../core/text/understand.ts';
import { keepReading, takeReading, YES } from './pending-readings.ts';
import { privateChatOf, type InboundMessage, type OutboundMessage, type UserRef } from '../core/message.ts';
import { hasAudience } from '../core/permissions.ts';
import { normalizeCommandText, storable, storableMessage } from '../core/text/normalize.ts';
import type { MessageKey } from '../i18n/index.ts';
import { isMessageKey } from './messages.ts';

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
  /** What each message in flight means, read once (handle looks ahead with it, dispatch acts on it). */
  private readonly readings = new WeakMap<InboundMessage, Understanding & { length: number }>();
  private readonly bare: BareForms;
  /** Every command's answerable questions, gathered once rather than for each message that is no command. */
  private readonly questions: readonly QuestionAnswer[];

  constructor(
    private readonly app: App,
    private readonly commands: readonly Command<any>[],
  ) {
    this.bare = new BareForms(commands);
    this.questions = commands.flatMap((c) => c.questions ?? []);
  }

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
    // Made only when there is something to say: a burst's check-ins log nothing.
    const log = () => this.app.log.child({ platform: message.chat.platform, chat: message.chat.id, messageId: message.messageId });
    // A command's sender and group are looked up while the message is being stored, not after:
    // in a burst the two batches then overlap instead of following each other.
    if (this.understood(message).kind === 'command') {
      const lookup = Promise.all([this.app.batched.binding(message.chat), this.app.batched.actor(message.chat.platform, message.sender)]);
      lookup.catch(() => undefined);
      this.lookups.set(message, lookup);
    }
    // A robot's webhook or secret typed into a chat is a credential: kept and logged only redacted.
    const fresh = await this.app.batched.recordInbound({ ...message, text: redactRobotSecrets(message.text) });
    if (!fresh) {
      log().debug('duplicate delivery ignored');
      return 'duplicate';
    }
    this.app.events.emit('message.in', { platform: message.chat.platform });
    try {
      return await this.dispatch(message);
    } catch (error) {
      const failed = log();
      failed.error('handling a message failed', { error, sender: message.sender.id, text: redactRobotSecrets(message.text).slice(0, 200) });
      await this.app.db.inboundMessage
        .update({ where: { platform_chatId_messageId: { platform: message.chat.platform, chatId: message.chat.id, messageId: message.messageId } }, data: { outcome: 'failed' } })
        .catch((e: unknown) => failed.error('could not mark the message failed', { error: e }));
      await this.app.outbox
        .send({ chat: message.chat, text: this.app.t('common.internalError'), mentions: message.chat.kind === 'group' ? [message.sender] : undefined })
        .catch((e: unknown) => failed.error('could not send the apology', { error: e }));
      return 'failed';
    }
  }

  /**
   * The group's binding and the sender. On platforms whose ids change at re-login (WeChat), a bound
   * group or trainee under a new id is recognised again (see features/roster/relogin-recovery.ts); 'ambiguous'
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

  /** A question a command answers from data (「口令是多少」): one line to the asker; true when answered. */
  private async answerQuestion(message: InboundMessage, text: string): Promise<boolean> {
    const asked = this.questions.filter((q) => q.asks.test(text));
    if (!asked.length) return false;
    const { binding, actor } = await this.whoAndWhere(message, true);
    if (actor === 'ambiguous') return false;
    for (const question of asked) {
      const reply = await question.answer({ app: this.app, message, actor, binding });
      if (!reply) continue;
      await this.app.outbox.send({ chat: message.chat, text: reply, mentions: message.chat.kind === 'group' ? [message.sender] : undefined });
      return true;
    }
    return false;
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

  /** What the message means: a command with its argument text, a question about one, a near miss, or chatter. */
  private understood(message: InboundMessage): Understanding & { length: number } {
    let reading = this.readings.get(message);
    if (!reading) this.readings.set(message, (reading = this.read(message)));
    return reading;
  }

  private read(message: InboundMessage): Understanding & { length: number } {
    const own = this.app.config.botName;
    const botNames = [own, ...message.mentions.map((m) => m.name)];
    const length = normalizeCommandText(message.text, botNames).length;
    if (length > MAX_COMMAND_CHARS * 4) return { kind: 'none', named: false, text: '', length };
    return { ...this.bare.understand(message.text.slice(0, MAX_COMMAND_CHARS + 20), { botNames, ownNames: [own], senderName: message.sender.name }), length };
  }

  private async dispatch(message: InboundMessage): Promise<Outcome> {
    const { app } = this;
    const isPrivate = message.chat.kind === 'private';
    const understood = this.understood(message);
    const addressed = isPrivate || message.addressedToBot || understood.named;

    const answer = (key: MessageKey, params: Record<string, string | number> = {}, extra: Partial<OutboundMessage> = {}) =>
      app.outbox.send({ chat: message.chat, text: app.t(key, params), mentions: isPrivate ? undefined : [message.sender], ...extra });

    if (understood.kind === 'elsewhere') return 'ignored';
    // Every answer YES takes has one of these characters; taking courtesy off only shortens the text.
    if (/[是对确错]/.test(understood.text) && YES.test(withoutCourtesy(understood.text))) {
      const confirmed = await this.confirmReading(message, answer);
      if (confirmed) return confirmed;
    }
    if (message.location && !understood.text) return this.dispatchLocation(message, answer);
    if (understood.kind !== 'command') {
      if (message.attachments.length && (await this.attachToDraft(message))) return 'handled';
      if (understood.length > MAX_COMMAND_CHARS) {
        if (!addressed) return 'ignored';
        await answer('common.tooLong', { max: MAX_COMMAND_CHARS });
        return 'refused';
      }
      if (await this.answerQuestion(message, understood.text)) return 'handled';
      if (understood.kind === 'question' && addressed) {
        const c = understood.command;
        await answer(c ? 'understanding.about' : 'understanding.aboutBot', c ? { usage: app.t(`commands.${c.id}.usage` as MessageKey), summary: app.t(`commands.${c.id}.summary` as MessageKey) } : {});
        return 'handled';
      }
      if (understood.kind === 'hint' && (addressed || understood.command.hintInGroups)) {
        await answer('understanding.hint', { word: understood.command.words[0] ?? understood.command.exactWords?.[0] ?? '' });
        return 'handled';
      }
      if (!addressed && !understood.text.startsWith('/')) return 'ignored';
      if (understood.kind === 'question') return 'ignored';
      if (!understood.text && message.attachments.length) await answer('common.attachmentKept');
      else await answer(understood.text ? 'common.unknownCommand' : 'common.empty');
      return 'refused';
    }
    if (understood.length > MAX_COMMAND_CHARS) {
      await answer('common.tooLong', { max: MAX_COMMAND_CHARS });
      return 'refused';
    }
    // A synonym shared by several commands (「同意」 for a leave or a substitution) goes to the first
    // that can act on it; one that none can act on is chatter in a group, and explained when addressed.
    const { weak, rest, verbatim, glued } = understood;
    let failure: (() => Promise<void>) | null = null;
    let failurePermitted = false;
    let who: { binding: ChatBinding | null; actor: Actor | 'ambiguous' } | null = null;
    for (const command of understood.candidates) {
      // Why the first candidate allowed to act could not is the better answer than a refusal.
      const refuse = (reply: () => Promise<void>, permitted = true): 'next' => {
        if (!failure || (permitted && !failurePermitted)) [failure, failurePermitted] = [reply, permitted];
        return 'next';
      };
      const outcome = await this.attempt(message, command, { rest, verbatim, glued, weak, addressed, isPrivate, answer, refuse, who: async () => (who ??= await this.whoAndWhere(message, command.id !== 'bind')) });
      if (outcome !== 'next') return outcome;
      if (!weak && failurePermitted) break;
    }
    if (failure && (addressed || !weak)) {
      await (failure as () => Promise<void>)();
      return 'refused';
    }
    return 'ignored';
  }

  /** 「是」 to a reading the bot asked back about: the command runs on it as restated; null when none waits. */
  private async confirmReading(message: InboundMessage, answer: CommandContext['reply']): Promise<Outcome | null> {
    const reading = await takeReading(this.app, message);
    const command = reading && this.commands.find((c) => c.id === reading.commandId);
    if (!reading || !command) return null;
    let failure: (() => Promise<void>) | null = null;
    const isPrivate = message.chat.kind === 'private';
    const outcome = await this.attempt(message, command, {
      ...reading,
      glued: false,
      addressed: true,
      isPrivate,
      answer,
      refuse: (reply) => ((failure ??= reply), 'next'),
      who: () => this.whoAndWhere(message, true),
    });
    if (outcome !== 'next') return outcome;
    await (failure as (() => Promise<void>) | null)?.();
    return 'refused';
  }

  /**
   * A shared location is a check-in attempt. In a group it is answered only when it concerns an open
   * session of a class the sender attends (people share places for other reasons); a live location's
   * later positions are answered only when they check someone in.
   */
  private async dispatchLocation(message: InboundMessage, answer: CommandContext['reply']): Promise<Outcome> {
    const command = this.commands.find((c) => c.id === 'checkin');
    if (!command) return 'ignored';
    let failure: { reply: () => Promise<void>; permitted: boolean } | null = null;
    const isPrivate = message.chat.kind === 'private';
    // The refusals a location in a group keeps quiet about: no session to check in to, or not a trainee here.
    const quiet = new Set<MessageKey>(['checkin.noSession', 'checkin.notOpenYet', 'checkin.closed', 'checkin.closedEarly', 'checkin.notEnrolled', 'checkin.noClass']);
    const groupAnswer: CommandContext['reply'] = (key, params, extra) => (isPrivate || !quiet.has(key) ? answer(key, params, extra) : Promise.resolve());
    const outcome = await this.attempt(message, command, {
      rest: '',
      verbatim: '',
      glued: false,
      addressed: isPrivate,
      isPrivate,
      answer: groupAnswer,
      refuse: (reply, permitted = true) => ((failure ??= { reply, permitted }), 'next'),
      who: () => this.whoAndWhere(message, true),
    });
    if (outcome !== 'next') return outcome;
    const refused = failure as { reply: () => Promise<void>; permitted: boolean } | null;
    if (!refused || message.location?.update || (!isPrivate && !refused.permitted)) return 'ignored';
    await refused.reply();
    return 'refused';
  }

  /**
   * Runs one command: 'next' (after handing `refuse` the reply that explains why) when it cannot act
   * — wrong place, not permitted, bad arguments, or an expected failure — else the outcome.
   */
  private async attempt(
    message: InboundMessage,
    command: Command<any>,
    o: {
      rest: string;
      verbatim: string;
      glued: boolean;
      /** The reading is a guess (a sentence shape): it is asked back only about names that sound alike. */
      weak?: boolean;
      addressed: boolean;
      isPrivate: boolean;
      answer: CommandContext['reply'];
      refuse: (reply: () => Promise<void>, permitted?: boolean) => 'next';
      who: () => Promise<{ binding: ChatBinding | null; actor: Actor | 'ambiguous' }>;
    },
  ): Promise<Outcome | 'next'> {
    const { app } = this;
    const { isPrivate, answer } = o;
    if (command.where === 'group' && isPrivate) return o.refuse(() => answer('common.groupOnly'));
    const { binding, actor: sender } = await o.who();
    if (sender === 'ambiguous') return o.refuse(() => answer('identity.confirmAfterRelogin', { name: message.sender.name }));
    const confined = await confineSandbox(app.db, command, sender, binding);
    if ('refusal' in confined) {
      if (command.quietWhenNotPermitted && !o.addressed) return 'next';
      const refusal = confined.refusal;
      return o.refuse(() => answer(refusal), false);
    }
    const { actor } = confined;
    if (!hasAudience(actor.grants, actor.person !== null, command.audience)) {
      // Someone who may not use a command and writes its word into a sentence is chatting.
      if ((command.quietWhenNotPermitted || o.glued) && !o.addressed) return 'next';
      return o.refuse(() => answer(actor.person || !command.audience.includes('TRAINEE') ? 'common.forbidden' : 'common.notBound'), false);
    }
    const parsed = (command.args as z.ZodType).safeParse(command.parse(o.rest, message, o.verbatim));
    if (!parsed.success) {
      const issue = parsed.error.issues[0]?.message ?? '';
      const problem = app.t(isMessageKey(issue) ? issue : 'common.badValue');
      return o.refuse(() => answer('common.badArgument', { problem, usage: app.t(`commands.${command.id}.usage` as MessageKey) }));
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
        await app.outbox.send({ ...extra, chat: privateChatOf(platform, message.sender), text: body, ...(isPrivate ? {} : { origin: message.chat }) });
        if (!isPrivate) await answer(keys.sent);
      },
    };
    try {
      await command.run(ctx, parsed.data);
      return 'handled';
    } catch (error) {
      if (error instanceof Unsure && !(o.weak && error.readAs.some(([typed, meant]) => !sameSound(typed, meant)))) {
        const readAs = (text: string) => error.readAs.reduce((t, [typed, meant]) => t.split(typed).join(meant), text);
        await keepReading(app, message, { commandId: command.id, rest: readAs(o.rest), verbatim: readAs(o.verbatim) });
        await answer(error.key, error.params);
        return 'handled';
      }
      if (error instanceof UserError) return o.refuse(() => answer(error.key, error.params));
      throw error;
    }
  }
}
