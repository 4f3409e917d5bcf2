import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import type { Logger } from '../../logger.ts';

/** A send's place in the shared windows, given back when its call ends. */
export interface SharedSlot {
  member: string;
  chatKey: string;
  isGroup: boolean;
}

/** What a send asks of the account's shared budget. */
export interface SharedTake {
  chatKey: string;
  isGroup: boolean;
  /** The gap the next send into this chat waits after this one (jitter included). */
  gapMs: number;
  accountMax: number;
  accountWindowMs: number;
  groupMax: number;
  groupWindowMs: number;
}

/**
 * One platform account's sending budget shared by every process that sends for it: the account's
 * rate window, each group's minute, each chat's gap and an account-wide hold (QQ's risk control).
 * Any method may throw when the shared store cannot be reached; the pacer then falls back to a
 * local share (`localShare`).
 */
export interface SharedPace {
  /** The fraction of the budget one process allows itself while the shared store is unreachable. */
  readonly localShare: number;
  readonly log: Logger;
  /** A slot when the send may go now, else how long to wait (`held`: the account is held back). */
  take(request: SharedTake): Promise<{ slot: SharedSlot } | { waitMs: number; held: boolean }>;
  /** The call ended now: the slot counts from here. */
  finish(slot: SharedSlot): Promise<void>;
  /** Holds the whole account back for `ms` (never shortens a longer hold); true when this call began the hold. */
  hold(ms: number): Promise<boolean>;
  /** Local time until which another process's hold was last seen. */
  readonly heldUntil: number;
}

/**
 * A send under way counts as happening now; a process that dies mid-call leaves its slot counted
 * as ended this long after it was taken (longer than any platform call).
 */
const IN_FLIGHT_MS = 60_000;
/** How long to look again when the whole budget is in flight (their end decides). */
const IN_FLIGHT_POLL_MS = 10;

// Times come from Redis's clock so processes on several machines agree. A slot's score is when its
// call ended, or (taken, not ended) IN_FLIGHT_MS ahead, which keeps it in every window meanwhile.
const TAKE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local held = redis.call('PTTL', KEYS[4])
if held > 0 then return {held, 1} end
local member, inflight, poll = ARGV[1], tonumber(ARGV[7]), tonumber(ARGV[8])
local function room(key, max, window)
  redis.call('ZREMRANGEBYSCORE', key, '-inf', now - window)
  if redis.call('ZCARD', key) < max then return 0 end
  local oldest = tonumber(redis.call('ZRANGE', key, 0, 0, 'WITHSCORES')[2])
  if oldest > now then return poll end
  return oldest + window - now
end
local wait = 0
local last = redis.call('HMGET', KEYS[3], 't', 'gap')
if last[1] then
  local ended = tonumber(last[1])
  wait = ended > now and poll or ended + tonumber(last[2]) - now
end
local groupMax = tonumber(ARGV[4])
if groupMax > 0 then wait = math.max(wait, room(KEYS[2], groupMax, tonumber(ARGV[5]))) end
wait = math.max(wait, room(KEYS[1], tonumber(ARGV[2]), tonumber(ARGV[3])))
if wait > 0 then return {wait, 0} end
redis.call('ZADD', KEYS[1], now + inflight, member)
redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[3]) + inflight)
if groupMax > 0 then
  redis.call('ZADD', KEYS[2], now + inflight, member)
  redis.call('PEXPIRE', KEYS[2], tonumber(ARGV[5]) + inflight)
end
redis.call('HSET', KEYS[3], 't', now + inflight, 'gap', ARGV[6], 'm', member)
redis.call('PEXPIRE', KEYS[3], tonumber(ARGV[6]) + inflight)
return {0, 0}
`;

const FINISH = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZADD', KEYS[1], 'XX', now, ARGV[1])
if ARGV[2] == '1' then redis.call('ZADD', KEYS[2], 'XX', now, ARGV[1]) end
if redis.call('HGET', KEYS[3], 'm') == ARGV[1] then redis.call('HSET', KEYS[3], 't', now) end
return 0
`;

const HOLD = `
local began = redis.call('SET', KEYS[1], '1', 'PX', ARGV[1], 'NX')
if began then return 1 end
redis.call('PEXPIRE', KEYS[1], ARGV[1], 'GT')
return 0
`;

type PaceRedis = Redis & {
  paceTake(...args: (string | number)[]): Promise<[number, number]>;
  paceFinish(...args: (string | number)[]): Promise<number>;
  paceHold(...args: (string | number)[]): Promise<number>;
};

/**
 * The shared budgets of every account on one Redis. A command waits at most a second (while the
 * connection is being made, at start-up) and fails as soon as a reconnection fails, so a send never
 * waits long on a dead Redis; the pacer falls back to its local share.
 */
export class RedisPaces {
  private readonly redis: PaceRedis;

  constructor(
    url: string,
    private readonly log: Logger,
    private readonly options: { localShare: number; prefix?: string },
  ) {
    this.redis = new Redis(url, { maxRetriesPerRequest: 0, commandTimeout: 1000, retryStrategy: (n) => Math.min(n * 200, 2000) }) as PaceRedis;
    this.redis.on('error', () => undefined);
    this.redis.defineCommand('paceTake', { numberOfKeys: 4, lua: TAKE });
    this.redis.defineCommand('paceFinish', { numberOfKeys: 3, lua: FINISH });
    this.redis.defineCommand('paceHold', { numberOfKeys: 1, lua: HOLD });
  }

  /** The shared budget of one account, e.g. `telegram:123456` (never a secret: a bot id, not its token). */
  account(account: string): SharedPace {
    const redis = this.redis;
    // One hash tag per account: its keys stay in one slot on a Redis Cluster.
    const base = `${this.options.prefix ?? 'yanxiu:pace'}:{${account}}`;
    const keys = (chatKey: string) => [`${base}:sent`, `${base}:group:${chatKey}`, `${base}:chat:${chatKey}`, `${base}:hold`];
    const state = { heldUntil: 0 };
    return {
      localShare: this.options.localShare,
      log: this.log.child({ account }),
      get heldUntil() {
        return state.heldUntil;
      },
      async take(request) {
        const member = randomUUID();
        const [wait, held] = await redis.paceTake(...keys(request.chatKey), member, request.accountMax, request.accountWindowMs, request.isGroup ? request.groupMax : 0, request.groupWindowMs, Math.round(request.gapMs), IN_FLIGHT_MS, IN_FLIGHT_POLL_MS);
        if (held) state.heldUntil = Date.now() + wait;
        return wait > 0 ? { waitMs: wait, held: held === 1 } : { slot: { member, chatKey: request.chatKey, isGroup: request.isGroup } };
      },
      async finish(slot) {
        const [sent, group, chat] = keys(slot.chatKey);
        await redis.paceFinish(sent!, group!, chat!, slot.member, slot.isGroup ? '1' : '0');
      },
      async hold(ms) {
        state.heldUntil = Math.max(state.heldUntil, Date.now() + ms);
        return (await redis.paceHold(`${base}:hold`, Math.round(ms))) === 1;
      },
    };
  }

  async close(): Promise<void> {
    this.redis.disconnect();
  }
}
