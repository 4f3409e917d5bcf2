import { loadActor, loadChatBinding } from '../app/actor.ts';
import type { App } from '../app/app.ts';
import { checkIn } from '../features/attendance/checkin.ts';
import { recordInbound } from './inbound.ts';
import { UserError } from '../core/errors.ts';
import type { ChatRef, UserRef } from '../core/message.ts';
import { formatChinaClock } from '../core/time/parse-time-phrase.ts';

export interface ButtonPress {
  chat: ChatRef;
  sender: UserRef;
  /** The button's data, e.g. "checkin:12". */
  data: string;
  /** Unique per press on the platform (Telegram's callback query id). */
  pressId: string;
  /** The platform id of the message carrying the button (it becomes the live list again after a restart). */
  messageId?: string;
  /** When it was pressed, if the platform says; else now. */
  at?: Date;
}

export interface ButtonAnswer {
  /** A short private notice for the presser (Telegram shows it as a toast). */
  toast: string;
}

/**
 * Handles presses of the bot's buttons. A 签到 press checks the trainee in and answers privately, so
 * a class of 300 pressing it leaves the group quiet; the session's live list (the message carrying
 * the button, edited in place) shows the count and the name.
 */
export class ButtonHandler {
  constructor(private readonly app: App) {}

  async handle(press: ButtonPress): Promise<ButtonAnswer> {
    const { app } = this;
    const now = app.clock.now();
    const at = press.at && press.at.getTime() < now.getTime() ? press.at : now;
    const fresh = await recordInbound(app.db, { chat: press.chat, sender: press.sender, text: press.data, mentions: [], addressedToBot: true, attachments: [], messageId: `button:${press.pressId}`, sentAt: at });
    if (!fresh) return { toast: '' };
    const match = /^checkin:(\d+)$/.exec(press.data);
    if (!match) return { toast: app.t('common.unknownCommand') };
    try {
      const actor = await loadActor(app.db, press.chat.platform, press.sender);
      const binding = await loadChatBinding(app.db, press.chat);
      const result = await checkIn(app, { actor, chat: press.chat, binding, messageId: `button:${press.pressId}`, at });
      const toast =
        result.kind === 'already'
          ? app.t('checkin.already', { time: result.at })
          : app.t(result.status === 'LATE' ? 'checkin.recordedLate' : 'checkin.recorded', { title: result.sessionTitle, time: formatChinaClock(at), minutes: result.minutesLate });
      if (result.kind === 'recorded' && press.chat.kind === 'group') await app.acks.add(press.chat, { name: actor.person!.name, status: result.status, minutesLate: result.minutesLate, sessionId: result.sessionId, liveMessageId: press.messageId });
      return { toast };
    } catch (error) {
      if (error instanceof UserError) return { toast: app.t(error.key, error.params) };
      app.log.error('button press failed', { data: press.data, chat: press.chat.id, error });
      return { toast: app.t('common.internalError') };
    }
  }
}
