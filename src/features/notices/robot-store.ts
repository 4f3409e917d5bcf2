import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { AppConfig } from '../../config.ts';
import { SecretBox } from '../../core/robots/secret-box.ts';
import type { RobotKind } from '../../core/robots/webhook-url.ts';
import type { Db } from '../../db/client.ts';

/** The platform name robot deliveries travel under in the delivery log; the chat id is the robot's id. */
export const ROBOT_PLATFORM = 'robot';

const boxes = new Map<string, SecretBox>();

/**
 * The box that seals robot credentials: from SECRET_KEY, else from `DATA_DIR/secret.key`, written
 * (32 random bytes, owner-only) on first use. Losing that file means setting the robots up again.
 */
export function robotSecretBox(config: Pick<AppConfig, 'secretKey' | 'dataDir'>): SecretBox {
  const id = config.secretKey ? `key:${config.secretKey}` : `file:${path.resolve(config.dataDir)}`;
  let box = boxes.get(id);
  if (!box) {
    box = new SecretBox(config.secretKey ?? keyFromFile(path.join(config.dataDir, 'secret.key')));
    boxes.set(id, box);
  }
  return box;
}

function keyFromFile(file: string): Buffer {
  try {
    return Buffer.from(readFileSync(file, 'utf8').trim(), 'hex');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    mkdirSync(path.dirname(file), { recursive: true });
    const key = randomBytes(32);
    writeFileSync(file, `${key.toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
    return key;
  }
}

/** A robot as the sender needs it: where to post and, for DingTalk, the signing secret. */
export interface OpenedRobot {
  id: number;
  kind: RobotKind;
  url: string;
  secret: string | undefined;
}

/** Reads robots and the mobiles to @ for the robot sender; records refusals (see `refused`). */
export class RobotDirectory {
  constructor(
    private readonly db: Db,
    private readonly config: Pick<AppConfig, 'secretKey' | 'dataDir'>,
  ) {}

  async robot(id: number): Promise<OpenedRobot | null> {
    const row = await this.db.groupRobot.findUnique({ where: { id } });
    if (!row) return null;
    const box = robotSecretBox(this.config);
    return { id: row.id, kind: row.kind as RobotKind, url: box.open(row.webhook), secret: row.secret ? box.open(row.secret) : undefined };
  }

  /** The roster mobiles of these people (mention ids `person:<id>`), for the API's mention list only. */
  async mobiles(mentionIds: string[]): Promise<string[]> {
    const ids = mentionIds.map((m) => /^person:(\d+)$/.exec(m)?.[1]).filter((x) => x !== undefined).map(Number);
    if (ids.length === 0) return [];
    const people = await this.db.person.findMany({ where: { id: { in: ids } }, select: { phone: true } });
    return people.map((p) => p.phone).filter((p): p is string => !!p && /^1\d{10}$/.test(p));
  }

  /** Records why the platform refused; true the first time (since the last success), so the contact is told once. */
  async refused(id: number, reason: string, at: Date): Promise<boolean> {
    const updated = await this.db.groupRobot.updateMany({ where: { id, lastError: null }, data: { lastError: reason, lastErrorAt: at } });
    if (updated.count === 0) await this.db.groupRobot.updateMany({ where: { id }, data: { lastError: reason, lastErrorAt: at } });
    return updated.count === 1;
  }

  async succeeded(id: number): Promise<void> {
    await this.db.groupRobot.updateMany({ where: { id, lastError: { not: null } }, data: { lastError: null, lastErrorAt: null } });
  }
}
