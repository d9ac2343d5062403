import { setTimeout as sleep } from 'node:timers/promises';

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
