import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  LocalRateLimiter,
  type RateLimiter,
  type RateLimiterOptions,
  type Slot,
  SlotUnavailableError,
} from './rate-limiter';
import { type RedisConnection } from './redis';

class RedisTimeout extends Error {}

// Redis TIME is the one clock every replica agrees on. Integers are formatted with %d: Lua would
// otherwise write large timestamps in exponent notation.
const RESERVE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local interval = tonumber(ARGV[1])
local maxWait = tonumber(ARGV[2])
local nextSlot = tonumber(redis.call('GET', KEYS[1]) or '0')
local start = math.max(now, nextSlot)
local wait = start - now
if wait > maxWait then return {0, wait} end
redis.call('SET', KEYS[1], string.format('%d', start + interval), 'PX', string.format('%d', wait + interval + 60000))
return {1, wait, start}
`;

// A waiter that gave up hands its slot back, if no later slot was reserved after it (later ones
// keep their times rather than be woken early).
const RELEASE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local start = tonumber(ARGV[1])
local nextSlot = tonumber(redis.call('GET', KEYS[1]) or '0')
if nextSlot == start + tonumber(ARGV[2]) and start > now then
  redis.call('SET', KEYS[1], string.format('%d', start), 'PX', string.format('%d', start - now + 60000))
  return 1
end
return 0
`;

// The gate: a start counts only if one interval has passed since the previous real start (KEYS[1])
// and one spacing since that request settled (KEYS[2], a hash: the start's id, and when it
// settled). While it is outstanding the start waits for it, `settleWait` after it at most; the
// reply {gap, outstanding} says how long, and whether an earlier settle may cut the wait short.
const COMMIT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local interval = tonumber(ARGV[1])
local spacing = tonumber(ARGV[2])
local settleWait = tonumber(ARGV[3])
local last = tonumber(redis.call('GET', KEYS[1]) or '0')
local due = last + interval
local outstanding = 0
local settled = redis.call('HGET', KEYS[2], 'settled')
if settled then
  due = math.max(due, tonumber(settled) + spacing)
elseif redis.call('EXISTS', KEYS[2]) == 1 and now < last + settleWait then
  due = math.max(due, last + settleWait)
  outstanding = 1
end
if due > now then return {due - now, outstanding} end
local ttl = string.format('%d', settleWait + interval + 60000)
redis.call('SET', KEYS[1], string.format('%d', now), 'PX', ttl)
redis.call('DEL', KEYS[2])
redis.call('HSET', KEYS[2], 'id', ARGV[4])
redis.call('PEXPIRE', KEYS[2], ttl)
return {0, 0}
`;

// The request of start ARGV[1] settled, if no other start came after it.
const SETTLED = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
if redis.call('HGET', KEYS[1], 'id') == ARGV[1] and not redis.call('HGET', KEYS[1], 'settled') then
  redis.call('HSET', KEYS[1], 'settled', string.format('%d', now))
end
return 1
`;

// After the send: the real start, by Redis's clock, if later than the one the gate recorded.
const SENT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local last = tonumber(redis.call('GET', KEYS[1]) or '0')
if now > last then
  redis.call('SET', KEYS[1], string.format('%d', now), 'PX', string.format('%d', tonumber(ARGV[1]) + 60000))
end
return 1
`;

const PENALIZE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local blockedUntil = now + tonumber(ARGV[1])
local ttl = string.format('%d', tonumber(ARGV[1]) + 60000)
local nextSlot = tonumber(redis.call('GET', KEYS[1]) or '0')
if blockedUntil > nextSlot then
  redis.call('SET', KEYS[1], string.format('%d', blockedUntil), 'PX', ttl)
end
-- Callers already holding a slot pass the gate no earlier than the end of the block either.
local lastStart = blockedUntil - tonumber(ARGV[2])
local last = tonumber(redis.call('GET', KEYS[2]) or '0')
if lastStart > last then
  redis.call('SET', KEYS[2], string.format('%d', lastStart), 'PX', ttl)
end
return 1
`;

/**
 * The same scheduler kept in Redis, so every replica sharing REDIS_URL draws from one schedule:
 * three gateways together still start at most one request per second of a 1/s area. While Redis is
 * unreachable each replica falls back to its own local schedule.
 */
export class SharedRateLimiter implements RateLimiter {
  private readonly local: LocalRateLimiter;
  /** Names this replica's starts in the shared gate, so only its own request settles one. */
  private readonly idPrefix = `${randomBytes(6).toString('hex')}:`;
  private starts = 0;
  /** Reservations made locally because Redis could not be used. */
  fallbacks = 0;

  constructor(
    private readonly redis: RedisConnection,
    private readonly key: string,
    private readonly options: RateLimiterOptions & { timeoutMs: number },
  ) {
    this.local = new LocalRateLimiter(options);
  }

  private get interval(): number {
    return this.local.interval;
  }

  /** How often a gate waiting for another replica's answer asks Redis again. */
  private get pollMs(): number {
    return Math.min(50, Math.max(5, Math.ceil(this.local.spacing / 20)));
  }

  async acquire(signal?: AbortSignal): Promise<Slot> {
    const { wait, start, shared } = await this.reserve();
    if (wait > 0) {
      try {
        await sleep(wait, undefined, { signal });
      } catch (error) {
        if (shared) await this.release(start);
        else this.local.release(start);
        throw error;
      }
    }
    const id = `${this.idPrefix}${++this.starts}`;
    const args = [this.interval, this.local.spacing, this.local.settleWait].map(String);
    for (;;) {
      let gap: number;
      let outstanding: number;
      try {
        const reply = await this.eval(COMMIT, [...args, id], [this.gateKey, this.turnKey]);
        [gap, outstanding] = (reply as [number, number]).map(Number);
      } catch {
        return this.local.gate(signal);
      }
      if (gap <= 0) break;
      // Polled while the previous request is outstanding: its answer may come any moment.
      await sleep(outstanding ? Math.min(gap, this.pollMs) : gap, undefined, { signal });
    }
    // Keeps the local fallback's gate in step with the shared one.
    const local = this.local.recordStart();
    return {
      // Not awaited: the command leaves right behind the request, so Redis stamps it within a
      // moment of the send, and the next gate (an interval away) sees it unless this process
      // stalls for that long. The gate's own record still holds if Redis does not answer.
      sent: () => {
        local.sent();
        this.eval(SENT, [String(this.interval)], [this.gateKey]).catch(() => undefined);
      },
      settled: () => {
        local.settled();
        this.eval(SETTLED, [id], [this.turnKey]).catch(() => undefined);
      },
    };
  }

  async penalize(ms: number): Promise<void> {
    await this.local.penalize(ms);
    await this.eval(
      PENALIZE,
      [String(Math.ceil(ms)), String(this.interval)],
      [this.key, this.gateKey],
    ).catch(() => undefined);
  }

  private async release(start: number): Promise<void> {
    await this.eval(RELEASE, [String(start), String(this.interval)]).catch(() => undefined);
  }

  /** The wait for a slot, and the slot's start: by Redis's clock, or the local fallback's. */
  private async reserve(): Promise<{ wait: number; start: number; shared: boolean }> {
    let reply: unknown;
    try {
      reply = await this.eval(RESERVE, [String(this.interval), String(this.options.maxWaitMs)]);
    } catch (error) {
      this.fallbacks++;
      // A command that timed out may still have reserved a slot in Redis: assume it did.
      if (error instanceof RedisTimeout) this.local.follow(this.interval);
      return { ...this.local.reserveSlot(), shared: false };
    }
    const [granted, wait, start] = reply as [number, number, number];
    if (!granted) throw new SlotUnavailableError(Number(wait));
    // If Redis goes away, the local fallback starts after the last shared slot, not before it.
    this.local.follow(Number(wait));
    return { wait: Number(wait), start: Number(start), shared: true };
  }

  private get gateKey(): string {
    return `${this.key}:last`;
  }

  private get turnKey(): string {
    return `${this.key}:turn`;
  }

  private async eval(script: string, args: string[], keys = [this.key]): Promise<unknown> {
    // At least 1 s: under CPU load the event loop, not Redis, is what makes a reply late.
    const outcome = await this.redis.run(
      () => this.redis.client.eval(script, { keys, arguments: args }),
      Math.max(this.options.timeoutMs, 1_000),
    );
    if (outcome.ok) return outcome.value;
    throw outcome.reason === 'timeout' ? new RedisTimeout() : new Error(`redis ${outcome.reason}`);
  }
}
