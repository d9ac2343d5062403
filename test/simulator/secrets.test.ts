import { startSimulator, type Simulator } from '../../src/simulator';
import { call } from './helpers';
import { ERRORS, OWN, problemOf, SHARED } from './subaccounts-helpers';

let sim: Simulator;
const PRIMARY = { apiKey: 'acc6111f', apiSecret: 'Primary1Secret' };
const PRIMARY_SECRET_ID = '5ec7e700-0000-4000-8000-000000000000';
const SECRETS_ERRORS = `${ERRORS}/account/secret-management`;

beforeAll(async () => {
  sim = await startSimulator(PRIMARY);
});
afterAll(() => sim.close());
beforeEach(() => sim.reset());

const secrets = (key: string, path = '', options = {}) =>
  call(sim, `/accounts/${key}/secrets${path}`, options);
const balanceAs = (apiKey: string, apiSecret: string) =>
  call(sim, '/account/get-balance', { as: { apiKey, apiSecret } });

describe('GET /accounts/{api_key}/secrets', () => {
  it("lists the primary's configured secret as its first", async () => {
    const answer = await secrets(PRIMARY.apiKey);

    expect(answer.status).toBe(200);
    expect(answer.json()).toEqual({
      _links: { self: { href: '/accounts/acc6111f/secrets' } },
      _embedded: {
        secrets: [
          {
            _links: { self: { href: `/accounts/acc6111f/secrets/${PRIMARY_SECRET_ID}` } },
            id: PRIMARY_SECRET_ID,
            created_at: '2023-06-01T08:00:00Z',
          },
        ],
      },
    });
    expect(sim.counters.byRoute).toEqual({ 'GET /accounts/:api_key/secrets': 1 });
  });

  it("lets the primary's credentials manage a sub-account's secrets, and the sub-account its own", async () => {
    const byPrimary = await secrets(SHARED.apiKey);
    const byItself = await secrets(SHARED.apiKey, '', { as: SHARED });

    expect(byPrimary.json()).toEqual(byItself.json());
    expect(byPrimary.json()._embedded).toEqual({
      secrets: [expect.objectContaining({ id: '5ec7e700-0000-4000-8000-000000000001' })],
    });
  });

  it.each([
    ['the primary, asked by a sub-account', PRIMARY.apiKey, OWN],
    ['another sub-account', SHARED.apiKey, OWN],
    ['an unknown key', '0badc0de', PRIMARY],
  ])('answers 404 invalid-api-key for %s', async (_case, key, as) => {
    const answer = await secrets(key, '', { as });

    expect(problemOf(answer)).toEqual({
      status: 404,
      type: `${ERRORS}#invalid-api-key`,
      title: 'Invalid API Key',
      detail: `API key '${key}' does not exist, or you do not have access`,
    });
  });

  it('answers 401 problem details for a wrong secret or query credentials', async () => {
    const wrong = await secrets(PRIMARY.apiKey, '', { as: { ...PRIMARY, apiSecret: 'Nope1234' } });
    const query = await secrets(PRIMARY.apiKey, '', { auth: 'query' });

    for (const answer of [wrong, query]) {
      expect(problemOf(answer)).toMatchObject({ status: 401, type: `${ERRORS}#unauthorized` });
    }
  });
});

describe('POST, GET and DELETE a secret', () => {
  it('creates a secret that signs in at once, and reads it back', async () => {
    const created = await secrets(PRIMARY.apiKey, '', { json: { secret: 'Second2Secret' } });

    expect(created.status).toBe(201);
    const { id } = created.json() as { id: string };
    expect(created.json()).toEqual({
      _links: { self: { href: `/accounts/acc6111f/secrets/${id}` } },
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      created_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
    });
    expect((await balanceAs(PRIMARY.apiKey, 'Second2Secret')).status).toBe(200);
    expect((await secrets(PRIMARY.apiKey, `/${id}`)).json()).toEqual(created.json());
    expect(sim.counters.byRoute['POST /accounts/:api_key/secrets']).toBe(1);
  });

  it('revokes a secret, which then no longer signs in', async () => {
    await secrets(PRIMARY.apiKey, '', { json: { secret: 'Second2Secret' } });

    const revoked = await secrets(PRIMARY.apiKey, `/${PRIMARY_SECRET_ID}`, {
      method: 'DELETE',
      as: { ...PRIMARY, apiSecret: 'Second2Secret' },
    });

    expect([revoked.status, revoked.text]).toEqual([204, '']);
    expect((await balanceAs(PRIMARY.apiKey, PRIMARY.apiSecret)).status).toBe(401);
    expect((await balanceAs(PRIMARY.apiKey, 'Second2Secret')).status).toBe(200);
    expect(sim.counters.byRoute['DELETE /accounts/:api_key/secrets/:secret_id']).toBe(1);
    sim.reset();
    expect((await balanceAs(PRIMARY.apiKey, PRIMARY.apiSecret)).status).toBe(200);
  });

  it("revokes a sub-account's secret with the primary's credentials", async () => {
    await secrets(OWN.apiKey, '', { json: { secret: 'Fresh3Secret' } });
    const [first] = sim.state.subaccounts.secrets.get(OWN.apiKey)!;

    const revoked = await secrets(OWN.apiKey, `/${first!.id}`, { method: 'DELETE' });

    expect(revoked.status).toBe(204);
    expect((await balanceAs(OWN.apiKey, OWN.apiSecret)).status).toBe(401);
    expect((await balanceAs(OWN.apiKey, 'Fresh3Secret')).status).toBe(200);
  });

  it('refuses to revoke the last secret', async () => {
    const answer = await secrets(PRIMARY.apiKey, `/${PRIMARY_SECRET_ID}`, { method: 'DELETE' });

    expect(problemOf(answer)).toEqual({
      status: 403,
      type: `${SECRETS_ERRORS}#delete-last-secret`,
      title: 'Secret Deletion Forbidden',
      detail:
        'Can not delete the last secret. The account must always have at least 1 secret active at any time',
    });
    expect((await balanceAs(PRIMARY.apiKey, PRIMARY.apiSecret)).status).toBe(200);
  });

  it.each(['GET', 'DELETE'] as const)(
    'answers 404 invalid-id to %s of an unknown id',
    async (method) => {
      const id = '07239aeb-d756-4c32-a1de-cf64f8b21827';

      const answer = await secrets(PRIMARY.apiKey, `/${id}`, { method });

      expect(problemOf(answer)).toEqual({
        status: 404,
        type: `${ERRORS}#invalid-id`,
        title: 'Invalid ID',
        detail: `ID '${id}' could not be found`,
      });
    },
  );

  const validation = (reason: string) => ({
    status: 400,
    type: `${SECRETS_ERRORS}#validation`,
    title: 'Bad Request',
    detail: 'The request failed due to secret validation errors',
    invalid_parameters: [{ name: 'secret', reason }],
  });

  it.each([
    ['7 characters', 'Short1x'],
    ['26 characters', `Long1${'x'.repeat(21)}`],
    ['no upper case', 'lower1secret'],
    ['no lower case', 'UPPER1SECRET'],
    ['no digit', 'NoDigitSecret'],
    ['a number', 12345678],
  ])('refuses a secret of %s with 400', async (_case, secret) => {
    const answer = await secrets(PRIMARY.apiKey, '', { json: { secret } });

    expect(problemOf(answer)).toEqual(validation('Does not meet complexity requirements'));
    expect(sim.state.subaccounts.secrets.get(PRIMARY.apiKey)).toHaveLength(1);
  });

  it('accepts 8 and 25 characters', async () => {
    const eight = await secrets(OWN.apiKey, '', { json: { secret: 'Abcdef12' } });
    await secrets(OWN.apiKey, `/${(eight.json() as { id: string }).id}`, { method: 'DELETE' });
    const twentyFive = await secrets(OWN.apiKey, '', { json: { secret: `Ab1${'c'.repeat(22)}` } });

    expect([eight.status, twentyFive.status]).toEqual([201, 201]);
  });

  it('refuses a third secret', async () => {
    await secrets(PRIMARY.apiKey, '', { json: { secret: 'Second2Secret' } });

    const third = await secrets(PRIMARY.apiKey, '', { json: { secret: 'Third3Secret' } });

    expect(problemOf(third)).toEqual(
      validation('Account already has the maximum number of secrets'),
    );
    expect((await balanceAs(PRIMARY.apiKey, 'Third3Secret')).status).toBe(401);
  });

  it('answers 400 for a missing secret and 422 for a body that is not JSON', async () => {
    const missing = await secrets(PRIMARY.apiKey, '', { json: {} });
    const form = await secrets(PRIMARY.apiKey, '', { form: { secret: 'Second2Secret' } });

    expect(problemOf(missing)).toEqual(validation('Is required'));
    expect(problemOf(form)).toMatchObject({ status: 422, type: `${SECRETS_ERRORS}#validation` });
  });
});
