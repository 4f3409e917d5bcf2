import { DeliveryError, type PlatformSender } from '../../core/delivery.ts';
import type { OutboundMessage } from '../../core/message.ts';
import type { RobotKind } from '../../core/robots/webhook-url.ts';
import type { Logger } from '../../logger.ts';
import { PacedSender, preparation, realTime, splitText, type PaceLimits, type PacedItem, type SenderTime } from '../shared/paced-sender.ts';
import { postToRobot, RobotRefused, type RefusalReason } from './robot-api.ts';

/**
 * Both platforms allow 20 messages per robot per minute. The pacer counts a send from when its call
 * ends, so the platform never sees 21 in any minute, across bursts too (within this process).
 */
export const ROBOT_LIMITS: PaceLimits = { perChatGapMs: 500, perGroupPerMinute: 20, global: { max: 1200, windowMs: 60_000 } };
/** 680 UTF-16 units are at most 2,040 UTF-8 bytes: under WeCom's 2,048-byte text limit. */
export const ROBOT_TEXT_LIMIT = 680;

/** What the sender needs to know about robots (implemented on the database by app/robots). */
export interface RobotDirectoryPort {
  robot(id: number): Promise<{ id: number; kind: RobotKind; url: string; secret: string | undefined } | null>;
  /** Mobiles of the mentioned people (ids `person:<n>`), for the API's mention list — never the text. */
  mobiles(mentionIds: string[]): Promise<string[]>;
  /** True the first time a robot refuses after working (so the contact is told once). */
  refused(id: number, reason: string, at: Date): Promise<boolean>;
  succeeded(id: number): Promise<void>;
}

interface Item extends PacedItem {
  robot: { id: number; kind: RobotKind; url: string; secret: string | undefined };
  text: string;
  mobiles: string[];
  message: { failed: boolean };
}

export interface RobotSenderOptions {
  directory: RobotDirectoryPort;
  log: Logger;
  /** Told once when a robot starts refusing (wrong signature, removed robot): the contact should fix it. */
  onRefused?: (robotId: number, reason: RefusalReason) => Promise<void>;
  limits?: PaceLimits;
  time?: SenderTime;
}

/** The outbound side of WeCom and DingTalk group robots: paced per robot, split under the byte limit, @ by mobile. */
export class RobotSender implements PlatformSender {
  private readonly sender: PacedSender<Item>;
  private readonly time: SenderTime;

  constructor(private readonly options: RobotSenderOptions) {
    this.time = options.time ?? realTime;
    this.sender = new PacedSender<Item>(
      async (item) => {
        if (item.message.failed) throw new DeliveryError('an earlier part failed', 'retry');
        try {
          await postToRobot(item.robot, item.text, item.mobiles, this.time.now());
        } catch (error) {
          item.message.failed = true;
          throw error;
        }
      },
      options.limits ?? ROBOT_LIMITS,
      options.log.child({ part: 'robot-sender' }),
      this.time,
    );
  }

  async deliver(message: OutboundMessage, beforeSend?: () => Promise<void>): Promise<string[]> {
    const { directory, log } = this.options;
    const robotId = Number(message.chat.id);
    const robot = Number.isInteger(robotId) ? await directory.robot(robotId) : null;
    if (!robot) throw new DeliveryError('robot removed', 'permanent');
    const mobiles = await directory.mobiles((message.mentions ?? []).map((m) => m.id));
    const state = { failed: false };
    const prepare = preparation(beforeSend, state);
    const parts = splitText(message.text, ROBOT_TEXT_LIMIT).map((text, i) =>
      this.sender.submit({ chatKey: String(robot.id), isGroup: true, robot, text, mobiles: i === 0 ? mobiles : [], message: state, prepare: i === 0 ? prepare : undefined }),
    );
    const results = await Promise.allSettled(parts);
    const failed = results.find((r) => r.status === 'rejected');
    if (!failed) {
      await directory.succeeded(robot.id);
      return results.map((_, i) => `${robot.kind}:${robot.id}:${i}`);
    }
    const error = failed.reason;
    if (error instanceof RobotRefused) {
      // Logged without the webhook (it holds the key) and without the mention list (mobiles).
      log.warn('group robot refused a message', { robot: robot.id, kind: robot.kind, errcode: error.errcode });
      if (await directory.refused(robot.id, `${error.reason}:${error.errcode}`, new Date(this.time.now()))) await this.options.onRefused?.(robot.id, error.reason).catch((e: unknown) => log.error('could not tell the robot owner', { robot: robot.id, error: e }));
    }
    throw error instanceof DeliveryError ? error : new DeliveryError(String(error), 'uncertain');
  }
}
