import { setTimeout as sleep } from 'node:timers/promises';
import { type RedisConnection } from './redis';

/** No slot within the caller's deadline, or this caller already holds its share of the queue. */
export class SlotUnavailableError extends Error {
  override name = 'SlotUnavailableError';
  constructor(
    readonly retryAfterMs: number,
    readonly refusedBy: 'queue' | 'caller_share' = 'queue',
    message = `no upstream slot within the wait limit; next in ${retryAfterMs} ms`,
  ) {
    super(message);
  }
}

export interface RateLimiter {
  /**
   * Waits for a slot, or throws SlotUnavailableError when it is too far away (or `caller`
   * already waits for its share). An abort of `signal` while waiting gives the slot up.
   */
  acquire(signal?: AbortSignal, caller?: string): Promise<void>;
  /**
   * The request that acquired a slot is being written to its socket (the transport calls this
   * from undici, src/upstream/on-write.ts): no other start before one interval from now. Replicas
   * record it too, so a request held back between its slot and its write (a new connection on a
   * busy event loop) moves the next replica's start back with it.
   */
  sent(): void;
  /** The upstream answered 429: no slot before `ms` from now. */
  penalize(ms: number): Promise<void>;
}

export interface RateLimiterOptions {
  perSecond: number;
  maxWaitMs: number;
  /** Spacing added to the nominal interval, in percent of it (RATE_LIMIT_MARGIN_PERCENT). */
  marginPercent?: number;
}

export const DEFAULT_RATE_LIMIT_MARGIN_PERCENT = 10;

/**
 * Spacing between request starts: the nominal interval plus a safety margin. A start is
 * recorded when the slot is granted (by this process's clock, or by Redis's for replicas), but
 * the request reaches Vonage later by a delay that varies: a busy event loop holds the send
 * back, a new connection takes longer than a kept-alive one, and the receiver's own clock
 * stamps arrivals late when it is busy. Vonage counts arrivals, so when one request is held back
 * more than the next, their arrivals are closer than their starts; the margin absorbs that
 * difference (at 1/s, 10% = 100 ms).
 */
export function intervalMs(
  perSecond: number,
  marginPercent = DEFAULT_RATE_LIMIT_MARGIN_PERCENT,
): number {
  return Math.ceil((1000 / perSecond) * (1 + marginPercent / 100));
}

/**
 * A slot scheduler: each caller reserves the next free start time, at least one interval after
 * the previous reservation, and waits for it. Callers are served in arrival order and none
 * spins or polls. A slot is only a promise: when a busy event loop wakes a caller late, the
 * previous request may have left late too, so each start is checked once more against the
 * previous real start (`gate`) just before sending.
 */
export class LocalRateLimiter implements RateLimiter {
  private next = 0;
  private lastStart = -Infinity;
  /** Spacing between starts, in ms. */
  readonly interval: number;

  constructor(private readonly options: RateLimiterOptions) {
    this.interval = intervalMs(options.perSecond, options.marginPercent);
  }

  reserve(): number {
    return this.reserveSlot().wait;
  }

  /** The wait for the next free slot, and that slot's start time. */
  reserveSlot(): { wait: number; start: number } {
    const now = Date.now();
    const start = Math.max(now, this.next);
    const wait = start - now;
    if (wait > this.options.maxWaitMs) throw new SlotUnavailableError(wait);
    this.next = start + this.interval;
    return { wait, start };
  }

  async acquire(signal?: AbortSignal): Promise<void> {
    const { wait, start } = this.reserveSlot();
    if (wait > 0) {
      try {
        await sleep(wait, undefined, { signal });
      } catch (error) {
        this.release(start);
        throw error;
      }
    }
    await this.gate(signal);
  }

  /**
   * A waiter that gave up (its request was abandoned) hands its slot back, so the next caller
   * does not queue behind a slot nobody uses. Only the last reservation can be taken back:
   * later ones keep their times rather than be woken early.
   */
  release(start: number): void {
    if (this.next === start + this.interval && start > Date.now()) this.next = start;
  }

  /** Waits until one interval has passed since the previous real start, then records this one. */
  async gate(signal?: AbortSignal): Promise<void> {
    for (;;) {
      const gap = this.lastStart + this.interval - Date.now();
      if (gap <= 0) break;
      await sleep(gap, undefined, { signal });
    }
    this.recordStart();
  }

  recordStart(): void {
    this.lastStart = Date.now();
  }

  sent(): void {
    this.lastStart = Math.max(this.lastStart, Date.now());
  }

  async penalize(ms: number): Promise<void> {
    this.next = Math.max(this.next, Date.now() + ms);
    this.lastStart = Math.max(this.lastStart, Date.now() + ms - this.interval);
  }

  /** Records a slot granted elsewhere `wait` ms from now, so this schedule can take over. */
  follow(wait: number): void {
    this.next = Math.max(this.next, Date.now() + wait + this.interval);
  }
}

class RedisTimeout extends Error {}

// Redis TIME is the one clock every replica agrees on. Numbers are formatted with %d: Lua would
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

// The gate: a start counts only if one interval has passed since the previous real start.
const COMMIT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local interval = tonumber(ARGV[1])
local last = tonumber(redis.call('GET', KEYS[1]) or '0')
local gap = last + interval - now
if gap > 0 then return gap end
redis.call('SET', KEYS[1], string.format('%d', now), 'PX', string.format('%d', interval + 60000))
return 0
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
 * three gateways together still start at most one pricing request per second. While Redis is
 * unreachable each replica falls back to its own local schedule.
 */
export class SharedRateLimiter implements RateLimiter {
  private readonly local: LocalRateLimiter;
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

  async acquire(signal?: AbortSignal): Promise<void> {
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
    for (;;) {
      let gap: number;
      try {
        gap = Number(await this.eval(COMMIT, [String(this.interval)], [this.gateKey]));
      } catch {
        await this.local.gate(signal);
        return;
      }
      if (gap <= 0) break;
      await sleep(gap, undefined, { signal });
    }
    // Keeps the local fallback's gate in step with the shared one.
    this.local.recordStart();
  }

  /**
   * Not awaited: the command leaves right behind the request, so Redis stamps it within a
   * moment of the send, and the next gate (an interval away) sees it unless this process stalls
   * for that long. The gate's own record still holds if Redis does not answer.
   */
  sent(): void {
    this.local.sent();
    this.eval(SENT, [String(this.interval)], [this.gateKey]).catch(() => undefined);
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

/**
 * Keeps room in a limiter's queue for everyone: one caller may wait for at most `perCaller`
 * slots at a time (per process and area); beyond that it is refused at once, so a caller that
 * fires many requests cannot fill the queue and make every other caller wait past its limit.
 * Calls without a caller (unauthenticated, background refreshes) are not counted.
 */
export class CallerShare implements RateLimiter {
  private readonly waiting = new Map<string, number>();

  constructor(
    readonly inner: RateLimiter,
    private readonly perCaller: number,
    private readonly area: string,
    private readonly intervalMs: number,
  ) {}

  async acquire(signal?: AbortSignal, caller?: string): Promise<void> {
    if (caller === undefined || this.perCaller <= 0) return this.inner.acquire(signal);
    const held = this.waiting.get(caller) ?? 0;
    if (held >= this.perCaller) {
      const message = `This caller already has ${held} ${this.area} call(s) waiting for a slot, its share of the queue`;
      throw new SlotUnavailableError(this.intervalMs, 'caller_share', message);
    }
    this.waiting.set(caller, held + 1);
    try {
      await this.inner.acquire(signal);
    } finally {
      const left = (this.waiting.get(caller) ?? 1) - 1;
      if (left > 0) this.waiting.set(caller, left);
      else this.waiting.delete(caller);
    }
  }

  /** Slots `caller` waits for now. */
  waitingFor(caller: string): number {
    return this.waiting.get(caller) ?? 0;
  }

  sent(): void {
    this.inner.sent();
  }

  penalize(ms: number): Promise<void> {
    return this.inner.penalize(ms);
  }
}
