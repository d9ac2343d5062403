import { type Simulator, startSimulator } from '../../src/simulator';
import { bearer, postGraphql, tokenEntry } from '../helpers/auth';
import { routeCalls, waitForRoute } from '../helpers/counters';
import { type TestGateway, simulatorEnv, startGateway } from '../helpers/gateway';

// What the simulator seeds (src/simulator/areas/accounts.ts): one secret per account.
const SHARED = 'bbe6222f';
const PRIMARY_SECRET = '5ec7e700-0000-4000-8000-000000000000';
const SHARED_SECRET = '5ec7e700-0000-4000-8000-000000000001';
const UNKNOWN_SECRET = '5ec7e700-0000-4000-8000-0000000000ff';

const LIST = 'GET /accounts/:api_key/secrets';
const CREATE = 'POST /accounts/:api_key/secrets';
const DELETE = 'DELETE /accounts/:api_key/secrets/:secret_id';

let simulator: Simulator;
let gateway: TestGateway;
/** Every line the gateway logs, at debug level, for the whole file. */
const lines: string[] = [];

beforeAll(async () => {
  simulator = await startSimulator();
  gateway = await startGateway(
    { ...simulatorEnv(simulator), LOG_LEVEL: 'debug' },
    { logDestination: { write: (line: string) => void lines.push(line) } },
  );
});

afterAll(() => gateway.close().then(() => simulator.close()));

beforeEach(() => simulator.reset());

type Outcome = { __typename: string } & Record<string, unknown>;
type Secret = { id: string; createdAt: string };
const badInput = (field: string) => ({ code: 'BAD_USER_INPUT', field });

const SECRETS = 'query($apiKey: String) { apiSecrets(apiKey: $apiKey) { id createdAt } }';

const CREATE_SECRET = `mutation($input: CreateApiSecretInput!) { createApiSecret(input: $input) {
  __typename
  ... on ApiSecretCreated { secret { id createdAt } }
  ... on ApiSecretRejected { message parameter reason }
  ... on ApiSecretLimitReached { message } } }`;

const REVOKE_SECRET = `mutation($input: RevokeApiSecretInput!) { revokeApiSecret(input: $input) {
  __typename
  ... on ApiSecretRevoked { secretId }
  ... on ApiSecretNotFound { message }
  ... on LastApiSecret { message } } }`;

const list = async (apiKey?: string) =>
  (await gateway.graphql<{ apiSecrets: Secret[] }>(SECRETS, { apiKey })).data!.apiSecrets;

const create = (input: { apiKey?: string; secret: string }) =>
  gateway.graphql<{ createApiSecret: Outcome }>(CREATE_SECRET, { input });

const revoke = async (input: { apiKey?: string; secretId: string }) =>
  (await gateway.graphql<{ revokeApiSecret: Outcome }>(REVOKE_SECRET, { input })).data!
    .revokeApiSecret;

/** The simulator's balance route, signed in with Basic apiKey:secret: 200 when it signs in. */
const signsIn = async (apiKey: string, secret: string) => {
  const token = Buffer.from(`${apiKey}:${secret}`).toString('base64');
  const response = await fetch(`${simulator.url}/account/get-balance`, {
    headers: { authorization: `Basic ${token}`, accept: 'application/json' },
  });
  return response.status === 200;
};

describe('apiSecrets', () => {
  it("lists the primary's secrets, and a sub-account's, live each time", async () => {
    expect(await list()).toEqual([{ id: PRIMARY_SECRET, createdAt: '2023-06-01T08:00:00Z' }]);
    expect(await list(SHARED)).toEqual([{ id: SHARED_SECRET, createdAt: expect.any(String) }]);
    // Never cached: the same query again asks Vonage again.
    await list();
    expect(routeCalls(simulator, LIST)).toBe(3);
  });

  it('makes an answer that holds them uncacheable, whatever else it holds', async () => {
    const pricing = '{ pricing(country: "GB") { countryCode } }';
    const alone = await postGraphql(gateway.url, { query: pricing });
    expect(alone.headers.get('cache-control')).toMatch(/max-age=\d+/);
    const query = '{ apiSecrets { id } pricing(country: "GB") { countryCode } }';
    const both = await postGraphql(gateway.url, { query });
    expect(both.errors).toBeUndefined();
    expect(both.headers.get('cache-control')).toBe('no-store');
  });

  it('refuses a malformed apiKey before any call, naming it', async () => {
    const before = simulator.counters.total;
    const { errors } = await gateway.graphql(SECRETS, { apiKey: '../x' });
    expect(errors?.[0]?.extensions).toMatchObject(badInput('apiKey'));
    expect(simulator.counters.total).toBe(before);
  });
});

describe('createApiSecret', () => {
  it('creates a secret that signs in at once, and answers its id only', async () => {
    const { data } = await create({ secret: 'Rotated9Secret' });
    expect(data!.createApiSecret).toEqual({
      __typename: 'ApiSecretCreated',
      secret: { id: expect.stringMatching(/^[0-9a-f-]{36}$/), createdAt: expect.any(String) },
    });
    const id = (data!.createApiSecret.secret as Secret).id;
    expect((await list()).map((secret) => secret.id)).toEqual([PRIMARY_SECRET, id]);
    expect(await signsIn(simulator.apiKey, 'Rotated9Secret')).toBe(true);
  });

  it("creates a sub-account's secret with the primary's credentials", async () => {
    const { data } = await create({ apiKey: SHARED, secret: 'SubRotated9' });
    expect(data!.createApiSecret.__typename).toBe('ApiSecretCreated');
    const id = (data!.createApiSecret.secret as Secret).id;
    expect((await list(SHARED)).map((secret) => secret.id)).toEqual([SHARED_SECRET, id]);
    // The sub-account's, not the primary's (whose secrets open its sub-accounts as well).
    expect(await list()).toHaveLength(1);
    expect(await signsIn(SHARED, 'SubRotated9')).toBe(true);
  });

  it.each([
    ['too short (7)', 'Short1a'],
    ['too long (26)', `Aa1${'x'.repeat(23)}`],
    ['without a digit', 'NoDigitsHere'],
    ['without an upper case letter', 'nouppercase1'],
  ])('refuses a secret %s before any call, saying the rule', async (_case, secret) => {
    const before = simulator.counters.total;
    const { data, errors } = await create({ secret });
    expect(data).toBeFalsy();
    expect(errors?.[0]?.extensions).toMatchObject(badInput('input.secret'));
    expect(errors?.[0]?.message).toContain('8 to 25 characters');
    expect(JSON.stringify(errors)).not.toContain(secret);
    expect(simulator.counters.total).toBe(before);
  });

  it('answers ApiSecretLimitReached for a third secret', async () => {
    const second = await create({ secret: 'Second2Secret' });
    expect(second.data!.createApiSecret.__typename).toBe('ApiSecretCreated');
    const { data } = await create({ secret: 'Third3Secret' });
    expect(data!.createApiSecret).toMatchObject({ __typename: 'ApiSecretLimitReached' });
    expect(routeCalls(simulator, CREATE)).toBe(2);
    expect(await list()).toHaveLength(2);
    expect(await signsIn(simulator.apiKey, 'Third3Secret')).toBe(false);
  });
});

describe('revokeApiSecret', () => {
  it('revokes a secret, which stops signing in', async () => {
    const { data } = await create({ secret: 'Rotated9Secret' });
    const id = (data!.createApiSecret.secret as Secret).id;
    expect(await revoke({ secretId: id })).toEqual({
      __typename: 'ApiSecretRevoked',
      secretId: id,
    });
    expect(routeCalls(simulator, DELETE)).toBe(1);
    expect(await list()).toEqual([expect.objectContaining({ id: PRIMARY_SECRET })]);
    expect(await signsIn(simulator.apiKey, 'Rotated9Secret')).toBe(false);
  });

  it("revokes a sub-account's old secret once it has a new one", async () => {
    await create({ apiKey: SHARED, secret: 'SubRotated9' });
    const revoked = await revoke({ apiKey: SHARED, secretId: SHARED_SECRET });
    expect(revoked.__typename).toBe('ApiSecretRevoked');
    expect(await signsIn(SHARED, 'SharedSub1Secret')).toBe(false);
    expect(await signsIn(SHARED, 'SubRotated9')).toBe(true);
  });

  it('refuses the last secret from the list, before any DELETE', async () => {
    expect((await revoke({ secretId: PRIMARY_SECRET })).__typename).toBe('LastApiSecret');
    const shared = await revoke({ apiKey: SHARED, secretId: SHARED_SECRET });
    expect(shared.__typename).toBe('LastApiSecret');
    expect(routeCalls(simulator, LIST)).toBe(2);
    expect(routeCalls(simulator, DELETE)).toBe(0);
    expect(await signsIn(SHARED, 'SharedSub1Secret')).toBe(true);
  });

  it("answers LastApiSecret for Vonage's own 403 when another caller revoked one meanwhile", async () => {
    const { data } = await create({ apiKey: SHARED, secret: 'SubRotated9' });
    const id = (data!.createApiSecret.secret as Secret).id;
    // The list is answered late; meanwhile "another caller" revokes the seeded secret.
    simulator.faults.latency(400);
    const answer = revoke({ apiKey: SHARED, secretId: id });
    await waitForRoute(simulator, LIST);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const held = simulator.state.subaccounts.secrets;
    held.set(
      SHARED,
      held.get(SHARED)!.filter((secret) => secret.id !== SHARED_SECRET),
    );
    expect((await answer).__typename).toBe('LastApiSecret');
    expect(routeCalls(simulator, DELETE)).toBe(1);
  });

  it('answers ApiSecretNotFound for an id the account lacks, before any DELETE', async () => {
    await create({ secret: 'Second2Secret' });
    expect((await revoke({ secretId: UNKNOWN_SECRET })).__typename).toBe('ApiSecretNotFound');
    expect(routeCalls(simulator, DELETE)).toBe(0);
  });

  it('refuses a malformed secretId before any call, naming it', async () => {
    const before = simulator.counters.total;
    const { errors } = await gateway.graphql(REVOKE_SECRET, { input: { secretId: '../../x' } });
    expect(errors?.[0]?.extensions).toMatchObject(badInput('input.secretId'));
    expect(simulator.counters.total).toBe(before);
  });
});

describe('the admin scope', () => {
  const NOT_ADMIN = 'not-admin-token-0123456789abcdef';
  const ADMIN = 'admin-token-0123456789abcdef';
  const EVERY_OTHER =
    'account:read pricing:read numbers:read billing:write numbers:write settings:write subaccounts:read subaccounts:transfer metrics:read';
  let guarded: TestGateway;

  beforeAll(async () => {
    const { AUTH: _none, ...env } = simulatorEnv(simulator);
    guarded = await startGateway({
      ...env,
      API_TOKENS: [
        tokenEntry('operator', NOT_ADMIN, EVERY_OTHER.split(' ')),
        tokenEntry('admin', ADMIN, ['admin']),
      ].join(','),
    });
  });
  afterAll(() => guarded.close());

  const op = (query: string, input?: object) => ({ query, variables: { input } });
  it.each([
    ['Query.apiSecrets', op(SECRETS)],
    ['Mutation.createApiSecret', op(CREATE_SECRET, { secret: 'Rotated9Secret' })],
    ['Mutation.revokeApiSecret', op(REVOKE_SECRET, { secretId: PRIMARY_SECRET })],
  ])('refuses %s to a token without admin, before any call', async (field, body) => {
    const before = simulator.counters.total;
    const denied = await postGraphql(guarded.url, body, bearer(NOT_ADMIN));
    expect(denied.errors).toHaveLength(1);
    const forbidden = { code: 'FORBIDDEN', field, requiredScopes: [['admin']] };
    expect(denied.errors![0].extensions).toMatchObject(forbidden);
    expect(simulator.counters.total).toBe(before);
  });

  it('serves them to an admin token', async () => {
    const allowed = await postGraphql<{ apiSecrets: Secret[] }>(
      guarded.url,
      { query: SECRETS },
      bearer(ADMIN),
    );
    expect(allowed.errors).toBeUndefined();
    expect(allowed.data!.apiSecrets).toEqual([expect.objectContaining({ id: PRIMARY_SECRET })]);
  });
});

describe('a created secret', () => {
  it('is in no log line, nowhere in the answer, and not in /metrics', async () => {
    const secret = 'Scanned7Secret';
    const refused = 'Refused8Secret';
    const from = lines.length;
    const answer = JSON.stringify(await create({ secret }));
    expect(answer).toContain('ApiSecretCreated');
    // Vonage's refusal of another (the limit) goes through the error path.
    expect((await create({ secret: refused })).data!.createApiSecret.__typename).toBe(
      'ApiSecretLimitReached',
    );
    const logged = lines.slice(from).join('\n');
    // The capture works: the POSTs' debug lines are there.
    expect(logged).toContain('createApiSecret');
    const metrics = await (await fetch(`${gateway.url}/metrics`)).text();
    expect(metrics).toContain('createApiSecret');
    for (const text of [secret, refused]) {
      expect(logged).not.toContain(text);
      expect(metrics).not.toContain(text);
    }
    expect(answer).not.toContain(secret);
    expect(lines.join('\n')).not.toMatch(/Rotated9Secret|SubRotated9|Second2Secret|Third3Secret/);
  });

  it('is scrubbed from a refusal that echoes it', async () => {
    const secret = 'Echoed7Secret';
    const from = lines.length;
    simulator.faults.failNext(1, {
      status: 400,
      headers: { 'content-type': 'application/problem+json' },
      body: JSON.stringify({
        type: 'https://developer.nexmo.com/api-errors/account/secret-management#validation',
        title: `Bad Request: ${secret}`,
        detail: `secret ${secret} refused`,
        invalid_parameters: [{ name: 'secret', reason: `${secret} is not allowed` }],
      }),
    });
    const { data } = await create({ secret });
    expect(data!.createApiSecret).toMatchObject({
      __typename: 'ApiSecretRejected',
      parameter: 'secret',
      reason: expect.stringContaining('is not allowed'),
    });
    expect(JSON.stringify(data)).not.toContain(secret);
    expect(lines.slice(from).join('\n')).not.toContain(secret);
  });
});
