import { MockAgent } from 'undici';
import { AccountClient } from '../../src/account/account.client';
import { type AuthMode, loadConfig } from '../../src/config';
import { silentLogger } from '../../src/logger';
import { UpstreamError } from '../../src/upstream/errors';
import { UpstreamTransport } from '../../src/upstream/transport';

const ORIGIN = 'https://rest.example.test';
const SECRET = 'S3cr3t+/=value';

interface Seen {
  path: string;
  method: string;
  headers: Record<string, string>;
  body?: string;
}

let agent: MockAgent;
let seen: Seen[];

function client(auth: AuthMode = 'basic', env: Record<string, string> = {}): AccountClient {
  const config = loadConfig({
    VONAGE_API_KEY: 'key1',
    VONAGE_API_SECRET: SECRET,
    VONAGE_REST_URL: ORIGIN,
    VONAGE_AUTH: auth,
    ...env,
  });
  const transport = new UpstreamTransport({
    config: config.upstream,
    logger: silentLogger,
    dispatcher: agent,
    retry: { baseDelayMs: 1 },
  });
  return new AccountClient(transport);
}

type Reply = { status: number; body?: string; headers?: Record<string, string> };

/** Queues one interceptor per reply, in order, recording what each request carried. */
function expectCalls(method: string, path: string, replies: Reply[]): void {
  const pool = agent.get(ORIGIN);
  for (const reply of replies) {
    pool.intercept({ path: (p) => p.split('?')[0] === path, method }).reply((options) => {
      const headers = Object.fromEntries(
        Object.entries((options.headers ?? {}) as Record<string, string>).map(([k, v]) => [
          k.toLowerCase(),
          v,
        ]),
      );
      seen.push({
        path: options.path,
        method: options.method,
        headers,
        body: options.body as string | undefined,
      });
      return {
        statusCode: reply.status,
        data: reply.body ?? '',
        responseOptions: {
          headers: {
            'content-type': 'application/json',
            'x-nexmo-trace-id': 'trace-9',
            ...reply.headers,
          },
        },
      };
    });
  }
}

beforeEach(() => {
  agent = new MockAgent();
  agent.disableNetConnect();
  seen = [];
});

afterEach(async () => {
  agent.assertNoPendingInterceptors();
  await agent.close();
});

const BALANCE = '{"value": 10.17127500, "autoReload": true}';
const SETTINGS =
  '{"mo-callback-url":"https://a.example/mo","dr-callback-url":"","max-outbound-request":30,"max-inbound-request":"30","max-calls-per-second":30}';

describe('AccountClient over the upstream transport', () => {
  it('sends Basic auth by default, never the secret in the URL, and asks for JSON', async () => {
    expectCalls('GET', '/account/get-balance', [{ status: 200, body: BALANCE }]);
    await expect(client().getBalance()).resolves.toEqual({
      value: '10.17127500',
      autoReload: true,
    });
    const [call] = seen;
    expect(call.headers.authorization).toBe(
      `Basic ${Buffer.from(`key1:${SECRET}`).toString('base64')}`,
    );
    expect(call.path).not.toContain('api_secret');
    expect(call.path).not.toContain('api_key');
    expect(call.headers.accept).toBe('application/json');
    expect(call.headers['user-agent']).toMatch(/^vonage-graphql-gateway\//);
  });

  it('in query mode puts the credentials in the query of a GET and sends no Authorization', async () => {
    expectCalls('GET', '/account/get-balance', [{ status: 200, body: BALANCE }]);
    await client('query').getBalance();
    const url = new URL(seen[0].path, ORIGIN);
    expect(url.searchParams.get('api_key')).toBe('key1');
    expect(url.searchParams.get('api_secret')).toBe(SECRET);
    expect(seen[0].headers.authorization).toBeUndefined();
  });

  it('in query mode puts the credentials of a POST in its form body, not its URL', async () => {
    expectCalls('POST', '/account/top-up', [
      { status: 200, body: '{"error-code":"200","error-code-label":"success"}' },
    ]);
    await client('query').topUp('abc');
    const form = new URLSearchParams(seen[0].body);
    expect(form.get('api_key')).toBe('key1');
    expect(form.get('api_secret')).toBe(SECRET);
    expect(form.get('trx')).toBe('abc');
    expect(seen[0].path).toBe('/account/top-up');
    expect(seen[0].headers.authorization).toBeUndefined();
  });

  it('form-encodes POSTs, omits absent fields and sends "" only to clear a value', async () => {
    expectCalls('POST', '/account/settings', [{ status: 200, body: SETTINGS }]);
    const settings = await client().updateSettings({ drCallbackUrl: '' });
    expect(seen[0].headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(seen[0].body).toBe('drCallBackUrl=');
    expect(settings).toEqual({
      moCallbackUrl: 'https://a.example/mo',
      drCallbackUrl: null,
      maxOutboundRequestsPerSecond: 30,
      maxInboundRequestsPerSecond: 30,
      maxCallsPerSecond: 30,
    });
  });

  it('decodes XML answers to the same values as JSON', async () => {
    const xml =
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><accountBalance><value>3.50000000</value>' +
      '<autoReload>false</autoReload></accountBalance>';
    expectCalls('GET', '/account/get-balance', [
      { status: 200, body: xml, headers: { 'content-type': 'text/xml' } },
    ]);
    await expect(client().getBalance()).resolves.toEqual({
      value: '3.50000000',
      autoReload: false,
    });
  });

  it('retries a read after 503 and 429 (honouring Retry-After) and succeeds on the third attempt', async () => {
    expectCalls('GET', '/account/get-balance', [
      { status: 503 },
      { status: 429, headers: { 'retry-after': '0' } },
      { status: 200, body: BALANCE },
    ]);
    await expect(client().getBalance()).resolves.toMatchObject({ value: '10.17127500' });
    expect(seen).toHaveLength(3);
  });

  it('gives up on a read after two retries with UPSTREAM unavailable', async () => {
    expectCalls('GET', '/account/get-balance', [{ status: 500 }, { status: 502 }, { status: 503 }]);
    await expect(client().getBalance()).rejects.toMatchObject({ kind: 'unavailable', status: 503 });
  });

  it('retries the empty settings POST, which only reads', async () => {
    expectCalls('POST', '/account/settings', [{ status: 503 }, { status: 200, body: SETTINGS }]);
    await expect(client().getSettings()).resolves.toMatchObject({ maxCallsPerSecond: 30 });
    expect(seen[1].body).toBe('');
  });

  it('never retries a top-up, even after a 503', async () => {
    expectCalls('POST', '/account/top-up', [{ status: 503 }]);
    await expect(client().topUp('abc')).rejects.toMatchObject({ kind: 'unavailable', status: 503 });
    expect(seen).toHaveLength(1);
  });

  it.each([
    [
      'HTTP 401 not auto-reload enabled',
      401,
      '{"error-code":"401","error-code-label":"not auto-reload enabled"}',
      'autoReloadNotEnabled',
    ],
    [
      'HTTP 200 with error-code 420',
      200,
      '{"error-code":"420","error-code-label":"top-up failed"}',
      'failed',
    ],
    ['HTTP 420', 420, '{"error-code":"420","error-code-label":"method failed"}', 'failed'],
  ])(
    'turns a top-up refusal (%s) into an outcome, not an exception',
    async (_name, status, body, kind) => {
      expectCalls('POST', '/account/top-up', [{ status, body }]);
      await expect(client().topUp('abc')).resolves.toMatchObject({ kind, traceId: 'trace-9' });
    },
  );

  it('reports rejected credentials as unauthorized with the trace id', async () => {
    expectCalls('GET', '/account/get-balance', [
      { status: 401, body: '{"error-code":"401","error-code-label":"authentication failed"}' },
    ]);
    await expect(client().getBalance()).rejects.toMatchObject({
      kind: 'unauthorized',
      status: 401,
      label: 'authentication failed',
      traceId: 'trace-9',
    });
  });

  it.each([
    ['a body without the value field', '{"autoReload": true}', 'application/json'],
    ['an HTML page with status 200', '<html><body>oops', 'text/html'],
    ['a number where a boolean belongs', '{"value": 1, "autoReload": 7}', 'application/json'],
  ])('reports %s as bad_response instead of crashing', async (_name, body, type) => {
    expectCalls('GET', '/account/get-balance', [
      { status: 200, body, headers: { 'content-type': type } },
    ]);
    await expect(client().getBalance()).rejects.toMatchObject({ kind: 'bad_response' });
  });

  it('turns a network error into unavailable, retrying reads', async () => {
    const pool = agent.get(ORIGIN);
    pool
      .intercept({ path: '/account/get-balance', method: 'GET' })
      .replyWithError(new Error('socket hang up'))
      .times(3);
    await expect(client().getBalance()).rejects.toMatchObject({
      kind: 'unavailable',
      outcome: 'unknown',
    });
  });

  it('gives up on an attempt at the deadline and marks a POST outcome unknown', async () => {
    agent
      .get(ORIGIN)
      .intercept({ path: '/account/top-up', method: 'POST' })
      .reply(200, '{"error-code":"200"}')
      .delay(500);
    const error = await client('basic', { VONAGE_TIMEOUT_MS: '50' })
      .topUp('abc')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UpstreamError);
    expect(error).toMatchObject({ kind: 'unavailable', outcome: 'unknown' });
    expect((error as Error).message).toMatch(/did not answer within 50 ms/);
    await new Promise((resolve) => setTimeout(resolve, 500));
  });

  it('never puts the secret in an error, even in query mode', async () => {
    expectCalls('GET', '/account/get-balance', [
      { status: 401, body: '{"error-code":"401","error-code-label":"authentication failed"}' },
    ]);
    const error = (await client('query')
      .getBalance()
      .catch((e: unknown) => e)) as UpstreamError;
    const printed = `${error.message} ${error.url} ${JSON.stringify(error)} ${String(error.stack)}`;
    expect(printed).not.toContain(SECRET);
    expect(printed).not.toContain(encodeURIComponent(SECRET));
    expect(error.url).toContain('api_secret=***');
  });
});
