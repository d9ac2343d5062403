import { bearer, MUTATIONS, postGraphql, tokenEntry } from '../helpers/auth';
import { type TestGateway, startGateway } from '../helpers/gateway';

const READ = ['account:read', 'pricing:read', 'numbers:read'];
const WRITE = ['billing:write', 'numbers:write', 'settings:write'];
const READER = 'reader-token-0123456789abcdef';
const ADMIN = 'admin-token-0123456789abcdef';
const PRICES_ONLY = 'prices-token-0123456789abcdef';
const NUMBERS_ONLY = 'numbers-token-0123456789abcdef';

describe('static API tokens and per-field scopes', () => {
  let gateway: TestGateway;
  let upstreamCalls: () => number;

  beforeAll(async () => {
    gateway = await startGateway({
      API_TOKENS: [
        tokenEntry('reader', READER, READ),
        tokenEntry('admin', ADMIN, [...READ, ...WRITE]),
        tokenEntry('prices', PRICES_ONLY, ['pricing:read']),
        tokenEntry('numbers', NUMBERS_ONLY, ['numbers:read']),
      ].join(','),
    });
    const simulator = gateway.simulator!;
    upstreamCalls = () => simulator.counters.total;
  });
  afterAll(() => gateway.close());

  it.each(MUTATIONS)(
    'refuses $field without a token: UNAUTHENTICATED, HTTP 401, nothing sent upstream',
    async ({ field, query }) => {
      const before = upstreamCalls();
      const result = await postGraphql(gateway.url, { query });
      expect(result.status).toBe(401);
      expect(result.headers.get('www-authenticate')).toBe('Bearer');
      expect(result.data).toBeNull();
      expect(result.errors).toEqual([
        expect.objectContaining({
          path: [field],
          extensions: expect.objectContaining({ code: 'UNAUTHENTICATED' }),
        }),
      ]);
      expect(upstreamCalls()).toBe(before);
    },
  );

  it.each(MUTATIONS)(
    'refuses $field to a read-only token: FORBIDDEN naming the field and $scope',
    async ({ field, scope, also = [], query }) => {
      const before = upstreamCalls();
      const result = await postGraphql(gateway.url, { query }, bearer(READER));
      expect(result.status).toBe(200);
      expect(result.errors).toHaveLength(1);
      const [error] = result.errors!;
      expect(error.extensions).toMatchObject({
        code: 'FORBIDDEN',
        field: `Mutation.${field}`,
        requiredScopes: [[scope, ...also]],
      });
      expect(error.message).toContain(`Mutation.${field} needs the scope`);
      expect(error.message).toContain(scope);
      expect(error.message).toContain('caller "reader"');
      expect(upstreamCalls()).toBe(before);
    },
  );

  it.each([
    ['subaccounts', '{ subaccounts { totalCount } }', 'subaccounts:read'],
    ['subaccount', '{ subaccount(apiKey: "cce7333a") { apiKey } }', 'subaccounts:read'],
    [
      'balanceTransfers',
      '{ balanceTransfers(since: "2026-01-01T00:00:00Z") { id } }',
      'subaccounts:read',
    ],
    [
      'creditTransfers',
      '{ creditTransfers(since: "2026-01-01T00:00:00Z") { id } }',
      'subaccounts:read',
    ],
    ['apiSecrets', '{ apiSecrets { id } }', 'admin'],
  ])('refuses %s to a token without %s: FORBIDDEN, nothing sent', async (field, query, scope) => {
    const before = upstreamCalls();
    const result = await postGraphql(gateway.url, { query }, bearer(READER));
    expect(result.errors?.[0]?.extensions).toMatchObject({
      code: 'FORBIDDEN',
      field: `Query.${field}`,
      requiredScopes: [[scope]],
    });
    expect(upstreamCalls()).toBe(before);
  });

  it('refuses Account.subaccounts to a token without subaccounts:read, and serves the account', async () => {
    const query = '{ account { apiKey subaccounts { apiKey } } }';
    const result = await postGraphql(gateway.url, { query }, bearer(READER));
    expect(result.errors?.[0]?.extensions).toMatchObject({
      code: 'FORBIDDEN',
      field: 'Account.subaccounts',
    });
    expect(result.data).toMatchObject({ account: { apiKey: expect.any(String) } });
  });

  it('refuses the price of a number to a token without pricing:read, and serves the number', async () => {
    const query =
      '{ ownedNumbers(pageSize: 2) { nodes { msisdn pricing(type: SMS) { countryCode } } } }';
    const denied = await postGraphql(gateway.url, { query }, bearer(NUMBERS_ONLY));
    const nodes = (denied.data as { ownedNumbers: { nodes: object[] } }).ownedNumbers.nodes;
    expect(nodes).toHaveLength(2);
    for (const node of nodes) expect(node).toEqual({ msisdn: expect.any(String), pricing: null });
    expect(denied.errors).toHaveLength(2);
    expect(denied.errors![0].extensions).toMatchObject({
      code: 'FORBIDDEN',
      field: 'OwnedNumber.pricing',
      requiredScopes: [['pricing:read']],
    });
    const allowed = await postGraphql(gateway.url, { query }, bearer(READER));
    expect(allowed.errors).toBeUndefined();
    const priced = (allowed.data as { ownedNumbers: { nodes: { pricing: object }[] } })
      .ownedNumbers;
    for (const node of priced.nodes)
      expect(node.pricing).toEqual({ countryCode: expect.any(String) });
  });

  it('lets a read-only token read the account, prices and numbers', async () => {
    const result = await postGraphql(
      gateway.url,
      {
        query:
          '{ account { balance { value } settings { moCallbackUrl } currency } pricing(country: "GB", type: SMS) { countryCode } ownedNumbers { totalCount } }',
      },
      bearer(READER),
    );
    expect(result.errors).toBeUndefined();
    expect(result.data).toMatchObject({
      account: { balance: { value: expect.any(String) }, currency: expect.any(String) },
      pricing: { countryCode: 'GB' },
      ownedNumbers: { totalCount: expect.any(Number) },
    });
  });

  it('refuses per field: the fields a token may read are answered, the others are FORBIDDEN', async () => {
    const result = await postGraphql(
      gateway.url,
      {
        query:
          '{ pricing(country: "GB", type: SMS) { countryCode } ownedNumber(msisdn: "447700900000") { msisdn } }',
      },
      bearer(PRICES_ONLY),
    );
    expect(result.status).toBe(200);
    expect(result.data).toEqual({ pricing: { countryCode: 'GB' }, ownedNumber: null });
    expect(result.errors).toEqual([
      expect.objectContaining({
        path: ['ownedNumber'],
        extensions: expect.objectContaining({ code: 'FORBIDDEN', field: 'Query.ownedNumber' }),
      }),
    ]);
  });

  it('answers an anonymous caller 200 with what it may read, and UNAUTHENTICATED for the rest', async () => {
    const before = upstreamCalls();
    const result = await postGraphql(gateway.url, {
      query: '{ _service { sdl } pricing(country: "GB", type: SMS) { countryCode } }',
    });
    expect(result.status).toBe(200);
    expect(result.headers.get('www-authenticate')).toBeNull();
    expect(result.data).toEqual({ _service: { sdl: expect.any(String) }, pricing: null });
    expect(result.errors).toEqual([
      expect.objectContaining({
        path: ['pricing'],
        extensions: expect.objectContaining({ code: 'UNAUTHENTICATED' }),
      }),
    ]);
    expect(upstreamCalls()).toBe(before);
  });

  it('runs a mutation for a token with its scope', async () => {
    const result = await postGraphql(
      gateway.url,
      { query: 'mutation { updateSettings(input: { drCallbackUrl: "" }) { __typename } }' },
      bearer(ADMIN),
    );
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ updateSettings: { __typename: 'SettingsUpdated' } });
  });

  it.each([
    ['an unknown token', 'Bearer not-a-known-token'],
    ['a malformed header', 'Basic dXNlcjpwYXNz'],
  ])('answers %s with 401 before running anything', async (_label, authorization) => {
    const before = upstreamCalls();
    const result = await postGraphql(
      gateway.url,
      { query: '{ account { balance { value } } }' },
      { authorization },
    );
    expect(result.status).toBe(401);
    expect(result.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(result.errors![0].extensions!.code).toBe('UNAUTHENTICATED');
    expect(upstreamCalls()).toBe(before);
  });

  it('protects /metrics: 401 without a token, 403 without metrics:read', async () => {
    expect((await fetch(`${gateway.url}/metrics`)).status).toBe(401);
    const reader = await fetch(`${gateway.url}/metrics`, { headers: bearer(READER) });
    expect(reader.status).toBe(403);
  });
});

describe('METRICS_TOKEN', () => {
  it('serves /metrics to the metrics token only', async () => {
    const gateway = await startGateway({
      API_TOKENS: tokenEntry('reader', READER, READ),
      METRICS_TOKEN: 'scrape-secret-0123456789',
    });
    try {
      const ok = await fetch(`${gateway.url}/metrics`, {
        headers: bearer('scrape-secret-0123456789'),
      });
      expect(ok.status).toBe(200);
      expect(await ok.text()).toContain('# TYPE');
      expect((await fetch(`${gateway.url}/metrics`, { headers: bearer('nope') })).status).toBe(401);
    } finally {
      await gateway.close();
    }
  });
});
