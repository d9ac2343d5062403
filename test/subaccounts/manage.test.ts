import { type Simulator, startSimulator } from '../../src/simulator';
import { routeCalls } from '../helpers/counters';
import { type TestGateway, simulatorEnv, startGateway } from '../helpers/gateway';

// The sub-accounts the simulator seeds (src/simulator/areas/accounts.ts).
const SHARED = 'bbe6222f';
const OWN = 'cce7333a';
const CREATE = 'POST /accounts/:api_key/subaccounts';
const MOVE = 'POST /accounts/:api_key/transfer-number';

let simulator: Simulator;
let gateway: TestGateway;

beforeAll(async () => {
  simulator = await startSimulator({ numbers: { owned: 3 } });
  gateway = await startGateway({
    ...simulatorEnv(simulator),
    NUMBERS_RATE_PER_SECOND: '200',
    PRICING_RATE_PER_SECOND: '200',
  });
});

afterAll(async () => {
  await gateway.close();
  await simulator.close();
});

beforeEach(() => {
  simulator.reset();
  return gateway.app.runtime.cache.clear();
});

type Outcome = { __typename: string } & Record<string, unknown>;

const CREATE_SUB = `mutation($input: CreateSubaccountInput!, $key: String) {
  createSubaccount(input: $input, idempotencyKey: $key) {
    __typename
    ... on SubaccountCreated { secret reconciled warning subaccount { apiKey name usesPrimaryBalance balance } }
    ... on SubaccountRejected { parameter message }
    ... on SubaccountsNotProvisioned { message }
  } }`;

const UPDATE_SUB = `mutation($input: UpdateSubaccountInput!) {
  updateSubaccount(input: $input) {
    __typename
    ... on SubaccountUpdated { subaccount { apiKey name suspended usesPrimaryBalance } }
    ... on SubaccountNotFound { apiKey }
    ... on SubaccountRejected { parameter message }
  } }`;

const MOVE_NUMBER = `mutation($input: TransferNumberInput!, $key: String) {
  transferNumber(input: $input, idempotencyKey: $key) {
    __typename
    ... on NumberTransferred { msisdn to reconciled warning number { msisdn country } }
    ... on NumberTransferRefused { reason message }
    ... on NumberTransferOutcomeUnknown { message }
    ... on SubaccountsNotProvisioned { message }
  } }`;

async function mutate(query: string, variables: object): Promise<Outcome> {
  const answer = await gateway.graphql<Record<string, Outcome>>(query, variables);
  expect(answer.errors).toBeUndefined();
  return Object.values(answer.data!)[0];
}

const primaryNumber = () => {
  const [msisdn, record] = [...simulator.state.numbers.owned.entries()][0]!;
  return { msisdn, country: (record as { country: string }).country };
};

describe('createSubaccount', () => {
  it('answers the new secret to the first call only; a repeat with the key answers null', async () => {
    const input = { name: 'Shop 7', usesPrimaryBalance: false };
    const first = await mutate(CREATE_SUB, { input, key: 'create-1' });
    expect(first).toMatchObject({
      __typename: 'SubaccountCreated',
      reconciled: false,
      subaccount: { name: 'Shop 7', usesPrimaryBalance: false },
    });
    expect(first.secret).toEqual(expect.stringMatching(/^(?=.*[a-z])(?=.*[A-Z])(?=.*\d).{8,25}$/));
    const again = await mutate(CREATE_SUB, { input, key: 'create-1' });
    expect(again).toMatchObject({ __typename: 'SubaccountCreated', secret: null });
    expect(again.warning).toMatch(/first answer only/);
    expect(routeCalls(simulator, CREATE)).toBe(1);
    // The secret works: the new sub-account signs in with it.
    const { apiKey } = first.subaccount as { apiKey: string };
    const token = Buffer.from(`${apiKey}:${String(first.secret)}`).toString('base64');
    const balance = await fetch(`${simulator.url}/account/get-balance`, {
      headers: { authorization: `Basic ${token}` },
    });
    expect(balance.status).toBe(200);
  });

  it('refuses a secret that breaks Vonage’s rule before any call, without repeating it', async () => {
    const before = simulator.counters.total;
    for (const secret of ['Sh0rt', 'alllowercase123', 'NoDigitsHere', `Aa1${'x'.repeat(23)}`]) {
      const answer = await gateway.graphql(CREATE_SUB, { input: { name: 'x', secret } });
      expect(answer.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
      expect(JSON.stringify(answer.errors)).toContain('secret');
      expect(JSON.stringify(answer.errors)).not.toContain(secret);
    }
    expect(simulator.counters.total).toBe(before);
  });

  it('finds a created sub-account whose answer was lost in the list', async () => {
    simulator.faults.dropNext(1, 'after');
    const outcome = await mutate(CREATE_SUB, { input: { name: 'Lost shop' }, key: 'create-lost' });
    expect(outcome).toMatchObject({
      __typename: 'SubaccountCreated',
      reconciled: true,
      secret: null,
      subaccount: { name: 'Lost shop' },
    });
    expect(routeCalls(simulator, CREATE)).toBe(1);
  });
});

describe('updateSubaccount', () => {
  it('suspends and renames, refuses unknown keys and turning balance sharing back on', async () => {
    expect(
      await mutate(UPDATE_SUB, { input: { apiKey: OWN, suspended: true, name: 'B' } }),
    ).toEqual({
      __typename: 'SubaccountUpdated',
      subaccount: { apiKey: OWN, name: 'B', suspended: true, usesPrimaryBalance: false },
    });
    expect(await mutate(UPDATE_SUB, { input: { apiKey: 'aaaa0000', name: 'C' } })).toMatchObject({
      __typename: 'SubaccountNotFound',
    });
    expect(
      await mutate(UPDATE_SUB, { input: { apiKey: OWN, usesPrimaryBalance: true } }),
    ).toMatchObject({ __typename: 'SubaccountRejected', parameter: 'use_primary_account_balance' });
    const none = await gateway.graphql(UPDATE_SUB, { input: { apiKey: OWN } });
    expect(none.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input' });
  });
});

describe('numbers of sub-accounts', () => {
  it('moves a number to a sub-account and reads it back through that account', async () => {
    const { msisdn, country } = primaryNumber();
    const input = { from: simulator.apiKey, to: OWN, msisdn, country };
    expect(await mutate(MOVE_NUMBER, { input })).toMatchObject({
      __typename: 'NumberTransferred',
      reconciled: false,
      number: { msisdn },
    });
    const listed = await gateway.graphql<{
      subaccount: { numbers: { nodes: { msisdn: string }[] } };
    }>(
      `{ subaccount(apiKey: "${OWN}") { numbers(pageSize: 10) { totalCount nodes { msisdn } } } }`,
    );
    expect(listed.data!.subaccount.numbers.nodes.map((n) => n.msisdn)).toEqual([msisdn]);
    // Moving it again is Vonage's conflict: the sub-account owns it already.
    expect(await mutate(MOVE_NUMBER, { input })).toMatchObject({
      __typename: 'NumberTransferRefused',
      reason: 'ALREADY_OWNED',
    });
    // And an account that does not own a number cannot give it.
    const other = [...simulator.state.numbers.owned.keys()].find((n) => n !== msisdn)!;
    expect(
      await mutate(MOVE_NUMBER, {
        input: { from: SHARED, to: OWN, msisdn: other, country },
      }),
    ).toMatchObject({ __typename: 'NumberTransferRefused', reason: 'NOT_OWNED' });
  });

  it('tells an unknown number and an account not provisioned apart', async () => {
    const input = { from: simulator.apiKey, to: OWN, msisdn: '447000000001', country: 'GB' };
    expect(await mutate(MOVE_NUMBER, { input })).toMatchObject({
      __typename: 'NumberTransferRefused',
      reason: 'NOT_FOUND',
    });
    simulator.state.subaccounts.provisioned = false;
    expect(await mutate(MOVE_NUMBER, { input })).toMatchObject({
      __typename: 'SubaccountsNotProvisioned',
    });
    expect(await mutate(CREATE_SUB, { input: { name: 'Off' } })).toMatchObject({
      __typename: 'SubaccountsNotProvisioned',
    });
  });

  it('settles a number transfer whose answer was lost by reading the new account', async () => {
    const { msisdn, country } = primaryNumber();
    simulator.faults.dropNext(1, 'after');
    const input = { from: simulator.apiKey, to: OWN, msisdn, country };
    expect(await mutate(MOVE_NUMBER, { input, key: 'move-lost' })).toMatchObject({
      __typename: 'NumberTransferred',
      reconciled: true,
    });
    expect(routeCalls(simulator, MOVE)).toBe(1);
  });

  it('answers a number bought for a sub-account, read back through it', async () => {
    const search = await gateway.graphql<{ availableNumbers: { nodes: { msisdn: string }[] } }>(
      '{ availableNumbers(country: "GB", type: MOBILE_LVN, pageSize: 1) { nodes { msisdn } } }',
    );
    const { msisdn } = search.data!.availableNumbers.nodes[0];
    const bought = await mutate(
      `mutation($input: BuyNumberInput!) { buyNumber(input: $input) {
        __typename ... on NumberPurchased { warning number { msisdn } } } }`,
      { input: { country: 'GB', msisdn, targetApiKey: SHARED } },
    );
    expect(bought).toEqual({ __typename: 'NumberPurchased', warning: null, number: { msisdn } });
  });
});

describe("a new sub-account's secret", () => {
  const lines: string[] = [];
  let logged: TestGateway;

  beforeAll(async () => {
    logged = await startGateway(
      { ...simulatorEnv(simulator), LOG_LEVEL: 'debug' },
      { logDestination: { write: (line: string) => void lines.push(line) } },
    );
  });
  afterAll(() => logged.close());

  it('is in no log line, no metric and no stored answer; an echo in a refusal is scrubbed', async () => {
    const given = 'Given5Secret';
    const made = await logged.graphql<{ createSubaccount: Outcome }>(CREATE_SUB, {
      input: { name: 'Logged shop', secret: given },
      key: 'logged-1',
    });
    const generated = await logged.graphql<{ createSubaccount: Outcome }>(CREATE_SUB, {
      input: { name: 'Logged shop 2' },
    });
    const secrets = [given, String(generated.data!.createSubaccount.secret)];
    expect(made.data!.createSubaccount.secret).toBe(given);
    simulator.faults.failNext(1, {
      status: 422,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        type: 'https://developer.nexmo.com/api-errors/account/subaccounts#validation',
        title: 'Bad Request',
        detail: `secret ${given} refused`,
        invalid_parameters: [{ name: 'secret', reason: `${given} is not allowed` }],
      }),
    });
    const refused = await logged.graphql(CREATE_SUB, { input: { name: 'x', secret: given } });
    expect(refused.data).toMatchObject({ createSubaccount: { __typename: 'SubaccountRejected' } });
    expect(JSON.stringify(refused)).not.toContain(given);
    const replay = await logged.graphql(CREATE_SUB, {
      input: { name: 'Logged shop', secret: given },
      key: 'logged-1',
    });
    expect(JSON.stringify(replay)).not.toContain(given);
    const metrics = await (await fetch(`${logged.url}/metrics`)).text();
    expect(lines.length).toBeGreaterThan(0);
    for (const secret of secrets) {
      expect(lines.join('\n')).not.toContain(secret);
      expect(metrics).not.toContain(secret);
    }
  });
});
