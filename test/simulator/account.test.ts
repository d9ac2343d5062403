import { startSimulator, type Simulator } from '../../src/simulator';
import { call } from './helpers';

let sim: Simulator;

beforeAll(async () => {
  sim = await startSimulator();
});
afterAll(() => sim.close());
beforeEach(() => sim.reset());

const TRX = '8ef2447e69604f642ae59363aa5f781b';

describe('GET /account/get-balance', () => {
  it('answers the balance as JSON, writing all 8 decimal places in the text', async () => {
    const answer = await call(sim, '/account/get-balance');

    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toBe('application/json');
    expect(answer.text).toBe('{"value":10.17127500,"autoReload":true}');
    expect(answer.json()).toEqual({ value: 10.171275, autoReload: true });
  });

  it.each(['application/xml', 'text/xml'])(
    'answers XML under accountBalance when the client accepts %s',
    async (accept) => {
      const answer = await call(sim, '/account/get-balance', { headers: { accept } });

      expect(answer.headers['content-type']).toBe('application/xml');
      expect(answer.text).toMatch(/^<\?xml version="1.0" encoding="UTF-8" standalone="yes"\?>\n/);
      expect(answer.text).toContain(
        '<accountBalance>\n  <value>10.17127500</value>\n  <autoReload>true</autoReload>\n</accountBalance>',
      );
    },
  );

  it('reports state the test changed between requests', async () => {
    sim.state.account.balance = '1.5';
    sim.state.account.autoReload = false;

    const answer = await call(sim, '/account/get-balance');

    expect(answer.text).toBe('{"value":1.50000000,"autoReload":false}');
  });

  it('builds the account from the start options', async () => {
    const custom = await startSimulator({ account: { balance: '0.25', autoReload: false } });
    try {
      const answer = await call(custom, '/account/get-balance');
      expect(answer.text).toBe('{"value":0.25000000,"autoReload":false}');
    } finally {
      await custom.close();
    }
  });
});

describe('POST /account/settings', () => {
  const settings = (form?: Record<string, string>, headers?: Record<string, string>) =>
    call(sim, '/account/settings', { method: 'POST', form, headers });

  it('returns the current settings and throughput limits for an empty POST', async () => {
    sim.state.account.moCallbackUrl = 'https://example.com/mo';

    const answer = await settings();

    expect(answer.status).toBe(200);
    expect(answer.json()).toEqual({
      'mo-callback-url': 'https://example.com/mo',
      'dr-callback-url': '',
      'max-outbound-request': 30,
      'max-inbound-request': 30,
      'max-calls-per-second': 30,
    });
  });

  it('saves callback URLs that answer and keeps them for later requests', async () => {
    await settings({
      moCallBackUrl: 'https://example.com/webhooks/inbound-sms',
      drCallBackUrl: 'http://example.com/webhooks/delivery-receipt?x=1',
    });

    const answer = await settings();

    expect(answer.json()).toMatchObject({
      'mo-callback-url': 'https://example.com/webhooks/inbound-sms',
      'dr-callback-url': 'http://example.com/webhooks/delivery-receipt?x=1',
    });
    expect(sim.state.account.drCallbackUrl).toBe(
      'http://example.com/webhooks/delivery-receipt?x=1',
    );
  });

  it('writes slashes escaped in JSON, as the real API does', async () => {
    const answer = await settings({ moCallBackUrl: 'https://example.com/mo' });

    expect(answer.text).toContain('"mo-callback-url":"https:\\/\\/example.com\\/mo"');
  });

  it('clears a URL sent as an empty string and leaves an absent one unchanged', async () => {
    sim.state.account.moCallbackUrl = 'https://example.com/mo';
    sim.state.account.drCallbackUrl = 'https://example.com/dr';

    const answer = await settings({ moCallBackUrl: '' });

    expect(answer.json()).toMatchObject({
      'mo-callback-url': '',
      'dr-callback-url': 'https://example.com/dr',
    });
  });

  it.each([
    'https://hooks.example.invalid/mo',
    'https://invalid/mo',
    'not a url',
    'undefined',
    '/relative/path',
    'ftp://example.com/mo',
  ])('does not save %s and answers 200 with the unchanged value', async (url) => {
    sim.state.account.moCallbackUrl = 'https://example.com/old';

    const answer = await settings({ moCallBackUrl: url });

    expect(answer.status).toBe(200);
    expect(answer.json()['mo-callback-url']).toBe('https://example.com/old');
    expect(sim.state.account.moCallbackUrl).toBe('https://example.com/old');
  });

  it('ignores callback URLs sent in the query string instead of the form body', async () => {
    await call(sim, '/account/settings', {
      method: 'POST',
      query: { moCallBackUrl: 'https://example.com/mo' },
    });

    expect(sim.state.account.moCallbackUrl).toBe('');
  });

  it('rejects a JSON body with a BAD_REQUEST 400 and changes nothing', async () => {
    const answer = await call(sim, '/account/settings', {
      body: JSON.stringify({ moCallBackUrl: 'https://example.com/mo' }),
      headers: { 'content-type': 'application/json' },
    });

    expect(answer.status).toBe(400);
    expect(answer.json()).toEqual({
      type: 'BAD_REQUEST',
      error_title: 'Bad Request',
      invalid_parameters: [expect.objectContaining({ name: 'content-type' })],
    });
    expect(sim.state.account.moCallbackUrl).toBe('');
  });

  it('answers XML under account-settings', async () => {
    const answer = await settings(
      { moCallBackUrl: 'https://example.com/a?b=1&c=2' },
      {
        accept: 'application/xml',
      },
    );

    expect(answer.text).toContain('<account-settings>');
    expect(answer.text).toContain(
      '<mo-callback-url>https://example.com/a?b=1&amp;c=2</mo-callback-url>',
    );
    expect(answer.text).toContain('<max-calls-per-second>30</max-calls-per-second>');
  });
});

describe('POST /account/top-up', () => {
  const topUp = (form: Record<string, string>, headers?: Record<string, string>) =>
    call(sim, '/account/top-up', { form, headers });

  it('adds the reload amount to the balance exactly and answers success', async () => {
    const answer = await topUp({ trx: TRX });

    expect(answer.status).toBe(200);
    expect(answer.json()).toEqual({ 'error-code': '200', 'error-code-label': 'success' });
    expect(sim.state.account.balance).toBe('60.17127500');
    expect((await call(sim, '/account/get-balance')).text).toContain('"value":60.17127500');
  });

  it('keeps every unit of 10^-8 where floating point would round', async () => {
    sim.state.account.balance = '9007199254.74099300';
    sim.state.account.reloadAmount = '0.00000001';

    await topUp({ trx: TRX });

    expect(sim.state.account.balance).toBe('9007199254.74099301');
  });

  it('refuses with HTTP 401 "not auto-reload enabled" when auto-reload is off', async () => {
    sim.state.account.autoReload = false;

    const answer = await topUp({ trx: TRX });

    expect(answer.status).toBe(401);
    expect(answer.json()).toEqual({
      'error-code': '401',
      'error-code-label': 'not auto-reload enabled',
    });
    expect(sim.state.account.balance).toBe('10.17127500');
  });

  it('answers error-code 420 inside an HTTP 200 when trx is not the reload transaction', async () => {
    const answer = await topUp({ trx: 'someone-elses-trx' });

    expect(answer.status).toBe(200);
    expect(answer.json()).toEqual({ 'error-code': '420', 'error-code-label': 'top-up failed' });
    expect(sim.state.account.balance).toBe('10.17127500');
  });

  it('rejects a request without trx with a BAD_REQUEST 400 naming trx', async () => {
    const answer = await topUp({});

    expect(answer.status).toBe(400);
    expect(answer.json()).toMatchObject({
      type: 'BAD_REQUEST',
      invalid_parameters: [expect.objectContaining({ name: 'trx' })],
    });
    expect(sim.state.account.balance).toBe('10.17127500');
  });

  it('answers XML under response', async () => {
    const answer = await topUp({ trx: TRX }, { accept: 'application/xml' });

    expect(answer.text).toContain(
      '<response>\n  <error-code>200</error-code>\n  <error-code-label>success</error-code-label>\n</response>',
    );
  });
});
