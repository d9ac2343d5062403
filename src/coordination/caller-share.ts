import { type RateLimiter, type Slot, SlotUnavailableError } from './rate-limiter';

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

  async acquire(signal?: AbortSignal, caller?: string): Promise<Slot> {
    if (caller === undefined || this.perCaller <= 0) return this.inner.acquire(signal);
    const held = this.waiting.get(caller) ?? 0;
    if (held >= this.perCaller) {
      const message = `This caller already has ${held} ${this.area} call(s) waiting for a slot, its share of the queue`;
      throw new SlotUnavailableError(this.intervalMs, 'caller_share', message);
    }
    this.waiting.set(caller, held + 1);
    try {
      return await this.inner.acquire(signal);
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

  penalize(ms: number): Promise<void> {
    return this.inner.penalize(ms);
  }
}
