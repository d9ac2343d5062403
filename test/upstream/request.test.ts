import { type UpstreamConfig } from '../../src/config/config';
import { errorFromResponse } from '../../src/upstream/errors';
import { type UpstreamRequest, toWire } from '../../src/upstream/request';

const config: UpstreamConfig = {
  restUrl: 'https://rest.example.test',
  apiUrl: 'https://api.example.test',
  apiKey: 'primary1',
  apiSecret: 'S3cr3t+/=',
  auth: 'query',
  connectTimeoutMs: 1_000,
  requestTimeoutMs: 1_000,
  maxRetries: 0,
  connections: 1,
};

const basic = (key: string) =>
  `Basic ${Buffer.from(`${key}:${config.apiSecret}`).toString('base64')}`;

const request = (req: Partial<UpstreamRequest>): UpstreamRequest => ({
  area: 'subaccounts',
  method: 'GET',
  path: '/accounts/primary1/subaccounts',
  operation: 'listSubaccounts',
  ...req,
});

describe('toWire on the api host', () => {
  it('sends to the api host with Basic credentials, even where the rest host takes them in the query', () => {
    const wire = toWire(config, request({ host: 'api' }));
    expect(wire.url.toString()).toBe('https://api.example.test/accounts/primary1/subaccounts');
    expect(wire.headers.authorization).toBe(basic('primary1'));
    expect(wire.url.search).toBe('');
    // The rest host keeps the configured mode.
    const rest = toWire(config, request({ path: '/account/numbers' }));
    expect(rest.url.origin).toBe('https://rest.example.test');
    expect(rest.headers.authorization).toBeUndefined();
    expect(rest.url.searchParams.get('api_key')).toBe('primary1');
  });

  it('sends a JSON body as JSON, for PATCH as for POST', () => {
    for (const method of ['POST', 'PATCH'] as const) {
      const wire = toWire(config, request({ host: 'api', method, json: { name: 'A', amount: 1 } }));
      expect(wire.headers['content-type']).toBe('application/json');
      expect(wire.body).toBe('{"name":"A","amount":1}');
    }
    const del = toWire(config, request({ host: 'api', method: 'DELETE' }));
    expect(del.body).toBeUndefined();
    expect(del.headers['content-type']).toBeUndefined();
  });

  it('sends a list parameter repeated, in the query, not in the path', () => {
    const wire = toWire(config, request({ host: 'api', query: { subaccount: ['a1', 'b2'] } }));
    expect(wire.url.pathname).toBe('/accounts/primary1/subaccounts');
    expect(wire.url.searchParams.getAll('subaccount')).toEqual(['a1', 'b2']);
  });

  it("authenticates as a sub-account's key with the configured secret when asked", () => {
    const wire = toWire(config, request({ apiKey: 'sub00001', path: '/account/numbers' }));
    expect(wire.url.searchParams.get('api_key')).toBe('sub00001');
    expect(wire.safeUrl).not.toContain(encodeURIComponent(config.apiSecret));
    const api = toWire(config, request({ host: 'api', apiKey: 'sub00001' }));
    expect(api.headers.authorization).toBe(basic('sub00001'));
  });
});

describe("an area's own reading of a status", () => {
  const context = { operation: 'transferBalance', method: 'POST', url: 'u', status: 403 };
  const body = { type: 'https://x/#valid-transfers', title: 'Invalid Transfer', detail: 'No' };

  it('reads 403 as credentials refused by default, and as the area says when it says', () => {
    expect(errorFromResponse(body, context)?.kind).toBe('unauthorized');
    const refusal = errorFromResponse(body, { ...context, statusKinds: { 403: 'rejected' } });
    expect(refusal).toMatchObject({ kind: 'rejected', label: 'Invalid Transfer: No' });
  });
});
