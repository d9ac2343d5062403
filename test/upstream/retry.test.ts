import { UpstreamError, type UpstreamErrorKind } from '../../src/upstream/errors';
import { isRetryable, parseRetryAfter, retryDelayMs } from '../../src/upstream/retry';

function failure(kind: UpstreamErrorKind, retryAfterSeconds?: number): UpstreamError {
  return new UpstreamError('x', {
    kind,
    operation: 'op',
    method: 'GET',
    url: 'u',
    outcome: 'answered',
    retryAfterSeconds,
  });
}

const policy = { maxRetries: 2, baseDelayMs: 100, maxDelayMs: 5000 };

describe('retry policy', () => {
  it('retries reads after unavailability and rate limiting only', () => {
    expect(isRetryable(failure('unavailable'), true)).toBe(true);
    expect(isRetryable(failure('rate_limited'), true)).toBe(true);
    expect(isRetryable(failure('rejected'), true)).toBe(false);
    expect(isRetryable(failure('unauthorized'), true)).toBe(false);
    expect(isRetryable(failure('bad_response'), true)).toBe(false);
  });

  it('never retries writes, whatever the failure', () => {
    expect(isRetryable(failure('unavailable'), false)).toBe(false);
    expect(isRetryable(failure('rate_limited'), false)).toBe(false);
  });

  it('gives up after the configured number of retries', () => {
    expect(retryDelayMs(failure('unavailable'), 2, policy, () => 0)).not.toBeNull();
    expect(retryDelayMs(failure('unavailable'), 3, policy, () => 0)).toBeNull();
  });

  it('backs off exponentially with jitter between half and all of the step', () => {
    expect(retryDelayMs(failure('unavailable'), 1, policy, () => 0)).toBe(50);
    expect(retryDelayMs(failure('unavailable'), 1, policy, () => 1)).toBe(100);
    expect(retryDelayMs(failure('unavailable'), 2, policy, () => 1)).toBe(200);
  });

  it('honours Retry-After, and gives up when it asks for longer than the cap', () => {
    expect(retryDelayMs(failure('rate_limited', 1), 1, policy)).toBe(1000);
    expect(retryDelayMs(failure('rate_limited', 60), 1, policy)).toBeNull();
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    expect(parseRetryAfter('3')).toBe(3);
    const now = Date.parse('2026-11-24T12:00:00Z');
    expect(parseRetryAfter('Tue, 24 Nov 2026 12:00:05 GMT', now)).toBe(5);
    expect(parseRetryAfter('soon')).toBeUndefined();
  });
});
