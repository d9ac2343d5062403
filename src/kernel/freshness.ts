/**
 * What one request's answer is made of, as far as reusing it goes: recorded while the answer is
 * made (each piece of data by the request's loader that serves it, an error where the execution
 * meets it), read once it is made by the response layer (src/http), which decides from this
 * alone how long the answer may be cached and whether it may be handed on. Nothing else writes
 * here, and the response layer writes nothing back.
 *
 * The answer is as fresh as the least fresh data it touched; data without a known freshness
 * (read live, per caller) makes it uncacheable; an error also keeps it from being handed on.
 */
export class Freshness {
  private until = Number.POSITIVE_INFINITY;
  private noted = false;
  private never = false;
  private failed = false;

  /** Data served that may be reused until this time (epoch ms). */
  freshUntil(epochMs: number): void {
    this.noted = true;
    if (epochMs < this.until) this.until = epochMs;
  }

  /** Data served that must not be reused: read live, per caller, or a failed read. */
  uncacheable(): void {
    this.never = true;
  }

  /** An error went into the answer: it may be neither cached nor handed on. */
  error(): void {
    this.failed = true;
    this.never = true;
  }

  /** Whether the answer may be handed to identical requests made meanwhile: it has no error. */
  get shareable(): boolean {
    return !this.failed;
  }

  /** Whole seconds the answer may be cached, or undefined when it must not be. */
  maxAgeSeconds(now = Date.now()): number | undefined {
    if (this.never || !this.noted) return undefined;
    const seconds = Math.floor((this.until - now) / 1000);
    return seconds >= 1 ? seconds : undefined;
  }

  /** Until when (epoch ms) the answer may be reused, or undefined when it must not be. */
  reusableUntil(now = Date.now()): number | undefined {
    return this.maxAgeSeconds(now) === undefined ? undefined : this.until;
  }
}
