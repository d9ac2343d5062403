import { type Simulator, startSimulator } from '../../src/simulator';
import { routeCalls } from '../helpers/counters';
import { type TestGateway, simulatorEnv, startGateway } from '../helpers/gateway';

// The sub-accounts the simulator seeds (src/simulator/areas/accounts.ts).
const SHARED = 'bbe6222f';
const OWN = 'cce7333a';
const SUSPENDED = 'dde8444b';

const TRANSFERS = 'POST /accounts/:api_key/balance-transfers';
const LIST = 'GET /accounts/:api_key/subaccounts';

let simulator: Simulator;
let gateway: TestGateway;

beforeAll(async () => {
  simulator = await startSimulator();
  gateway = await startGateway(simulatorEnv(simulator));
});

afterAll(async () => {
  await gateway.close();
  await simulator.close();
});

beforeEach(() => {
  simulator.reset();
  return gateway.app.runtime.cache.clear();
});

const ACCOUNTS = `{ subaccounts(pageSize: 10) { totalCount nodes {
  apiKey isPrimary usesPrimaryBalance suspended balance creditLimit availableForTransfer } } }`;

const TRANSFER = `mutation($input: TransferInput!, $key: String) {
  transferBalance(input: $input, idempotencyKey: $key) {
    __typename
    ... on TransferCompleted { reconciled warning transfer { id amount from to reference } accounts { apiKey balance } }
    ... on InsufficientFundsForTransfer { requested available message }
    ... on SubaccountSuspended { message }
    ... on TransferRejected { parameter label }
    ... on SubaccountsNotProvisioned { message }
    ... on TransferOutcomeUnknown { message }
  } }`;

type Outcome = { __typename: string } & Record<string, unknown>;

async function transfer(input: Record<string, unknown>, key?: string) {
  const answer = await gateway.graphql<{ transferBalance: Outcome }>(TRANSFER, { input, key });
  return answer;
}

describe('sub-accounts', () => {
  it('lists the primary first, then its sub-accounts, with what each can transfer', async () => {
    const { data } = await gateway.graphql<{
      subaccounts: { nodes: Outcome[]; totalCount: number };
    }>(ACCOUNTS);
    const nodes = data!.subaccounts.nodes;
    expect(data!.subaccounts.totalCount).toBe(4);
    expect(nodes[0]).toMatchObject({ apiKey: simulator.apiKey, isPrimary: true });
    expect(nodes.find((node) => node.apiKey === SHARED)).toMatchObject({
      usesPrimaryBalance: true,
      balance: null,
      availableForTransfer: null,
    });
    // |5.50 − (−10)| = 15.50
    expect(nodes.find((node) => node.apiKey === SUSPENDED)).toMatchObject({
      suspended: true,
      availableForTransfer: '15.5',
    });
  });

  it('reads any number of entities and subaccount() fields from one list read', async () => {
    const before = routeCalls(simulator, LIST);
    const { data } = await gateway.graphql<Record<string, Outcome | null>>(
      `{ a: subaccount(apiKey: "${OWN}") { apiKey } b: subaccount(apiKey: "${SHARED}") { apiKey }
         c: subaccount(apiKey: "nobody99") { apiKey }
         account { subaccounts { apiKey } } }`,
    );
    expect(data).toMatchObject({ a: { apiKey: OWN }, b: { apiKey: SHARED }, c: null });
    expect(routeCalls(simulator, LIST) - before).toBe(1);
  });

  it('refuses a bad transfer before any call, naming the field', async () => {
    const before = simulator.counters.total;
    const cases: [Record<string, unknown>, string][] = [
      [{ from: OWN, to: OWN, amount: '1' }, 'input.to'],
      [{ from: OWN, to: SHARED, amount: '1' }, 'input.from'],
      [{ from: simulator.apiKey, to: OWN, amount: '0' }, 'amount'],
      [{ from: simulator.apiKey, to: OWN, amount: '1.123456789' }, 'amount'],
      [{ from: 'no!', to: OWN, amount: '1' }, 'from'],
    ];
    for (const [input, field] of cases) {
      const { errors } = await transfer(input);
      expect(errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
      expect(JSON.stringify(errors)).toContain(field);
    }
    expect(simulator.counters.total).toBe(before);
  });
});

describe('transferBalance', () => {
  it('moves money once, and the balance shows it', async () => {
    const { data } = await transfer({ from: simulator.apiKey, to: OWN, amount: '10.00' });
    expect(data!.transferBalance).toMatchObject({
      __typename: 'TransferCompleted',
      reconciled: false,
      transfer: { amount: '10', from: simulator.apiKey, to: OWN },
    });
    const accounts = data!.transferBalance.accounts as { apiKey: string; balance: string }[];
    expect(accounts.find((account) => account.apiKey === OWN)?.balance).toBe('35');
    const balance = await gateway.graphql<{ account: { balance: { value: string } } }>(
      '{ account { balance { value } } }',
    );
    expect(balance.data!.account.balance.value).toBe('0.17127500');
  });

  it('tells each refusal apart', async () => {
    // OWN: balance 25.00, credit limit 0 → 25 available; one cent more is refused.
    const over = await transfer({ from: OWN, to: simulator.apiKey, amount: '25.01' });
    expect(over.data!.transferBalance).toMatchObject({
      __typename: 'InsufficientFundsForTransfer',
      requested: '25.01',
      available: '25',
    });
    const suspended = await transfer({ from: simulator.apiKey, to: SUSPENDED, amount: '1' });
    expect(suspended.data!.transferBalance.__typename).toBe('SubaccountSuspended');
    const shared = await transfer({ from: simulator.apiKey, to: SHARED, amount: '1' });
    expect(shared.data!.transferBalance.__typename).toBe('TransferRejected');
    simulator.state.subaccounts.provisioned = false;
    const off = await transfer({ from: simulator.apiKey, to: OWN, amount: '1' });
    expect(off.data!.transferBalance.__typename).toBe('SubaccountsNotProvisioned');
  });

  it('transfers once for 50 concurrent calls with one key', async () => {
    const before = routeCalls(simulator, TRANSFERS);
    const input = { from: simulator.apiKey, to: OWN, amount: '0.10' };
    const answers = await Promise.all(Array.from({ length: 50 }, () => transfer(input, 'k-50')));
    expect(routeCalls(simulator, TRANSFERS) - before).toBe(1);
    const ids = new Set(
      answers.map((answer) => (answer.data!.transferBalance.transfer as { id: string }).id),
    );
    expect(ids.size).toBe(1);
  });

  it('finds a transfer whose answer was lost in the transfers list, and never sends it again', async () => {
    simulator.faults.dropNext(1, 'after');
    const input = { from: simulator.apiKey, to: OWN, amount: '2.00' };
    const before = routeCalls(simulator, TRANSFERS);
    const { data } = await transfer(input, 'k-lost');
    expect(data!.transferBalance).toMatchObject({
      __typename: 'TransferCompleted',
      reconciled: true,
      transfer: { amount: '2', to: OWN },
    });
    expect(routeCalls(simulator, TRANSFERS) - before).toBe(1);
    const again = await transfer(input, 'k-lost');
    expect(again.data!.transferBalance).toMatchObject({ reconciled: true });
    expect(routeCalls(simulator, TRANSFERS) - before).toBe(1);
  });

  it('answers unknown when a lost transfer is not in the list, and never sends it again', async () => {
    simulator.faults.dropNext(1, 'before');
    const input = { from: simulator.apiKey, to: OWN, amount: '3.00' };
    const { data } = await transfer(input);
    expect(data!.transferBalance.__typename).toBe('TransferOutcomeUnknown');
  });
});
