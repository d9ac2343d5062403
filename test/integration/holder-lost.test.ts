import { type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { type Simulator, startSimulator } from '../../src/simulator';
import { routeCalls } from '../helpers/counters';
import { simulatorEnv } from '../helpers/gateway';
import { spawnGateway, startupLine } from '../helpers/process';
import { SHARED_REDIS_URL, uniqueNamespace } from '../helpers/redis';

const LEASE_MS = 1_000;
const BALANCE = 'GET /account/get-balance';
// A retry waits this long for the first call: far more than the lease, far less than the 24 h
// a lost claim was kept before. An answer within it was settled by taking the claim over.
const WAIT_MS = 8_000;
const BUY = `mutation($input: BuyNumberInput!) {
  buyNumber(input: $input) {
    __typename
    ... on NumberPurchased { reconciled warning number { msisdn } }
    ... on PurchaseOutcomeUnknown { message }
  }
}`;
const TOP_UP = `mutation { topUp(input: { trx: "8ef2447e69604f642ae59363aa5f781b" }) {
  __typename ... on TopUpOutcomeUnknown { message }
} }`;

interface Replica {
  url: string;
  child: ChildProcess;
}

async function post(replica: Replica, query: string, variables: object, key?: string) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (key) headers['idempotency-key'] = key;
  const response = await fetch(`${replica.url}/graphql`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as {
    data?: Record<string, unknown> | null;
    errors?: { extensions?: Record<string, unknown> }[];
  };
}

/** Waits (in bounded steps) until the sandbox has received a request on `route`. */
async function arrived(simulator: Simulator, route: string, count = 1): Promise<void> {
  for (let i = 0; i < 6_000 && routeCalls(simulator, route) < count; i++) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  expect(routeCalls(simulator, route)).toBe(count);
}

describe('a keyed money call whose gateway process is killed before Vonage answers', () => {
  let simulator: Simulator;
  let env: Record<string, string>;
  let survivor: Replica;

  /** A gateway process, once its start-up credential check (a balance read) is answered. */
  const replica = async (): Promise<Replica> => {
    const checks = routeCalls(simulator, BALANCE);
    const child = spawnGateway(env);
    const url = String((await startupLine(child)).url);
    await arrived(simulator, BALANCE, checks + 1);
    const replica = { url, child };
    // A fresh process's first operation is slow on a busy machine: not the one under test.
    await post(replica, '{ __typename }', {});
    return replica;
  };

  /** Sends the call to a fresh gateway, and kills that gateway once Vonage has the request. */
  const sendThenKill = async (
    route: string,
    send: (victim: Replica) => Promise<unknown>,
    arm = () => undefined as void,
  ) => {
    const victim = await replica();
    const before = routeCalls(simulator, route);
    arm();
    // The sandbox applies a request on arrival; only its answer waits out the latency.
    simulator.faults.latency(60_000);
    const lost = send(victim).catch(() => 'connection closed with the process');
    try {
      await arrived(simulator, route, before + 1);
    } finally {
      victim.child.kill('SIGKILL');
      await once(victim.child, 'exit');
      simulator.faults.latency(0);
    }
    await lost;
  };

  beforeAll(async () => {
    simulator = await startSimulator({ apiKey: 'holder-key', apiSecret: 'holder-secret' });
    env = {
      ...simulatorEnv(simulator),
      NUMBERS_RATE_PER_SECOND: '200',
      REDIS_URL: SHARED_REDIS_URL,
      CACHE_NAMESPACE: uniqueNamespace('holder'),
      LOG_LEVEL: 'info',
      // A claim is a Redis command: one held past the default 250 ms by a loaded machine fails
      // the keyed call closed (IDEMPOTENCY_UNAVAILABLE), and nothing would be sent to kill.
      REDIS_TIMEOUT_MS: '5000',
      IDEMPOTENCY_LEASE_MS: String(LEASE_MS),
      IDEMPOTENCY_WAIT_MS: String(WAIT_MS),
      VONAGE_TIMEOUT_MS: '30000',
    };
    survivor = await replica();
  }, 60_000);

  afterAll(async () => {
    survivor?.child.kill('SIGTERM');
    await simulator?.close();
  });

  async function offer(): Promise<string> {
    const search = await post(
      survivor,
      '{ availableNumbers(country: "GB", pageSize: 1) { nodes { msisdn } } }',
      {},
    );
    const found = search.data as { availableNumbers: { nodes: { msisdn: string }[] } };
    return found.availableNumbers.nodes[0].msisdn;
  }

  it('answers the retry on the other gateway as bought, settled by reading, with one buy at Vonage', async () => {
    const input = { country: 'GB', msisdn: await offer() };
    await sendThenKill('POST /number/buy', (victim) => post(victim, BUY, { input }, 'killed-buy'));
    const retry = await post(survivor, BUY, { input }, 'killed-buy');
    expect(retry.errors).toBeUndefined();
    expect(retry.data).toEqual({
      buyNumber: {
        __typename: 'NumberPurchased',
        reconciled: true,
        warning: null,
        number: { msisdn: input.msisdn },
      },
    });
    expect(routeCalls(simulator, 'POST /number/buy')).toBe(1);
    expect(simulator.state.numbers.purchases).toBe(1);
    // The settled answer is kept: a repeat replays it without calling Vonage.
    const calls = simulator.counters.total;
    expect((await post(survivor, BUY, { input }, 'killed-buy')).data).toEqual(retry.data);
    expect(simulator.counters.total).toBe(calls);
    // The settle retired the cached lists: the bought number is no longer offered.
    expect(await offer()).not.toBe(input.msisdn);
  }, 120_000);

  it('says the buy did not take when the account does not list the number, and never buys again', async () => {
    const input = { country: 'GB', msisdn: await offer() };
    const buys = routeCalls(simulator, 'POST /number/buy');
    const purchases = simulator.state.numbers.purchases;
    // Vonage answers this buy 500 without buying; the answer never reaches the killed gateway.
    await sendThenKill(
      'POST /number/buy',
      (victim) => post(victim, BUY, { input }, 'not-taken'),
      () => simulator.faults.failNext(1, { status: 500 }),
    );
    const retry = await post(survivor, BUY, { input }, 'not-taken');
    expect(retry.data).toEqual({
      buyNumber: {
        __typename: 'PurchaseOutcomeUnknown',
        message: expect.stringMatching(
          new RegExp(
            `^The gateway that sent this buy stopped before Vonage answered; the account's numbers, read \\d+ s after it was sent, do not list ${input.msisdn}: the buy did not take`,
          ),
        ),
      },
    });
    expect(routeCalls(simulator, 'POST /number/buy')).toBe(buys + 1);
    expect(simulator.state.numbers.purchases).toBe(purchases);
  }, 120_000);

  it('answers a retried top-up as an unknown outcome saying what to check, and never tops up again', async () => {
    const before = routeCalls(simulator, 'POST /account/top-up');
    await sendThenKill('POST /account/top-up', (victim) => post(victim, TOP_UP, {}, 'killed-top'));
    const retry = await post(survivor, TOP_UP, {}, 'killed-top');
    expect(retry.data).toEqual({
      topUp: {
        __typename: 'TopUpOutcomeUnknown',
        message: expect.stringMatching(/stopped before Vonage answered.*Check the payments/),
      },
    });
    expect(routeCalls(simulator, 'POST /account/top-up')).toBe(before + 1);
  }, 120_000);
});
