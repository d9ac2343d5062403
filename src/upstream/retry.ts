import { type UpstreamError } from './errors';

export interface RetryPolicy {
  maxRetries: number;
  /** First backoff; each later one doubles. The wait is jittered between half and all of it. */
  baseDelayMs: number;
  /** A longer wait (from Retry-After or backoff) is not worth it: the error goes to the caller. */
  maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxRetries: 2,
  baseDelayMs: 100,
  maxDelayMs: 5_000,
};

/**
 * Only reads are retried: network errors, 429 and 5xx. A POST can spend money or change a resource, and a
 * second send after a lost answer can charge twice, so POSTs are never retried here.
 */
export function isRetryable(error: UpstreamError, idempotent: boolean): boolean {
  if (!idempotent) return false;
  // A rate limit hit before sending (our own limiter) already waited as long as allowed.
  if (error.kind === 'rate_limited') return error.outcome === 'answered';
  return error.kind === 'unavailable';
}

/**
 * The wait before retry number `attempt` (1-based), or null to give up. Retry-After is honoured
 * as given; otherwise exponential backoff with jitter.
 */
export function retryDelayMs(
  error: UpstreamError,
  attempt: number,
  policy: RetryPolicy,
  random: () => number = Math.random,
): number | null {
  if (attempt > policy.maxRetries) return null;
  if (error.retryAfterSeconds !== undefined) {
    const wait = error.retryAfterSeconds * 1000;
    return wait <= policy.maxDelayMs ? wait : null;
  }
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/** Retry-After is either delta-seconds or an HTTP date. */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim());
  const date = Date.parse(value);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, Math.ceil((date - now) / 1000));
}
