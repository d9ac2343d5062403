import { request } from 'undici';
import { startSimulator, type Simulator } from '../../src/simulator';
import { basicHeader, call } from './helpers';
import { accountsCall, ERRORS, OWN, problemOf, SHARED, SUSPENDED } from './subaccounts-helpers';

let sim: Simulator;

beforeAll(async () => {
  sim = await startSimulator({ apiKey: 'acc6111f', apiSecret: 'Primary1Secret' });
});
afterAll(() => sim.close());
beforeEach(() => sim.reset());

const accounts = () => accountsCall(sim);
const VALIDATION = 'https://developer.nexmo.com/api-errors/account/subaccounts#validation';

describe('GET /accounts/{api_key}/subaccounts', () => {
  it('lists the primary and the three seeded sub-accounts, with totals over own balances', async () => {
    const answer = await accounts()('/subaccounts');

    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toBe('application/json');
    expect(answer.json()).toEqual({
      total_balance: 10.171275 + 25 + 5.5,
      total_credit_limit: -510,
      _embedded: {
        primary_account: {
          api_key: 'acc6111f',
          name: 'Primary account',
          primary_account_api_key: 'acc6111f',
          use_primary_account_balance: false,
          created_at: '2023-06-01T08:00:00Z',
          suspended: false,
          balance: 10.171275,
          credit_limit: -500,
        },
        subaccounts: [
          {
            api_key: SHARED.apiKey,
            name: 'Department A (shared balance)',
            primary_account_api_key: 'acc6111f',
            use_primary_account_balance: true,
            created_at: '2024-01-15T09:30:00Z',
            suspended: false,
            balance: null,
            credit_limit: null,
          },
          expect.objectContaining({ api_key: OWN.apiKey, balance: 25, credit_limit: 0 }),
          expect.objectContaining({
            api_key: SUSPENDED.apiKey,
            suspended: true,
            balance: 5.5,
            credit_limit: -10,
          }),
        ],
      },
    });
    // Exact decimals in the text, no float noise.
    expect(answer.text).toContain('"total_balance":40.671275,');
  });

  it('counts under the route with its parameters, like every route', async () => {
    await accounts()('/subaccounts');
    await accounts()(`/subaccounts/${OWN.apiKey}`);

    expect(sim.counters.byRoute).toEqual({
      'GET /accounts/:api_key/subaccounts': 1,
      'GET /accounts/:api_key/subaccounts/:subaccount_key': 1,
    });
  });

  it('is hit by faults like every route', async () => {
    sim.faults.failNext(1, { status: 503, body: 'later' });

    const answer = await accounts()('/subaccounts');

    expect([answer.status, answer.text]).toEqual([503, 'later']);
  });
});

describe('POST /accounts/{api_key}/subaccounts', () => {
  it('creates a sub-account sharing the primary balance, with a generated secret that signs in', async () => {
    const answer = await accounts()('/subaccounts', { json: { name: 'Team X' } });

    expect(answer.status).toBe(200);
    const created = answer.json();
    expect(created).toEqual({
      api_key: expect.stringMatching(/^[0-9a-f]{8}$/),
      name: 'Team X',
      primary_account_api_key: 'acc6111f',
      use_primary_account_balance: true,
      created_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
      suspended: false,
      balance: null,
      credit_limit: null,
      secret: expect.stringMatching(/^(?=.*[a-z])(?=.*[A-Z])(?=.*\d).{8,25}$/),
    });
    expect(sim.state.subaccounts.subaccounts.has(created.api_key as string)).toBe(true);
    const as = { apiKey: created.api_key as string, apiSecret: created.secret as string };
    expect((await call(sim, '/account/get-balance', { as })).status).toBe(200);
  });

  it('keeps a given secret and an own balance starting at 0', async () => {
    const answer = await accounts()('/subaccounts', {
      json: { name: 'Team Y', secret: 'Given1Secret', use_primary_account_balance: false },
    });

    expect(answer.json()).toMatchObject({ secret: 'Given1Secret', balance: 0, credit_limit: 0 });
    const listed = (await accounts()('/subaccounts')).json()._embedded as {
      subaccounts: unknown[];
    };
    expect(listed.subaccounts).toHaveLength(4);
  });

  it.each([
    ['no name', {}, [{ name: 'name', reason: 'Is required' }]],
    ['a name of 81 characters', { name: 'x'.repeat(81) }, ['name']],
    ['a weak secret', { name: 'A', secret: 'password' }, ['secret']],
    [
      'a flag that is not a boolean',
      { name: 'A', use_primary_account_balance: 'no' },
      ['use_primary_account_balance'],
    ],
  ])('refuses %s with 422 naming it', async (_case, json, invalid) => {
    const answer = await accounts()('/subaccounts', { json });

    const names = (answer.json().invalid_parameters as { name: string }[]).map(({ name }) => name);
    expect(problemOf(answer)).toMatchObject({
      status: 422,
      type: VALIDATION,
      title: 'Bad Request',
      detail: 'The request failed due to validation errors',
    });
    if (typeof invalid[0] === 'string') expect(names).toEqual(invalid);
    else expect(answer.json().invalid_parameters).toEqual(invalid);
    expect(sim.state.subaccounts.subaccounts.size).toBe(3);
  });

  it.each([
    ['a form body', { form: { name: 'A' } }],
    [
      'JSON that does not parse',
      { body: '{"name":', headers: { 'content-type': 'application/json' } },
    ],
    [
      'JSON without its content type',
      { body: '{"name":"A"}', headers: { 'content-type': 'text/plain' } },
    ],
  ])('answers 422 for %s', async (_case, options) => {
    const answer = await accounts()('/subaccounts', options);

    expect(problemOf(answer)).toMatchObject({ status: 422, type: VALIDATION });
    expect(answer.json().invalid_parameters).toEqual([
      { name: 'body', reason: 'Send a JSON body with content-type application/json' },
    ]);
  });
});

describe('GET and PATCH /accounts/{api_key}/subaccounts/{subaccount_key}', () => {
  it('answers one sub-account', async () => {
    const answer = await accounts()(`/subaccounts/${OWN.apiKey}`);

    expect(answer.json()).toMatchObject({ api_key: OWN.apiKey, balance: 25, credit_limit: 0 });
  });

  it('answers 404 invalid-api-key for a key that is not one of its sub-accounts', async () => {
    const answer = await accounts()('/subaccounts/0badc0de');

    expect(problemOf(answer)).toEqual({
      status: 404,
      type: `${ERRORS}#invalid-api-key`,
      title: 'Invalid API Key',
      detail: "API key '0badc0de' does not exist, or you do not have access",
    });
  });

  it('suspends, renames and stops sharing the balance', async () => {
    const patch = (json: unknown) =>
      accounts()(`/subaccounts/${SHARED.apiKey}`, { method: 'PATCH', json });

    const suspended = await patch({ suspended: true, name: 'Renamed' });
    const own = await patch({ use_primary_account_balance: false });

    expect(suspended.json()).toMatchObject({ suspended: true, name: 'Renamed', balance: null });
    expect(own.json()).toMatchObject({
      use_primary_account_balance: false,
      balance: 0,
      credit_limit: 0,
    });
    expect(sim.counters.byRoute['PATCH /accounts/:api_key/subaccounts/:subaccount_key']).toBe(2);
  });

  it('refuses to share the primary balance again once the account has its own', async () => {
    const answer = await accounts()(`/subaccounts/${OWN.apiKey}`, {
      method: 'PATCH',
      json: { use_primary_account_balance: true, name: 'Not applied' },
    });

    expect(problemOf(answer)).toMatchObject({ status: 422, type: VALIDATION });
    expect(answer.json().invalid_parameters).toEqual([
      { name: 'use_primary_account_balance', reason: 'Cannot be set back to true once false' },
    ]);
    expect(sim.state.subaccounts.subaccounts.get(OWN.apiKey)?.name).toBe(
      'Department B (own balance)',
    );
  });
});

describe('access', () => {
  const unauthorized = {
    status: 401,
    type: `${ERRORS}#unauthorized`,
    title: 'Invalid credentials supplied',
    detail: 'You did not provide correct credentials',
  };

  it('answers 401 problem details for a wrong secret', async () => {
    const as = { apiKey: 'acc6111f', apiSecret: 'Wrong1Secret' };

    expect(problemOf(await accounts()('/subaccounts', { as }))).toEqual(unauthorized);
  });

  it('takes credentials from the Authorization header only', async () => {
    const answer = await accounts()('/subaccounts', { auth: 'query' });

    expect(problemOf(answer)).toEqual(unauthorized);
  });

  it('answers 404 for another api_key in the path', async () => {
    const answer = await call(sim, `/accounts/${OWN.apiKey}/subaccounts`);

    expect(problemOf(answer)).toMatchObject({ status: 404, title: 'Invalid API Key' });
  });

  it('answers 403 unprovisioned to a sub-account, which has no sub-accounts', async () => {
    const answer = await call(sim, `/accounts/${OWN.apiKey}/subaccounts`, { as: OWN });

    expect(problemOf(answer)).toEqual({
      status: 403,
      type: `${ERRORS}#unprovisioned`,
      title: 'Authorisation error',
      detail: `Account ${OWN.apiKey} is not provisioned to access Subaccount Provisioning API`,
    });
  });

  it('answers 403 unprovisioned on every Subaccounts route once the admin API clears the flag', async () => {
    const admin = await request(`${sim.url}/_simulator/subaccounts`, {
      method: 'POST',
      body: '{"provisioned": false}',
    });
    expect(await admin.body.json()).toEqual({ provisioned: false });

    const transfer = { from: 'acc6111f', to: OWN.apiKey, amount: 1 };
    const answers = await Promise.all([
      accounts()('/subaccounts'),
      accounts()(`/subaccounts/${OWN.apiKey}`, { method: 'PATCH', json: { suspended: true } }),
      accounts()('/balance-transfers', { json: transfer }),
      accounts()('/credit-transfers', { query: { start_date: '2020-01-01T00:00:00Z' } }),
    ]);
    const secrets = await accounts()('/secrets');

    expect(answers.map(problemOf).map(({ status, detail }) => [status, detail])).toEqual(
      answers.map(() => [
        403,
        'Account acc6111f is not provisioned to access Subaccount Provisioning API',
      ]),
    );
    expect(secrets.status).toBe(200);
    sim.reset();
    expect(sim.state.subaccounts.provisioned).toBe(true);
  });

  it('refuses a bad admin setting with 400 and changes nothing', async () => {
    const admin = await request(`${sim.url}/_simulator/subaccounts`, {
      method: 'POST',
      body: '{"provisioned": "no"}',
    });

    expect(admin.statusCode).toBe(400);
    await admin.body.dump();
    expect(sim.state.subaccounts.provisioned).toBe(true);
  });

  it('lets the primary secret sign in for a sub-account key on the legacy routes', async () => {
    const header = basicHeader(OWN.apiKey, 'Primary1Secret');

    const answer = await call(sim, '/account/get-balance', {
      auth: 'none',
      headers: { authorization: header },
    });

    expect(answer.status).toBe(200);
  });
});
