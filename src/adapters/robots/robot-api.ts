import { createHmac } from 'node:crypto';
import { DeliveryError } from '../../core/delivery.ts';
import type { RobotKind } from '../../core/robots/webhook-url.ts';

// The two robot APIs as documented: WeCom's group robot (POST …/cgi-bin/webhook/send?key=KEY, text
// with mentioned_mobile_list, ≤ 2048 bytes) and DingTalk's custom robot (POST …/robot/send?
// access_token=T&timestamp=&sign=, text with at.atMobiles, signed with HMAC-SHA256 of
// "timestamp\nsecret"). Both answer HTTP 200 with { errcode, errmsg }.

/** Why a robot refused, for the contact who set it up. */
export type RefusalReason = 'sign' | 'credential' | 'other';

export class RobotRefused extends DeliveryError {
  constructor(
    readonly kind: RobotKind,
    readonly errcode: number,
    readonly reason: RefusalReason,
    errmsg: string,
  ) {
    super(`${kind} robot refused: ${errcode} ${errmsg.slice(0, 120)}`, 'permanent');
  }
}

/** Errcodes meaning "too many messages this minute": certainly not posted, so tried again later. */
const RATE_LIMITED: Record<RobotKind, number[]> = { wecom: [45009], dingtalk: [130101, 410100] };
/** Errcodes meaning the webhook itself is wrong (removed robot, bad key or token). */
const BAD_CREDENTIAL: Record<RobotKind, number[]> = { wecom: [93000, 40001, 40014], dingtalk: [300001, 300005, 400101, 400102] };

/** DingTalk's signature: urlEncode(base64(HmacSHA256(secret, timestamp + "\n" + secret))). */
export function dingtalkSign(secret: string, timestamp: number): string {
  return createHmac('sha256', secret).update(`${timestamp}\n${secret}`).digest('base64');
}

/** The request body for one text message with its mention list. */
export function robotBody(kind: RobotKind, text: string, mobiles: string[]): object {
  if (kind === 'wecom') return { msgtype: 'text', text: { content: text, ...(mobiles.length ? { mentioned_mobile_list: mobiles } : {}) } };
  return { msgtype: 'text', text: { content: text }, at: { atMobiles: mobiles, isAtAll: false } };
}

/** Connection errors where the request never reached the platform. */
const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH']);

/**
 * Posts one message. Resolves when the platform accepted it; throws DeliveryError: `retry` when it
 * certainly was not posted (refused connection, rate limit), `permanent` when the platform refused
 * it (RobotRefused), `uncertain` when the call broke after it may have arrived.
 */
export async function postToRobot(robot: { kind: RobotKind; url: string; secret: string | undefined }, text: string, mobiles: string[], now: number, timeoutMs = 10_000): Promise<void> {
  let url = robot.url;
  if (robot.kind === 'dingtalk' && robot.secret) url += `&timestamp=${now}&sign=${encodeURIComponent(dingtalkSign(robot.secret, now))}`;
  let response: Response;
  try {
    // Never follow a redirect: the only host we post to is the one that was checked.
    response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json; charset=utf-8' }, body: JSON.stringify(robotBody(robot.kind, text, mobiles)), redirect: 'error', signal: AbortSignal.timeout(timeoutMs) });
  } catch (error) {
    const code = ((error as { cause?: { code?: string } }).cause?.code ?? '') as string;
    throw new DeliveryError(`${robot.kind} robot unreachable: ${code || (error as Error).name}`, NOT_SENT.has(code) ? 'retry' : 'uncertain');
  }
  if (response.status === 429) throw new DeliveryError(`${robot.kind} robot: HTTP 429`, 'retry');
  if (!response.ok) throw new DeliveryError(`${robot.kind} robot: HTTP ${response.status}`, response.status >= 500 ? 'uncertain' : 'permanent');
  const answer = (await response.json().catch(() => null)) as { errcode?: number; errmsg?: string } | null;
  if (!answer || typeof answer.errcode !== 'number') throw new DeliveryError(`${robot.kind} robot: an answer without errcode`, 'uncertain');
  if (answer.errcode === 0) return;
  if (RATE_LIMITED[robot.kind].includes(answer.errcode)) throw new DeliveryError(`${robot.kind} robot rate limit: ${answer.errcode}`, 'retry');
  const reason: RefusalReason = robot.kind === 'dingtalk' && answer.errcode === 310000 ? 'sign' : BAD_CREDENTIAL[robot.kind].includes(answer.errcode) ? 'credential' : 'other';
  throw new RobotRefused(robot.kind, answer.errcode, reason, answer.errmsg ?? '');
}
