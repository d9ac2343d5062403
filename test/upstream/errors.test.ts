import { errorFromResponse } from '../../src/upstream/errors';

const context = (status: number) => ({
  operation: 'topUp',
  method: 'POST',
  url: 'https://rest.nexmo.com/account/top-up',
  status,
  traceId: 'trace-1',
  retryAfterSeconds: 2,
});

describe('errorFromResponse', () => {
  it('accepts 2xx with no error-code or error-code "200" as success', () => {
    expect(errorFromResponse({ value: '1' }, context(200))).toBeNull();
    expect(
      errorFromResponse({ 'error-code': '200', 'error-code-label': 'success' }, context(200)),
    ).toBeNull();
    expect(errorFromResponse({}, context(204))).toBeNull();
  });

  it.each([
    [
      'HTTP 200 with error-code 420',
      200,
      { 'error-code': '420', 'error-code-label': 'method failed' },
      'rejected',
      'method failed',
    ],
    [
      'HTTP 401 with body code 420',
      401,
      { 'error-code': '420', 'error-code-label': 'method failed' },
      'rejected',
      'method failed',
    ],
    [
      'HTTP 401 authentication failed',
      401,
      { 'error-code': '401', 'error-code-label': 'authentication failed' },
      'unauthorized',
      'authentication failed',
    ],
    [
      'HTTP 401 with any label (the area client reads labels, not the transport)',
      401,
      { 'error-code': '401', 'error-code-label': 'not auto-reload enabled' },
      'unauthorized',
      'not auto-reload enabled',
    ],
    [
      'BAD_REQUEST shape',
      400,
      {
        type: 'BAD_REQUEST',
        error_title: 'Bad Request',
        invalid_parameters: [{ name: 'trx', reason: 'missing' }],
      },
      'rejected',
      'Bad Request',
    ],
    [
      'RFC 7807 shape',
      401,
      { type: 'https://x', title: 'Unauthorized', detail: 'Invalid credentials', instance: 'i' },
      'unauthorized',
      'Unauthorized: Invalid credentials',
    ],
    ['429 without body', 429, {}, 'rate_limited', undefined],
    ['503 without body', 503, {}, 'unavailable', undefined],
    [
      'HTTP 200 with error-code 500',
      200,
      { 'error-code': '500', 'error-code-label': 'internal error' },
      'unavailable',
      'internal error',
    ],
  ])('%s → %s', (_name, status, body, kind, label) => {
    const error = errorFromResponse(body, context(status));
    expect(error).not.toBeNull();
    expect(error!.kind).toBe(kind);
    expect(error!.label).toBe(label);
    expect(error!.status).toBe(status);
    expect(error!.traceId).toBe('trace-1');
    expect(error!.outcome).toBe('answered');
  });

  it('reads the error code from the fields an area names, in order', () => {
    const body = { currency: 'EUR', code: '420', 'error-code-label': 'no pricing' };
    expect(errorFromResponse(body, context(200))).toBeNull();
    const error = errorFromResponse(body, context(200), ['error-code', 'code']);
    expect(error).toMatchObject({ kind: 'rejected', errorCode: '420', label: 'no pricing' });
  });

  it('calls a 5xx to a request that changes something an unknown outcome, not an answer', () => {
    expect(errorFromResponse({}, { ...context(502), idempotent: false })).toMatchObject({
      kind: 'unavailable',
      outcome: 'unknown',
    });
    expect(errorFromResponse({}, { ...context(502), idempotent: true })!.outcome).toBe('answered');
    const refusal = errorFromResponse(
      { 'error-code': '420', 'error-code-label': 'method failed' },
      { ...context(200), idempotent: false },
    );
    expect(refusal!.outcome).toBe('answered');
  });

  it('keeps Retry-After only on rate limiting and lists invalid parameters', () => {
    expect(errorFromResponse({}, context(429))!.retryAfterSeconds).toBe(2);
    expect(errorFromResponse({}, context(503))!.retryAfterSeconds).toBeUndefined();
    const bad = errorFromResponse(
      {
        type: 'BAD_REQUEST',
        error_title: 'Bad',
        invalid_parameters: [{ name: 'trx', reason: 'missing' }],
      },
      context(400),
    );
    expect(bad!.invalidParameters).toEqual([{ name: 'trx', reason: 'missing' }]);
  });
});
