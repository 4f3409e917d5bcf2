import { z } from 'zod';
import type { Actor, ChatBinding } from './actor.ts';
import type { App } from './app.ts';
import type { InboundMessage, OutboundMessage } from '../core/message.ts';
import type { Audience } from '../core/permissions.ts';
import type { SentenceReader } from '../core/text/sentence.ts';
import type { MessageKey } from '../i18n/index.ts';

/** What a command handler gets: the message, who sent it, where, and ways to answer. Never a platform object. */
export interface CommandContext {
  app: App;
  message: InboundMessage;
  actor: Actor;
  binding: ChatBinding | null;
  /** When the user acted (the message time, never later than now). */
  at: Date;
  /** Replies in the same chat; in a group the sender is @mentioned. */
  reply(key: MessageKey, params?: Record<string, string | number>, extra?: Partial<OutboundMessage>): Promise<void>;
  /**
   * Sends details to the sender privately. In a group it also says so there — or, where the platform
   * cannot reach them privately yet, asks them to open a private chat (with a link button).
   */
  sendDetailsPrivately(text: string, keys: { sent: MessageKey; unreachable: MessageKey }, extra?: Partial<OutboundMessage>): Promise<void>;
}

/** A question that gets a one-line answer instead of silence: 「口令是多少」, 「忘记签到了怎么办」. */
export interface QuestionAnswer {
  /** The question's shape, tried on the normalised text of a message that is no command. */
  asks: RegExp;
  /** The answer for this person in this chat, or null when there is nothing to say here (the message goes on as before). */
  answer(ctx: { app: App; message: InboundMessage; actor: Actor; binding: ChatBinding | null }): Promise<string | null>;
}

export interface Command<A = unknown> {
  /** Stable id; also the message-catalogue prefix `commands.<id>.usage|summary`. */
  id: 'checkin' | 'leave' | 'hours' | 'bind' | 'help' | 'createSession' | 'closeSession' | 'approveLeave' | 'rejectLeave' | 'bindGroup' | 'createClass' | 'grantRole' | 'attendance' | 'cancelSession' | 'broadcast' | 'confirm' | 'cancelDraft' | 'openingNotice' | 'ackNotice' | 'noticeTally' | 'substitution' | 'approveSubstitution' | 'rejectSubstitution' | 'bindSchoolGroup' | 'rosterCheck' | 'changeSession' | 'deliveries' | 'resend' | 'createAssignment' | 'submitAssignment' | 'myAssignments' | 'assignmentBoard' | 'acceptSubmission' | 'returnSubmission' | 'statistics' | 'export' | 'startSurvey' | 'answerSurvey' | 'surveyResults' | 'accreditHours' | 'rejectHours' | 'recordHours' | 'writeLog' | 'logRequirement' | 'consoleLogin' | 'rotatingCode' | 'rotatingCodeOff' | 'setRobot' | 'correctAttendance' | 'requestMakeup' | 'timetable' | 'setTimetable' | 'classInfo' | 'setClassInfo'
    | 'myCompletion' | 'completionStatus' | 'hoursCertificate' | 'completionCertificate' | 'revokeCertificate' | 'endClass' | 'registrationExport';
  /** Chinese words that start the command (longest match wins across all commands). */
  words: string[];
  /** Words that count only as the whole message (e.g. 「到」, which starts many sentences). */
  exactWords?: string[];
  /**
   * Other ways people say it, matched like `words` but weaker: 「同意」 answers a leave prompt as often
   * as 「准假」 does. Several commands may share one; the first that can act on the message does, and
   * in a group a synonym that no command can act on (nothing pending, no such name) stays silent.
   */
  synonyms?: string[];
  /**
   * Whole messages that mean the command however they are phrased (matched once decoration and
   * courtesy are off): 「我还差多少学时」 is a request, not a question about hours. The named group
   * `rest`, if any, is the argument text.
   */
  phrases?: RegExp[];
  /**
   * Readers of the command written as a sentence, the verb in the middle or at the end (「我明天上午要去
   * 医院，请假半天」): tried only when no command word starts the message, so the check-in path stays cheap.
   */
  sentences?: SentenceReader[];
  /** Questions about the command answered from what the bot knows (「口令是多少」), even unaddressed; they never act. */
  questions?: QuestionAnswer[];
  /** In a group, a message one character away from a word (「签道」) gets a friendly hint. */
  hintInGroups?: boolean;
  /** Slash forms for Telegram and habit: /checkin. */
  slash: string[];
  /** Who may use it; admins may use everything. */
  audience: Audience[];
  /**
   * The command word often starts ordinary sentences (「签到表发我一下」): the word glued to more
   * Chinese text is chatter, not this command; after a space or comma the rest is only an argument.
   */
  startsSentences?: boolean;
  /**
   * The command word is common in conversation (「通知大家…」): in a group, from someone who may not
   * use the command and did not address the bot, it is chatter and gets no reply.
   */
  quietWhenNotPermitted?: boolean;
  /** 'group' when the command only makes sense in a group chat. */
  where?: 'group' | 'any';
  /**
   * Turns the text after the command word (and the message's mentions) into raw arguments. `rest` is
   * normalised (half-width, single spaces); `verbatim` keeps the user's own punctuation for free text.
   */
  parse(rest: string, message: InboundMessage, verbatim: string): unknown;
  /** Validates the raw arguments; issue messages may be message keys, translated for the reply. */
  args: z.ZodType<A>;
  run(ctx: CommandContext, args: A): Promise<void>;
}

/** Declares a command with its argument type inferred from the schema. */
export function defineCommand<A>(command: Command<A>): Command<A> {
  return command;
}

/** The parse and args of a command that takes no arguments (anything after the word is ignored). */
export const noArguments = { parse: (): Record<string, never> => ({}), args: z.object({}) };
