import { startSimulator, type Simulator } from '../../src/simulator';
import { basicHeader, call, type Call } from './helpers';

let sim: Simulator;
const logLines: string[] = [];

beforeAll(async () => {
  sim = await startSimulator({ apiKey: 'key123', log: (line) => logLines.push(line) });
});
afterAll(() => sim.close());
beforeEach(() => sim.reset());

describe('authentication', () => {
  it.each(['basic', 'query'] as const)('accepts credentials sent as %s', async (auth) => {
    const answer = await call(sim, '/account/get-balance', { auth });

    expect(answer.status).toBe(200);
  });

  it('accepts api_key and api_secret in a POST form body', async () => {
    const answer = await call(sim, '/account/top-up', {
      auth: 'form',
      form: { trx: '8ef2447e69604f642ae59363aa5f781b' },
    });

    expect(answer.json()).toEqual({ 'error-code': '200', 'error-code-label': 'success' });
  });

  it.each<[string, Call]>([
    ['no credentials', {}],
    ['a wrong Basic secret', { headers: { authorization: basicHeader('key123', 'wrong') } }],
    ['a wrong query secret', { query: { api_key: 'key123', api_secret: 'wrong' } }],
    ['a key without a secret', { query: { api_key: 'key123' } }],
    ['a non-Basic scheme', { headers: { authorization: 'Bearer abc' } }],
  ])('answers 401 "authentication failed" for %s', async (_case, options) => {
    const answer = await call(sim, '/account/get-balance', { ...options, auth: 'none' });

    expect(answer.status).toBe(401);
    expect(answer.json()).toEqual({
      'error-code': '401',
      'error-code-label': 'authentication failed',
    });
  });

  it('puts the XML 401 under accountBalance for get-balance and under response elsewhere', async () => {
    const accept = { accept: 'application/xml' };

    const balance = await call(sim, '/account/get-balance', { auth: 'none', headers: accept });
    const topUp = await call(sim, '/account/top-up', { auth: 'none', form: {}, headers: accept });

    expect(balance.status).toBe(401);
    expect(balance.text).toContain('<accountBalance>\n  <error-code>401</error-code>');
    expect(topUp.status).toBe(401);
    expect(topUp.text).toContain(
      '<response>\n  <error-code>401</error-code>\n  <error-code-label>authentication failed',
    );
  });

  it('leaves state untouched when authentication fails', async () => {
    await call(sim, '/account/top-up', {
      auth: 'none',
      form: { trx: sim.state.account.reloadTrx },
    });

    expect(sim.state.account.balance).toBe('10.17127500');
  });

  it.each(['query', 'form'] as const)(
    'refuses a Basic header combined with %s credentials with a 400 "Provide credentials once"',
    async (mode) => {
      const answer = await call(sim, '/account/top-up', {
        auth: mode,
        form: { trx: sim.state.account.reloadTrx },
        headers: { authorization: basicHeader(sim.apiKey, sim.apiSecret) },
      });

      expect(answer.status).toBe(400);
      expect(answer.json()).toMatchObject({
        type: 'BAD_REQUEST',
        error_title: 'Provide credentials once',
      });
      expect(sim.state.account.balance).toBe('10.17127500');
    },
  );

  it('never writes the secret to the request log', async () => {
    logLines.length = 0;

    await call(sim, '/account/get-balance', { auth: 'query' });
    await call(sim, '/account/top-up', { auth: 'form', form: { trx: 'x' } });

    expect(logLines).toHaveLength(2);
    expect(logLines[0]).toContain('GET /account/get-balance?api_key=key123&api_secret=*** 200');
    expect(logLines.join('\n')).not.toContain(sim.apiSecret);
  });
});

describe('every response', () => {
  it('carries a fresh 32-hex x-nexmo-trace-id', async () => {
    const first = await call(sim, '/account/get-balance');
    const second = await call(sim, '/account/get-balance', { auth: 'none' });

    expect(first.headers['x-nexmo-trace-id']).toMatch(/^[0-9a-f]{32}$/);
    expect(second.headers['x-nexmo-trace-id']).toMatch(/^[0-9a-f]{32}$/);
    expect(first.headers['x-nexmo-trace-id']).not.toBe(second.headers['x-nexmo-trace-id']);
  });

  it.each([
    ['application/json, application/xml;q=0.5', 'application/json'],
    ['application/xml;q=0', 'application/json'],
    ['*/*', 'application/json'],
    ['application/json, text/xml', 'application/xml'],
  ])('negotiates Accept: %s as %s', async (accept, type) => {
    const answer = await call(sim, '/account/get-balance', { headers: { accept } });

    expect(answer.headers['content-type']).toBe(type);
  });
});

describe('routing', () => {
  it('answers an unknown path with an RFC 7807 404 whose instance is the trace id', async () => {
    const answer = await call(sim, '/account/get-balances');

    expect(answer.status).toBe(404);
    expect(answer.json()).toEqual({
      type: 'https://developer.nexmo.com/api-errors#not-found',
      title: 'Not Found',
      detail: expect.stringContaining('/account/get-balances'),
      instance: answer.headers['x-nexmo-trace-id'],
    });
  });

  it('answers a known path with the wrong method with an RFC 7807 405 and Allow', async () => {
    const answer = await call(sim, '/account/get-balance', { method: 'POST', form: {} });

    expect(answer.status).toBe(405);
    expect(answer.headers.allow).toBe('GET');
    expect(answer.json()).toMatchObject({
      title: 'Method Not Allowed',
      instance: answer.headers['x-nexmo-trace-id'],
    });
  });
});
