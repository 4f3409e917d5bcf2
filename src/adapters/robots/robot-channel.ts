import type { App } from '../../app/app.ts';
import { RobotDirectory } from '../../features/notices/robot-store.ts';
import { tellRobotOwner } from '../../features/notices/robots.ts';
import type { AppConfig } from '../../config.ts';
import type { Db } from '../../db/client.ts';
import type { Logger } from '../../logger.ts';
import type { PaceLimits, SenderTime } from '../shared/paced-sender.ts';
import { RobotSender } from './robot-sender.ts';

/**
 * The group robots' sender on the database's robots, telling the robot's owner when it refuses.
 * `app` is asked for lazily: the sender is built before the bot that owns the app.
 */
export function createRobotSender(db: Db, config: Pick<AppConfig, 'secretKey' | 'dataDir'>, log: Logger, app: () => App | undefined, options: { limits?: PaceLimits; time?: SenderTime } = {}): RobotSender {
  return new RobotSender({
    directory: new RobotDirectory(db, config),
    log: log.child({ platform: 'robot' }),
    onRefused: async (robotId, reason) => {
      const current = app();
      if (current) await tellRobotOwner(current, robotId, reason);
    },
    ...options,
  });
}
