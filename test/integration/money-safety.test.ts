import { type Simulator, startSimulator } from '../../src/simulator';
import { routeCalls, waitForRoute } from '../helpers/counters';
import { type TestGateway, simulatorEnv, startGateway } from '../helpers/gateway';
import { type Replica, spawnReplicas } from '../helpers/process';
import { OwnRedis, SHARED_REDIS_URL, uniqueNamespace, waitForRedis } from '../helpers/redis';

const FAST = { NUMBERS_RATE_PER_SECOND: '200' };
const BUY = `mutation($input: BuyNumberInput!, $key: String) {
  buyNumber(input: $input, idempotencyKey: $key) {
    __typename
    ... on NumberPurchased { reconciled warning number { msisdn } }
    ... on PurchaseOutcomeUnknown { message }
  }
}`;
const CANCEL = `mutation($input: CancelNumberInput!, $key: String) {
  cancelNumber(input: $input, idempotencyKey: $key) { __typename ... on NumberCancelled { reconciled } }
}`;
const TOP_UP = `mutation($trx: String!, $key: String) {
  topUp(input: { trx: $trx }, idempotencyKey: $key) { __typename ... on TopUpSucceeded { balance { value } } }
}`;
const TRX = '8ef2447e69604f642ae59363aa5f781b';

async function post(url: string, query: string, variables: object) {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as {
    data?: Record<string, unknown> | null;
    errors?: { extensions?: Record<string, unknown> }[];
  };
}

async function offer(gateway: TestGateway): Promise<string> {
  const result = await gateway.graphql<{ availableNumbers: { nodes: { msisdn: string }[] } }>(
    '{ availableNumbers(country: "GB", features: [SMS], pageSize: 1) { nodes { msisdn } } }',
  );
  return result.data!.availableNumbers.nodes[0].msisdn;
}

describe('money is never spent twice (one gateway)', () => {
  let simulator: Simulator;
  let gateway: TestGateway;

  beforeAll(async () => {
    simulator = await startSimulator();
    gateway = await startGateway({
      ...simulatorEnv(simulator),
      ...FAST,
      VONAGE_TIMEOUT_MS: '5000',
    });
  });

  afterAll(async () => {
    await gateway.close();
    await simulator.close();
  });

  beforeEach(async () => {
    simulator.reset();
    await gateway.app.runtime.cache.clear();
  });

  it('buys once for 50 concurrent buyNumber calls with one idempotency key, and all get the same answer', async () => {
    const msisdn = await offer(gateway);
    const input = { country: 'GB', msisdn };
    const results = await Promise.all(
      Array.from({ length: 50 }, () => gateway.graphql(BUY, { input, key: 'buy-50' })),
    );
    expect(simulator.state.numbers.purchases).toBe(1);
    expect(routeCalls(simulator, 'POST /number/buy')).toBe(1);
    for (const result of results) {
      expect(result.errors).toBeUndefined();
      expect(result.data).toEqual(results[0].data);
    }
    expect(results[0].data).toMatchObject({
      buyNumber: { __typename: 'NumberPurchased', number: { msisdn } },
    });
    // Later repeats replay the stored answer without calling Vonage.
    const calls = simulator.counters.total;
    expect((await gateway.graphql(BUY, { input, key: 'buy-50' })).data).toEqual(results[0].data);
    expect(simulator.counters.total).toBe(calls);
  });

  it('refuses the same key with other arguments, before any upstream call', async () => {
    const msisdn = await offer(gateway);
    await gateway.graphql(BUY, { input: { country: 'GB', msisdn }, key: 'reused' });
    const calls = simulator.counters.total;
    const result = await gateway.graphql(BUY, {
      input: { country: 'GB', msisdn: '447700900123' },
      key: 'reused',
    });
    expect(result.errors?.[0].extensions).toMatchObject({
      code: 'IDEMPOTENCY_KEY_REUSED',
      field: 'idempotencyKey',
    });
    expect(simulator.counters.total).toBe(calls);
  });

  it('answers success after reconciling a buy whose connection dropped after it was applied', async () => {
    const msisdn = await offer(gateway);
    simulator.faults.dropNext(1, 'after');
    const result = await gateway.graphql(BUY, { input: { country: 'GB', msisdn } });
    expect(result.data).toEqual({
      buyNumber: {
        __typename: 'NumberPurchased',
        reconciled: true,
        warning: null,
        number: { msisdn },
      },
    });
    expect(simulator.state.numbers.purchases).toBe(1);
    expect(routeCalls(simulator, 'POST /number/buy')).toBe(1);
  });

  it('answers an unknown outcome, never a second buy, when a dropped buy did not take effect', async () => {
    const msisdn = await offer(gateway);
    simulator.faults.dropNext(1, 'before');
    const result = await gateway.graphql(BUY, { input: { country: 'GB', msisdn } });
    expect(result.data).toEqual({
      buyNumber: {
        __typename: 'PurchaseOutcomeUnknown',
        message: expect.stringMatching(/most likely it was not bought/),
      },
    });
    expect(simulator.state.numbers.purchases).toBe(0);
    expect(routeCalls(simulator, 'POST /number/buy')).toBe(1);
  });

  it('reads the numbers again when a keyed buy whose outcome was unknown is repeated, and answers bought once they list it', async () => {
    const msisdn = await offer(gateway);
    const input = { country: 'GB', msisdn };
    // The buy is applied but its connection drops; every read to settle it fails.
    simulator.faults.dropNext(1, 'after');
    const pending = gateway.graphql(BUY, { input, key: 'unknown-then-read' });
    await waitForRoute(simulator, 'POST /number/buy');
    simulator.faults.failNext(3, { status: 503 });
    expect((await pending).data).toEqual({
      buyNumber: {
        __typename: 'PurchaseOutcomeUnknown',
        message: expect.stringMatching(/could not be read/),
      },
    });
    const repeat = await gateway.graphql(BUY, { input, key: 'unknown-then-read' });
    expect(repeat.data).toEqual({
      buyNumber: {
        __typename: 'NumberPurchased',
        reconciled: true,
        warning: null,
        number: { msisdn },
      },
    });
    expect(routeCalls(simulator, 'POST /number/buy')).toBe(1);
    expect(simulator.state.numbers.purchases).toBe(1);
  });

  it('says a repeated keyed buy that Vonage answered 500 did not take, reading again and never buying again', async () => {
    const msisdn = await offer(gateway);
    const input = { country: 'GB', msisdn };
    simulator.faults.failNext(1, { status: 500 });
    const first = await gateway.graphql(BUY, { input, key: 'answered-500' });
    expect(first.data).toMatchObject({ buyNumber: { __typename: 'PurchaseOutcomeUnknown' } });
    const reads = routeCalls(simulator, 'GET /account/numbers');
    const repeat = await gateway.graphql(BUY, { input, key: 'answered-500' });
    expect(repeat.data).toEqual({
      buyNumber: {
        __typename: 'PurchaseOutcomeUnknown',
        message: expect.stringMatching(
          new RegExp(
            `^Vonage's answer to this buy was lost; the account's numbers, read \\d+ s after it was sent, do not list ${msisdn}: the buy did not take.*This key never buys again`,
          ),
        ),
      },
    });
    expect(routeCalls(simulator, 'GET /account/numbers')).toBe(reads + 1);
    expect(routeCalls(simulator, 'POST /number/buy')).toBe(1);
    expect(simulator.state.numbers.purchases).toBe(0);
  });

  it('answers a buy Vonage accepted as success even when reading the number back fails', async () => {
    const msisdn = await offer(gateway);
    const pending = gateway.graphql(BUY, { input: { country: 'GB', msisdn } });
    await waitForRoute(simulator, 'POST /number/buy');
    // The read after the buy fails on every attempt.
    simulator.faults.failNext(3, { status: 503 });
    const result = await pending;
    expect(result.data).toEqual({
      buyNumber: {
        __typename: 'NumberPurchased',
        reconciled: false,
        number: null,
        warning: expect.stringMatching(/Do not buy it again/),
      },
    });
    expect(simulator.state.numbers.purchases).toBe(1);
  });

  it('reconciles a cancel whose connection dropped after it was applied', async () => {
    const [msisdn, number] = [...simulator.state.numbers.owned.entries()][0];
    simulator.faults.dropNext(1, 'after');
    const result = await gateway.graphql(CANCEL, { input: { country: number.country, msisdn } });
    expect(result.data).toEqual({
      cancelNumber: { __typename: 'NumberCancelled', reconciled: true },
    });
    expect(simulator.state.numbers.cancellations).toBe(1);
  });

  it('answers an unknown outcome for a lost cancel that did not take effect', async () => {
    const [msisdn, number] = [...simulator.state.numbers.owned.entries()][0];
    simulator.faults.dropNext(1, 'before');
    const result = await gateway.graphql(CANCEL, { input: { country: number.country, msisdn } });
    expect(result.data).toEqual({ cancelNumber: { __typename: 'CancelOutcomeUnknown' } });
    expect(simulator.state.numbers.owned.has(msisdn)).toBe(true);
    expect(routeCalls(simulator, 'POST /number/cancel')).toBe(1);
  });

  it('answers an unknown outcome for a lost cancel whose re-read fails', async () => {
    const [msisdn, number] = [...simulator.state.numbers.owned.entries()][0];
    simulator.faults.dropNext(1, 'after');
    const pending = gateway.graphql(CANCEL, { input: { country: number.country, msisdn } });
    await waitForRoute(simulator, 'POST /number/cancel');
    simulator.faults.failNext(3, { status: 503 });
    expect((await pending).data).toEqual({ cancelNumber: { __typename: 'CancelOutcomeUnknown' } });
    expect(routeCalls(simulator, 'POST /number/cancel')).toBe(1);
  });

  it('says a repeated keyed cancel that Vonage answered 500 did not take while the number is still listed', async () => {
    const [msisdn, number] = [...simulator.state.numbers.owned.entries()][0];
    const input = { country: number.country, msisdn };
    const cancel = `mutation($input: CancelNumberInput!, $key: String) {
      cancelNumber(input: $input, idempotencyKey: $key) { __typename ... on CancelOutcomeUnknown { message } }
    }`;
    simulator.faults.failNext(1, { status: 500 });
    const first = await gateway.graphql(cancel, { input, key: 'cancel-500' });
    expect(first.data).toMatchObject({ cancelNumber: { __typename: 'CancelOutcomeUnknown' } });
    const repeat = await gateway.graphql(cancel, { input, key: 'cancel-500' });
    expect(repeat.data).toEqual({
      cancelNumber: {
        __typename: 'CancelOutcomeUnknown',
        message: expect.stringMatching(
          new RegExp(`still list ${msisdn}: the cancel did not take.*This key never cancels again`),
        ),
      },
    });
    expect(routeCalls(simulator, 'POST /number/cancel')).toBe(1);
    expect(simulator.state.numbers.owned.has(msisdn)).toBe(true);
  });

  it('answers an accepted top-up as success, with a warning, when the balance re-read fails', async () => {
    const topUp = gateway.graphql(
      'mutation { topUp(input: { trx: "8ef2447e69604f642ae59363aa5f781b" }) { __typename ... on TopUpSucceeded { balance { value } warning } } }',
    );
    await waitForRoute(simulator, 'POST /account/top-up');
    // The top-up itself goes through; the three attempts of the balance read after it fail.
    simulator.faults.failNext(3, { status: 503 });
    const result = await topUp;
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      topUp: {
        __typename: 'TopUpSucceeded',
        balance: null,
        warning: expect.stringMatching(/accepted the top-up.*Do not top up again/),
      },
    });
    expect(simulator.state.account.balance).toBe('60.17127500');
  });

  it('tops up once for a repeated idempotency key', async () => {
    const first = await gateway.graphql(TOP_UP, { trx: TRX, key: 'top-up-1' });
    const second = await gateway.graphql(TOP_UP, { trx: TRX, key: 'top-up-1' });
    expect(second.data).toEqual(first.data);
    expect(first.data).toEqual({
      topUp: { __typename: 'TopUpSucceeded', balance: { value: '60.17127500' } },
    });
    expect(simulator.state.account.balance).toBe('60.17127500');
    expect(routeCalls(simulator, 'POST /account/top-up')).toBe(1);
  });
});

describe('money is never spent twice (two gateway processes sharing Redis)', () => {
  let simulator: Simulator;
  let replicas: Replica[];

  beforeAll(async () => {
    simulator = await startSimulator({ apiKey: 'replica-key', apiSecret: 'replica-secret' });
    const env = {
      ...simulatorEnv(simulator),
      ...FAST,
      REDIS_URL: SHARED_REDIS_URL,
      CACHE_NAMESPACE: uniqueNamespace('money'),
      LOG_LEVEL: 'info',
    };
    replicas = await spawnReplicas(env, 2);
  }, 60_000);

  afterAll(async () => {
    for (const { child } of replicas ?? []) child.kill('SIGTERM');
    await simulator?.close();
  });

  it('buys once for 50 concurrent calls with one key spread over both replicas', async () => {
    const search = await post(
      replicas[0].url,
      '{ availableNumbers(country: "GB", pageSize: 1) { nodes { msisdn } } }',
      {},
    );
    const msisdn = (search.data as { availableNumbers: { nodes: { msisdn: string }[] } })
      .availableNumbers.nodes[0].msisdn;
    const input = { country: 'GB', msisdn };
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, index) =>
        post(replicas[index % 2].url, BUY, { input, key: 'shared-key' }),
      ),
    );
    expect(simulator.state.numbers.purchases).toBe(1);
    expect(routeCalls(simulator, 'POST /number/buy')).toBe(1);
    for (const result of results) expect(result.data).toEqual(results[0].data);
    expect(results[0].data).toMatchObject({ buyNumber: { __typename: 'NumberPurchased' } });
  });
});

describe('keyed money operations fail closed when Redis is down', () => {
  it('refuses a keyed buy with IDEMPOTENCY_UNAVAILABLE and sends nothing, while reads go on', async () => {
    const redis = await OwnRedis.start();
    const simulator = await startSimulator();
    const gateway = await startGateway({
      ...simulatorEnv(simulator),
      ...FAST,
      REDIS_URL: redis.url,
      CACHE_NAMESPACE: uniqueNamespace('closed'),
    });
    try {
      await waitForRedis(gateway.app.runtime.redis!);
      await redis.stop();
      await waitForRedis(gateway.app.runtime.redis!, false);
      simulator.counters.reset();
      const result = await gateway.graphql(BUY, {
        input: { country: 'GB', msisdn: '447700900123' },
        key: 'while-down',
      });
      expect(result.errors?.[0].extensions).toMatchObject({ code: 'IDEMPOTENCY_UNAVAILABLE' });
      expect(routeCalls(simulator, 'POST /number/buy')).toBe(0);
      const read = await gateway.graphql('{ account { balance { value } } }');
      expect(read.errors).toBeUndefined();
    } finally {
      await gateway.close();
      await simulator.close();
      await redis.stop();
    }
  });
});
