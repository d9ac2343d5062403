/**
 * Resolves after `ms`, or rejects when `signal` aborts. On the global timers (not
 * node:timers/promises), so a test's fake clock drives this schedule.
 */
function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const abort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', abort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', abort, { once: true });
  });
}

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

/** A granted start: the transport reports to it when its request leaves and when it is over. */
export interface Slot {
  /**
   * The request is being written to its socket (src/upstream/on-write.ts): no other start before
   * one interval from now. Replicas record it too, so a request held back between its slot and
   * its write (a new connection on a busy event loop) moves the next replica's start back.
   */
  sent(): void;
  /**
   * Its answer began, or it failed: if it reached the upstream at all, it did before now. Later
   * calls are ignored.
   */
  settled(): void;
}

export interface RateLimiter {
  /**
   * Waits for a slot, or throws SlotUnavailableError when it is too far away (or `caller`
   * already waits for its share). An abort of `signal` while waiting gives the slot up.
   */
  acquire(signal?: AbortSignal, caller?: string): Promise<Slot>;
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
 * Vonage counts arrivals, and a request arrives somewhere between its write and the moment its
 * answer begins (the upstream stamps it before answering). So a start one nominal interval after
 * the previous request's answer began arrives at least that long after the previous one, however
 * late the previous one was received: the receiver's own queue or the network delaying it does
 * not squeeze the two together. One ms more covers clocks read to the millisecond.
 */
export function settledSpacingMs(perSecond: number): number {
  return Math.ceil(1000 / perSecond) + 1;
}

/**
 * Areas sent at most about ten requests a second (some of Vonage's: one) wait for answers as
 * well as sends. A faster area (30 a second) is spaced by its sends alone: its interval
 * is shorter than a round trip, so waiting for each answer would cap it at one request per
 * round trip (7 a second at 150 ms), far below its limit.
 */
const ANSWER_RULE_MIN_INTERVAL_MS = 100;

/**
 * How long after a start the next one waits for that request's answer before it goes anyway; 0
 * for an area spaced by its sends alone. Generous: a receiver that stamps a request late is often
 * slow to answer it too (a catalogue of hundreds of KB on a loaded host took over 2 s, and the
 * next start, sent after 2 intervals, drew a 429), and waiting only costs time when answers are
 * that slow, which is when sending more helps least.
 */
export function settleWaitMs(interval: number): number {
  return interval < ANSWER_RULE_MIN_INTERVAL_MS ? 0 : Math.max(5 * interval, 5_000);
}

/**
 * A slot scheduler: each caller reserves the next free start time, at least one interval after
 * the previous reservation, and waits for it. Callers are served in arrival order and none
 * spins or polls. A slot is only a promise: when a busy event loop wakes a caller late, the
 * previous request may have left late too, so each start is checked once more against the
 * previous real start and its answer (`gate`) just before sending.
 */
export class LocalRateLimiter implements RateLimiter {
  private next = 0;
  private lastStart = -Infinity;
  /** When the latest start's request settled; undefined while it is outstanding. */
  private settledAt: number | undefined = -Infinity;
  private startId = 0;
  private wakers: (() => void)[] = [];
  /** Spacing between starts, in ms. */
  readonly interval: number;
  /** Spacing between an answer and the next start, in ms (`settledSpacingMs`). */
  readonly spacing: number;
  /** How long a start waits for the previous request's answer at most (`settleWaitMs`). */
  readonly settleWait: number;

  constructor(private readonly options: RateLimiterOptions) {
    this.interval = intervalMs(options.perSecond, options.marginPercent);
    this.settleWait = settleWaitMs(this.interval);
    this.spacing = this.settleWait > 0 ? settledSpacingMs(options.perSecond) : 0;
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

  async acquire(signal?: AbortSignal): Promise<Slot> {
    const { wait, start } = this.reserveSlot();
    if (wait > 0) {
      try {
        await sleep(wait, signal);
      } catch (error) {
        this.release(start);
        throw error;
      }
    }
    return this.gate(signal);
  }

  /**
   * A waiter that gave up (its request was abandoned) hands its slot back, so the next caller
   * does not queue behind a slot nobody uses. Only the last reservation can be taken back:
   * later ones keep their times rather than be woken early.
   */
  release(start: number): void {
    if (this.next === start + this.interval && start > Date.now()) this.next = start;
  }

  /**
   * Waits until one interval has passed since the previous real start and one spacing since its
   * answer (for that answer `settleWait` at most), then records this start.
   */
  async gate(signal?: AbortSignal): Promise<Slot> {
    for (;;) {
      const now = Date.now();
      let due = this.lastStart + this.interval;
      const outstanding = this.settledAt === undefined && now < this.lastStart + this.settleWait;
      if (this.settledAt !== undefined) due = Math.max(due, this.settledAt + this.spacing);
      else if (outstanding) due = Math.max(due, this.lastStart + this.settleWait);
      if (due <= now) break;
      const waits: Promise<unknown>[] = [sleep(due - now, signal)];
      if (outstanding) waits.push(new Promise<void>((resolve) => this.wakers.push(resolve)));
      await Promise.race(waits);
    }
    return this.recordStart();
  }

  /** Records a start now; its slot reports the request's write and its end. */
  recordStart(): Slot {
    this.lastStart = Date.now();
    this.settledAt = undefined;
    const id = ++this.startId;
    return {
      sent: () => {
        this.lastStart = Math.max(this.lastStart, Date.now());
      },
      settled: () => {
        if (id !== this.startId || this.settledAt !== undefined) return;
        this.settledAt = Date.now();
        for (const wake of this.wakers.splice(0)) wake();
      },
    };
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
