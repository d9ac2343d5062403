import { type Limiter } from './area';

/**
 * Vonage's per-account limit as strict spacing: a request goes through only when at least
 * 1000/rate ms have passed since the last one that went through, counted from when each arrived
 * (not from when its turn to be answered came), with no burst allowance, so the second of two
 * back-to-back Pricing calls is refused as it is upstream. The rate is read on every
 * request so a test can change it between requests; 0 or less lifts the limit. Requests let
 * through while the limit is lifted still count as the last one.
 */
export class SpacingLimiter implements Limiter {
  private lastAllowed: number | undefined;

  constructor(private readonly perSecond: () => number) {}

  tryTake(arrivedAt: number): boolean {
    const rate = this.perSecond();
    const spacing = rate > 0 ? 1000 / rate : 0;
    if (this.lastAllowed !== undefined && arrivedAt - this.lastAllowed < spacing) return false;
    this.lastAllowed = arrivedAt;
    return true;
  }

  /** Forgets the history: the next request goes through. */
  clear(): void {
    this.lastAllowed = undefined;
  }
}
