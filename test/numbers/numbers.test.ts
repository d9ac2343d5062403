import { type Simulator, startSimulator } from '../../src/simulator';
import { pricingCalls, routeCalls, waitForRoute } from '../helpers/counters';
import { type TestGateway, simulatorEnv, startGateway } from '../helpers/gateway';

/** Tests run against their own simulator, with the Numbers limit lifted on both sides. */
const FAST = { NUMBERS_RATE_PER_SECOND: '200', PRICING_RATE_PER_SECOND: '200' };

let simulator: Simulator;
let gateway: TestGateway;

beforeAll(async () => {
  simulator = await startSimulator({ numbers: { owned: 120 }, pricing: { rateLimitPerSecond: 0 } });
  gateway = await startGateway({ ...simulatorEnv(simulator), ...FAST });
});

afterAll(async () => {
  await gateway.close();
  await simulator.close();
});

beforeEach(() => {
  simulator.reset();
  simulator.state.pricing.rateLimitPerSecond = 0;
  return gateway.app.runtime.cache.clear();
});

const SEARCH = `query($country: String!, $pattern: String) {
  availableNumbers(country: $country, type: MOBILE_LVN, features: [SMS], pattern: $pattern, pageSize: 5) {
    totalCount hasNextPage nodes { msisdn country type features monthlyCost pricing(type: SMS) { minPrice currency } }
  }
}`;
const BUY = `mutation($input: BuyNumberInput!, $key: String) {
  buyNumber(input: $input, idempotencyKey: $key) {
    __typename
    ... on NumberPurchased { reconciled warning number { msisdn country moHttpUrl } }
    ... on NumberNotAvailable { message msisdn }
    ... on NumberAlreadyOwned { message number { msisdn } }
    ... on InsufficientBalance { message balance monthlyCost }
    ... on CountryRequiresDashboard { message country label }
    ... on CostLimitExceeded { message monthlyCost maxMonthlyCost }
    ... on PurchaseOutcomeUnknown { message }
    ... on UpstreamRefusal { message label }
  }
}`;
const OWNED = `query($page: Int, $pageSize: Int, $filter: OwnedNumbersFilter) {
  ownedNumbers(page: $page, pageSize: $pageSize, filter: $filter) {
    totalCount page pageSize hasNextPage nodes { msisdn country }
  }
}`;

/** Vonage's opaque refusal of a buy, as the simulator answers it when told to. */
const METHOD_FAILED = {
  status: 420,
  headers: { 'content-type': 'application/json' },
  body: '{"error-code":"420","error-code-label":"method failed"}',
};

type Available = { msisdn: string; monthlyCost: string; country: string };

async function firstAvailable(country: string): Promise<Available> {
  const result = await gateway.graphql<{ availableNumbers: { nodes: Available[] } }>(SEARCH, {
    country,
  });
  return result.data!.availableNumbers.nodes[0];
}

async function buy(input: Record<string, unknown>, key?: string) {
  const result = await gateway.graphql<{ buyNumber: Record<string, unknown> }>(BUY, { input, key });
  expect(result.errors).toBeUndefined();
  return result.data!.buyNumber;
}

describe('numbers through the gateway, against the sandbox', () => {
  it('searches GB mobiles with SMS, buys one, sees it owned, updates its webhook and cancels it', async () => {
    const search = await gateway.graphql<{ availableNumbers: { nodes: Available[] } }>(SEARCH, {
      country: 'gb',
    });
    const offers = search.data!.availableNumbers.nodes;
    expect(offers).toHaveLength(5);
    for (const offer of offers) {
      expect(offer).toMatchObject({
        country: 'GB',
        type: 'MOBILE_LVN',
        features: expect.arrayContaining(['SMS']),
        monthlyCost: expect.stringMatching(/^\d+\.\d{2}$/),
        pricing: { minPrice: expect.stringMatching(/^\d+\.\d{8}$/), currency: 'EUR' },
      });
    }
    const { msisdn } = offers[0];

    expect(await buy({ country: 'GB', msisdn })).toMatchObject({
      __typename: 'NumberPurchased',
      reconciled: false,
      warning: null,
      number: { msisdn, country: 'GB' },
    });
    expect(simulator.state.numbers.owned.has(msisdn)).toBe(true);
    const owned = await gateway.graphql<{ ownedNumbers: { nodes: { msisdn: string }[] } }>(OWNED, {
      filter: { pattern: msisdn },
    });
    expect(owned.data!.ownedNumbers.nodes.map((node) => node.msisdn)).toEqual([msisdn]);

    const update = await gateway.graphql(
      `mutation($m: String!) { updateNumber(input: { country: "GB", msisdn: $m, moHttpUrl: "https://example.com/inbound" }) {
        __typename ... on NumberUpdated { warning number { moHttpUrl } } } }`,
      { m: msisdn },
    );
    expect(update.data).toEqual({
      updateNumber: {
        __typename: 'NumberUpdated',
        warning: null,
        number: { moHttpUrl: 'https://example.com/inbound' },
      },
    });
    expect(simulator.state.numbers.owned.get(msisdn)?.moHttpUrl).toBe(
      'https://example.com/inbound',
    );

    const cancel = await gateway.graphql(
      `mutation($m: String!) { cancelNumber(input: { country: "GB", msisdn: $m }) { __typename ... on NumberCancelled { msisdn reconciled } } }`,
      { m: msisdn },
    );
    expect(cancel.data).toEqual({
      cancelNumber: { __typename: 'NumberCancelled', msisdn, reconciled: false },
    });
    expect(simulator.state.numbers.owned.has(msisdn)).toBe(false);
  });

  it('explains each 420 of a buy with its own union member', async () => {
    const ownedMsisdn = [...simulator.state.numbers.owned.keys()][0];
    const ownedCountry = simulator.state.numbers.owned.get(ownedMsisdn)!.country;
    expect(await buy({ country: ownedCountry, msisdn: ownedMsisdn })).toMatchObject({
      __typename: 'NumberAlreadyOwned',
      number: { msisdn: ownedMsisdn },
    });

    expect(await buy({ country: 'GB', msisdn: '447000000001' })).toMatchObject({
      __typename: 'NumberNotAvailable',
      msisdn: '447000000001',
    });

    const offer = await firstAvailable('GB');
    simulator.state.account.balance = '0.10000000';
    expect(await buy({ country: 'GB', msisdn: offer.msisdn })).toMatchObject({
      __typename: 'InsufficientBalance',
      balance: '0.10000000',
      monthlyCost: offer.monthlyCost,
    });
    simulator.reset();

    const german = await gateway.graphql<{ availableNumbers: { nodes: Available[] } }>(
      '{ availableNumbers(country: "DE", pageSize: 1) { nodes { msisdn } } }',
    );
    const de = german.data!.availableNumbers.nodes[0].msisdn;
    expect(await buy({ country: 'DE', msisdn: de })).toMatchObject({
      __typename: 'CountryRequiresDashboard',
      country: 'DE',
      label: expect.stringContaining('can be requested from the Dashboard'),
    });

    // A 420 none of the reads explains stays Vonage's own words.
    simulator.state.pricing.rateLimitPerSecond = 0;
    const another = await firstAvailable('GB');
    simulator.faults.failNext(1, METHOD_FAILED);
    expect(await buy({ country: 'GB', msisdn: another.msisdn })).toMatchObject({
      __typename: 'UpstreamRefusal',
      label: 'method failed',
    });
    expect(simulator.state.numbers.purchases).toBe(0);
  });

  it('refuses a buy above maxMonthlyCost before buying, and buys within it', async () => {
    const offer = await firstAvailable('GB');
    simulator.counters.reset();
    expect(await buy({ country: 'GB', msisdn: offer.msisdn, maxMonthlyCost: '0.01' })).toEqual(
      expect.objectContaining({
        __typename: 'CostLimitExceeded',
        monthlyCost: offer.monthlyCost,
        maxMonthlyCost: '0.01',
      }),
    );
    expect(routeCalls(simulator, 'POST /number/buy')).toBe(0);
    expect(
      await buy({ country: 'GB', msisdn: offer.msisdn, maxMonthlyCost: offer.monthlyCost }),
    ).toMatchObject({ __typename: 'NumberPurchased' });
  });

  it('lists every owned number across pages of 100 (589 numbers, 6 pages, none lost)', async () => {
    const big = await startSimulator({ numbers: { owned: 589 } });
    const over = await startGateway({ ...simulatorEnv(big), ...FAST });
    try {
      const seen = new Set<string>();
      let hasNextPage = true;
      let page = 1;
      while (hasNextPage) {
        const result = await over.graphql<{
          ownedNumbers: { totalCount: number; hasNextPage: boolean; nodes: { msisdn: string }[] };
        }>(OWNED, { page, pageSize: 100 });
        const connection = result.data!.ownedNumbers;
        expect(connection.totalCount).toBe(589);
        for (const node of connection.nodes) seen.add(node.msisdn);
        hasNextPage = connection.hasNextPage;
        page++;
      }
      expect(page - 1).toBe(6);
      expect(seen.size).toBe(589);
      expect(routeCalls(big, 'GET /account/numbers')).toBe(6);
    } finally {
      await over.close();
      await big.close();
    }
  });

  it('prices a page of 100 owned numbers with at most one pricing call cold and none warm', async () => {
    const query = `{ ownedNumbers(pageSize: 100) { nodes { country pricing(type: SMS) { countryCode minPrice } } } }`;
    const cold = await gateway.graphql<{
      ownedNumbers: { nodes: { country: string; pricing: { countryCode: string } | null }[] };
    }>(query);
    const nodes = cold.data!.ownedNumbers.nodes;
    expect(nodes).toHaveLength(100);
    expect(new Set(nodes.map((node) => node.country)).size).toBeGreaterThanOrEqual(10);
    for (const node of nodes) expect(node.pricing?.countryCode).toBe(node.country);
    expect(pricingCalls(simulator)).toBe(1);
    await gateway.graphql(query);
    expect(pricingCalls(simulator)).toBe(1);
  });

  it('caches lists briefly and retires them when a number is bought', async () => {
    await gateway.graphql(OWNED, { pageSize: 10 });
    await gateway.graphql(OWNED, { pageSize: 10 });
    expect(routeCalls(simulator, 'GET /account/numbers')).toBe(1);
    const offer = await firstAvailable('GB');
    await buy({ country: 'GB', msisdn: offer.msisdn });
    const after = await gateway.graphql<{ ownedNumbers: { totalCount: number } }>(OWNED, {
      pageSize: 10,
    });
    expect(after.data!.ownedNumbers.totalCount).toBe(121);
  });

  it('answers ownedNumber with one call, and null for a number the account does not own', async () => {
    const msisdn = [...simulator.state.numbers.owned.keys()][5];
    const result = await gateway.graphql(
      `query($m: String!) { ownedNumber(msisdn: $m) { msisdn } none: ownedNumber(msisdn: "447000000002") { msisdn } }`,
      { m: msisdn },
    );
    expect(result.data).toEqual({ ownedNumber: { msisdn }, none: null });
    expect(routeCalls(simulator, 'GET /account/numbers')).toBe(2);
  });

  it('serves Account.numbers as a shortcut to ownedNumbers', async () => {
    const result = await gateway.graphql<{ account: { numbers: { totalCount: number } } }>(
      '{ account { numbers(pageSize: 2) { totalCount nodes { msisdn } } } }',
    );
    expect(result.data!.account.numbers.totalCount).toBe(120);
  });

  it.each([
    ['{ ownedNumbers(pageSize: 0) { totalCount } }', 'pageSize'],
    ['{ ownedNumbers(pageSize: 101) { totalCount } }', 'pageSize'],
    ['{ ownedNumbers(page: 0) { totalCount } }', 'page'],
    ['{ ownedNumbers(filter: { pattern: "44-77" }) { totalCount } }', 'filter.pattern'],
    ['{ ownedNumbers(filter: { country: "UK" }) { totalCount } }', 'filter.country'],
    ['{ availableNumbers(country: "XX") { totalCount } }', 'country'],
    ['{ ownedNumber(msisdn: "+447700900000") { msisdn } }', 'msisdn'],
    ['{ ownedNumber(msisdn: "1234") { msisdn } }', 'msisdn'],
    [
      'mutation { buyNumber(input: { country: "GB", msisdn: "447700900000", maxMonthlyCost: "-1" }) { __typename } }',
      'input.maxMonthlyCost',
    ],
    [
      'mutation { buyNumber(input: { country: "GB", msisdn: "447700900000" }, idempotencyKey: "has space") { __typename } }',
      'idempotencyKey',
    ],
    [
      'mutation { updateNumber(input: { country: "GB", msisdn: "447700900000", moHttpUrl: "ftp://x" }) { __typename } }',
      'input.moHttpUrl',
    ],
    [
      'mutation { updateNumber(input: { country: "GB", msisdn: "447700900000", voiceCallback: { type: TEL, value: "sip:x@y" } }) { __typename } }',
      'input.voiceCallback.value',
    ],
    [
      'mutation { updateNumber(input: { country: "GB", msisdn: "447700900000" }) { __typename } }',
      'input',
    ],
  ])('refuses %s naming %s, before any upstream call', async (query, field) => {
    simulator.counters.reset();
    const result = await gateway.graphql(query);
    expect(result.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(simulator.counters.total).toBe(0);
  });
});

describe('numbers at the edges a front-end meets', () => {
  it('says there is no next page when the last page is exactly full (120 numbers, pages of 60)', async () => {
    const pageOf = async (page: number) =>
      (
        await gateway.graphql<{ ownedNumbers: { hasNextPage: boolean; nodes: unknown[] } }>(OWNED, {
          page,
          pageSize: 60,
        })
      ).data!.ownedNumbers;
    expect(await pageOf(1)).toMatchObject({ hasNextPage: true, nodes: expect.any(Array) });
    const last = await pageOf(2);
    expect(last.nodes).toHaveLength(60);
    expect(last.hasNextPage).toBe(false);
  });

  it('does not call a 420 a lack of balance when the balance equals the monthly cost', async () => {
    const offer = await firstAvailable('GB');
    simulator.state.account.balance = `${offer.monthlyCost}000000`;
    simulator.faults.failNext(1, METHOD_FAILED);
    expect(await buy({ country: 'GB', msisdn: offer.msisdn })).toMatchObject({
      __typename: 'UpstreamRefusal',
      label: 'method failed',
    });
    expect(simulator.state.numbers.purchases).toBe(0);
  });

  it("answers Vonage's own 420 refusal when the reads that would explain it fail", async () => {
    const offer = await firstAvailable('GB');
    const pending = buy({ country: 'GB', msisdn: offer.msisdn });
    simulator.faults.failNext(1, METHOD_FAILED);
    // The buy is refused; every read after it (owned numbers, the offer, the balance) fails.
    await waitForRoute(simulator, 'POST /number/buy');
    simulator.faults.failNext(10, { status: 503 });
    expect(await pending).toMatchObject({ __typename: 'UpstreamRefusal', label: 'method failed' });
    expect(simulator.state.numbers.purchases).toBe(0);
  });
});
