import { MockAgent } from 'undici';
import { AccountClient } from '../../src/account/account.client';
import { type RateLimiter } from '../../src/coordination/rate-limiter';
import { type AuthMode, loadConfig } from '../../src/config/config';
import { silentLogger } from '../../src/base/logger';
import { NumbersClient } from '../../src/numbers/numbers.client';
import { PricingClient } from '../../src/pricing/pricing.client';
import {
  UpstreamError,
  type UpstreamErrorKind,
  type UpstreamOutcome,
} from '../../src/upstream/errors';
import { USER_AGENT } from '../../src/upstream/request';
import { UpstreamTransport } from '../../src/upstream/transport';

/**
 * Client tests over recorded request/response cases, as Vonage's own Node SDK tests its clients:
 * each case is a client call, the request it must send, the replies the upstream gave and what
 * the call must come to. Every case also checks what holds for every request (credentials in
 * exactly one place, never the secret in a URL, JSON asked for, POSTs form-encoded) and that
 * every recorded reply was asked for.
 */

export const ORIGIN = 'https://rest.example.test';
export const API_KEY = 'key1';
/** Characters that URL-encoding changes, so an encoded leak is caught too. */
export const SECRET = 'S3cr3t+/=value';
export const TRACE_ID = 'trace-9';

export interface Clients {
  account: AccountClient;
  pricing: PricingClient;
  numbers: NumbersClient;
  transport: UpstreamTransport;
}

export type Params = Readonly<Record<string, string>>;

export interface ExpectedRequest {
  method: 'GET' | 'POST';
  /** Without the query. */
  path: string;
  /** The whole query, credentials aside: a parameter not listed here must not be sent. */
  query?: Params;
  /** The whole form body of a POST, credentials aside; `{}` is an empty body. */
  form?: Params;
  /** Headers that must have these values; `undefined` means the header must be absent. */
  headers?: Readonly<Record<string, string | undefined>>;
}

export interface RecordedReply {
  status: number;
  /** Content type JSON and trace id `trace-9` unless given here. */
  headers?: Readonly<Record<string, string>>;
  /** Text as the upstream sent it (JSON or XML), or a value sent as JSON; absent: no body. */
  body?: string | object;
}

export interface ExpectedError {
  kind: UpstreamErrorKind;
  outcome: UpstreamOutcome;
  status: number | undefined;
  errorCode: string | undefined;
  label: string | undefined;
  traceId?: string;
  retryAfterSeconds?: number;
  url?: unknown;
  invalidParameters?: { name: string; reason: string }[];
}

export type Expectation =
  /** Deep-equal to this. */
  | { value: unknown }
  /** `toMatchObject` this. */
  | { shape: object }
  /** Rejects with an UpstreamError matching this. */
  | { error: ExpectedError };

export interface ClientCase {
  /** A behaviour sentence. */
  name: string;
  /** Default basic. */
  auth?: AuthMode;
  call(clients: Clients): Promise<unknown>;
  /** What every attempt must send (a retry sends the same request again). */
  request: ExpectedRequest;
  /** One per attempt, in order: the number of replies is the number of requests expected. */
  replies: readonly RecordedReply[];
  expect: Expectation;
}

export interface SeenRequest {
  method: string;
  url: URL;
  headers: Record<string, string>;
  body: string | undefined;
  /** Date.now() when the request reached the mock. */
  at?: number;
}

export interface ClientOptions {
  auth?: AuthMode;
  env?: Record<string, string>;
  limiters?: Readonly<Record<string, RateLimiter>>;
}

/** A MockAgent standing in for Vonage's REST host, recording each request it answers. */
export class MockUpstream {
  readonly agent = new MockAgent();
  readonly seen: SeenRequest[] = [];

  constructor() {
    this.agent.disableNetConnect();
  }

  clients(options: ClientOptions = {}): Clients {
    const config = loadConfig({
      AUTH: 'none',
      VONAGE_API_KEY: API_KEY,
      VONAGE_API_SECRET: SECRET,
      VONAGE_REST_URL: ORIGIN,
      VONAGE_AUTH: options.auth ?? 'basic',
      ...options.env,
    });
    const transport = new UpstreamTransport({
      config: config.upstream,
      logger: silentLogger,
      dispatcher: this.agent,
      retry: { baseDelayMs: 1 },
      limiters: options.limiters,
    });
    return {
      account: new AccountClient(transport),
      pricing: new PricingClient(transport),
      numbers: new NumbersClient(transport),
      transport,
    };
  }

  /** Queues one reply to the next `method path` request, whatever its query. */
  intercept(method: string, path: string, reply: RecordedReply): void {
    const body = reply.body;
    this.agent
      .get(ORIGIN)
      .intercept({ method, path: (target) => target.split('?')[0] === path })
      .reply((options) => {
        const headers: Record<string, string> = {};
        for (const [name, value] of Object.entries(options.headers ?? {})) {
          headers[name.toLowerCase()] = String(value);
        }
        this.seen.push({
          method: options.method,
          url: new URL(options.path, ORIGIN),
          headers,
          body: typeof options.body === 'string' ? options.body : undefined,
          at: Date.now(),
        });
        return {
          statusCode: reply.status,
          data: body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body),
          responseOptions: {
            headers: {
              'content-type': 'application/json',
              'x-nexmo-trace-id': TRACE_ID,
              ...reply.headers,
            },
          },
        };
      });
  }

  /** Fails if a queued reply was never asked for, then closes the agent. */
  async close(): Promise<void> {
    try {
      this.agent.assertNoPendingInterceptors();
    } finally {
      await this.agent.close();
    }
  }
}

function sortedPairs(pairs: Iterable<[string, string]>): [string, string][] {
  return [...pairs].sort(([a, x], [b, y]) => a.localeCompare(b) || x.localeCompare(y));
}

const CREDENTIALS: Params = { api_key: API_KEY, api_secret: SECRET };

/**
 * Asserts one request is exactly the one expected, and that it carries the credentials the way
 * `auth` says and nowhere else: Basic sends a header and no api_key/api_secret parameter; query
 * mode sends no header, the parameters in the query of a GET and in the form body of a POST.
 */
export function expectRequest(seen: SeenRequest, expected: ExpectedRequest, auth: AuthMode): void {
  const credentialsIn = (place: 'query' | 'form'): Params =>
    auth === 'query' && (place === 'query') === (expected.method === 'GET') ? CREDENTIALS : {};
  expect({ method: seen.method, path: seen.url.pathname }).toEqual({
    method: expected.method,
    path: expected.path,
  });
  expect(sortedPairs(seen.url.searchParams)).toEqual(
    sortedPairs(Object.entries({ ...expected.query, ...credentialsIn('query') })),
  );
  if (expected.method === 'POST') {
    expect(seen.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(sortedPairs(new URLSearchParams(seen.body ?? ''))).toEqual(
      sortedPairs(Object.entries({ ...expected.form, ...credentialsIn('form') })),
    );
  } else {
    expect(seen.body ?? '').toBe('');
  }
  expect(seen.headers.authorization).toBe(
    auth === 'basic'
      ? `Basic ${Buffer.from(`${API_KEY}:${SECRET}`).toString('base64')}`
      : undefined,
  );
  // Only a query-mode GET may carry the secret in its URL (as Vonage requires).
  if (expected.method === 'POST' || auth === 'basic') {
    expect(seen.url.toString()).not.toContain('api_secret');
    expect(seen.url.toString()).not.toContain(encodeURIComponent(SECRET));
  }
  expect(seen.headers.accept).toBe('application/json');
  expect(seen.headers['user-agent']).toBe(USER_AGENT);
  for (const [name, value] of Object.entries(expected.headers ?? {})) {
    expect(seen.headers[name.toLowerCase()]).toBe(value);
  }
}

/** Every printed form of an error: none of them may hold the secret, raw or encoded. */
export function expectNoSecretIn(error: unknown): void {
  const printed = [
    (error as Error).message,
    (error as { url?: string }).url,
    JSON.stringify(error),
    String((error as Error).stack),
  ].join(' ');
  expect(printed).not.toContain(SECRET);
  expect(printed).not.toContain(encodeURIComponent(SECRET));
}

/** Runs one recorded case on a fresh mock upstream. */
export async function runCase(testCase: ClientCase): Promise<void> {
  const upstream = new MockUpstream();
  try {
    const auth = testCase.auth ?? 'basic';
    const clients = upstream.clients({ auth });
    for (const reply of testCase.replies) {
      upstream.intercept(testCase.request.method, testCase.request.path, reply);
    }
    const outcome = await testCase.call(clients).then(
      (value: unknown) => ({ value }),
      (error: unknown) => ({ error }),
    );

    const expected = testCase.expect;
    if ('error' in expected) {
      if (!('error' in outcome)) throw new Error(`expected ${expected.error.kind}, got a value`);
      expect(outcome.error).toBeInstanceOf(UpstreamError);
      expect(outcome.error).toMatchObject(expected.error);
      expectNoSecretIn(outcome.error);
    } else {
      if ('error' in outcome) throw outcome.error;
      if ('value' in expected) expect(outcome.value).toEqual(expected.value);
      else expect(outcome.value).toMatchObject(expected.shape);
    }

    // Exactly one request per recorded reply: no more (a retry too many), no fewer.
    const sent = Object.values(clients.transport.stats.sent).reduce((sum, n) => sum + n, 0);
    expect(sent).toBe(testCase.replies.length);
    expect(upstream.seen).toHaveLength(testCase.replies.length);
    for (const seen of upstream.seen) expectRequest(seen, testCase.request, auth);
  } finally {
    await upstream.close();
  }
}
