import { type TestGateway, startGateway } from '../helpers/gateway';

const BALANCE = '{ account { balance { value autoReload } } }';
const TOP_UP =
  'mutation { topUp(input: { trx: "8ef2447e69604f642ae59363aa5f781b" }) { __typename } }';

let gateway: TestGateway;

beforeAll(async () => {
  // Every read goes to the (faulty) upstream: no balance is served from a previous test.
  gateway = await startGateway({ VONAGE_TIMEOUT_MS: '300', BALANCE_TTL_MS: '0' });
});

afterAll(() => gateway.close());

beforeEach(() => gateway.simulator!.reset());

describe('upstream failures become typed GraphQL errors', () => {
  it('retries a read after one 500 and answers', async () => {
    gateway.simulator!.faults.failNext(1, { status: 500 });
    const result = await gateway.graphql(BALANCE);
    expect(result.errors).toBeUndefined();
    expect(gateway.simulator!.counters.byRoute['GET /account/get-balance']).toBe(2);
  });

  it('gives UPSTREAM_UNAVAILABLE with the status and trace id after three 500s', async () => {
    gateway.simulator!.faults.failNext(3, {
      status: 500,
      headers: { 'x-nexmo-trace-id': 'abc123' },
    });
    const result = await gateway.graphql(BALANCE);
    expect(result.data).toBeNull();
    expect(result.errors![0].extensions).toMatchObject({
      code: 'UPSTREAM_UNAVAILABLE',
      upstream: { operation: 'getBalance', status: 500, traceId: 'abc123' },
    });
    expect(result.errors![0].path).toEqual(['account', 'balance']);
  });

  it('gives UPSTREAM_UNAVAILABLE when the upstream is slower than the deadline', async () => {
    gateway.simulator!.faults.latency(1_000);
    const result = await gateway.graphql(BALANCE);
    expect(result.errors![0].extensions).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE' });
    expect(result.errors![0].message).toMatch(/did not answer within 300 ms/);
  });

  it('gives UPSTREAM_UNAVAILABLE when connections keep dropping', async () => {
    gateway.simulator!.faults.dropNext(3, 'before');
    const result = await gateway.graphql(BALANCE);
    expect(result.errors![0].extensions).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE' });
  });

  it('gives UPSTREAM_UNAUTHORIZED when Vonage rejects the credentials', async () => {
    gateway.simulator!.faults.failNext(1, {
      status: 401,
      body: '{"error-code":"401","error-code-label":"authentication failed"}',
      headers: { 'content-type': 'application/json' },
    });
    const result = await gateway.graphql(BALANCE);
    expect(result.errors![0].extensions).toMatchObject({
      code: 'UPSTREAM_UNAUTHORIZED',
      upstream: { status: 401, label: 'authentication failed' },
    });
    expect(result.errors![0].message).toMatch(/check VONAGE_API_KEY and VONAGE_API_SECRET/);
  });

  it('gives UPSTREAM_REJECTED with the label for a 420 on a read', async () => {
    gateway.simulator!.faults.failNext(1, {
      status: 200,
      body: '{"error-code":"420","error-code-label":"method failed"}',
      headers: { 'content-type': 'application/json' },
    });
    const result = await gateway.graphql(BALANCE);
    expect(result.errors![0].extensions).toMatchObject({
      code: 'UPSTREAM_REJECTED',
      upstream: { status: 200, errorCode: '420', label: 'method failed' },
    });
  });

  it('gives RATE_LIMITED with retryAfter when 429s outlast the retries', async () => {
    gateway.simulator!.faults.failNext(3, { status: 429, headers: { 'retry-after': '1' } });
    const result = await gateway.graphql(BALANCE);
    expect(result.errors![0].extensions).toMatchObject({
      code: 'RATE_LIMITED',
      retryAfter: 1,
      source: 'vonage_429',
    });
  });

  it('gives UPSTREAM_BAD_RESPONSE for garbage and keeps serving', async () => {
    gateway.simulator!.faults.failNext(1, {
      status: 200,
      body: '<html>proxy error',
      headers: { 'content-type': 'text/html' },
    });
    const bad = await gateway.graphql(BALANCE);
    expect(bad.errors![0].extensions).toMatchObject({ code: 'UPSTREAM_BAD_RESPONSE' });
    const good = await gateway.graphql(BALANCE);
    expect(good.errors).toBeUndefined();
  });

  it('decodes an XML answer like a JSON one', async () => {
    gateway.simulator!.faults.failNext(1, {
      status: 200,
      body: '<?xml version="1.0" encoding="UTF-8"?><accountBalance><value>1.50000000</value><autoReload>false</autoReload></accountBalance>',
      headers: { 'content-type': 'application/xml' },
    });
    const result = await gateway.graphql(BALANCE);
    expect(result.data).toEqual({
      account: { balance: { value: '1.50000000', autoReload: false } },
    });
  });

  it('never retries a top-up: one 500 is one upstream call and an unknown outcome', async () => {
    gateway.simulator!.faults.failNext(1, { status: 500 });
    const result = await gateway.graphql(TOP_UP);
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ topUp: { __typename: 'TopUpOutcomeUnknown' } });
    expect(gateway.simulator!.counters.byRoute['POST /account/top-up']).toBe(1);
  });

  it('reports a top-up whose answer was lost as an unknown outcome and does not send it again', async () => {
    gateway.simulator!.faults.dropNext(1, 'after');
    const result = await gateway.graphql(
      'mutation { topUp(input: { trx: "8ef2447e69604f642ae59363aa5f781b" }) { __typename ... on TopUpOutcomeUnknown { message } } }',
    );
    expect(result.data).toEqual({
      topUp: {
        __typename: 'TopUpOutcomeUnknown',
        message: expect.stringMatching(/may have been applied/),
      },
    });
    expect(gateway.simulator!.counters.byRoute['POST /account/top-up']).toBe(1);
    expect(gateway.simulator!.state.account.balance).toBe('60.17127500');
  });
});
