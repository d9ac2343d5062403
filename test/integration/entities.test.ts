import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Simulator, startSimulator } from '../../src/simulator';
import { pricingCalls, routeCalls } from '../helpers/counters';
import { type TestGateway, simulatorEnv, startGateway } from '../helpers/gateway';

/** Prices fresh for 10 minutes, so a cache hint is 0 < max-age <= 600 whatever the clock. */
const PRICING_TTL_S = 600;
const FAST = {
  NUMBERS_RATE_PER_SECOND: '200',
  PRICING_RATE_PER_SECOND: '200',
  PRICING_TTL_MS: String(PRICING_TTL_S * 1000),
  NUMBERS_TTL_MS: '10000',
};
const OWNED = 150;

let simulator: Simulator;
let gateway: TestGateway;

beforeAll(async () => {
  simulator = await startSimulator({
    numbers: { owned: OWNED },
    pricing: { rateLimitPerSecond: 0 },
  });
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

const ENTITIES = `query($representations: [_Any!]!) {
  _entities(representations: $representations) {
    __typename
    ... on OwnedNumber { msisdn country pricing(type: SMS) { countryCode minPrice } }
    ... on CountryPricing { countryCode type minPrice networks { networkCode } }
    ... on Network { countryCode networkCode pricingType price networkName }
    ... on Account { apiKey currency }
  }
}`;

type Entity = Record<string, unknown> | null;

/** Posts to /graphql and keeps the response headers. */
async function post(query: string, variables?: object) {
  const response = await fetch(`${gateway.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as {
    data?: { _entities?: Entity[] } & Record<string, unknown>;
    errors?: unknown[];
  };
  return { ...body, cacheControl: response.headers.get('cache-control') };
}

const entities = (representations: object[]) => post(ENTITIES, { representations });

function maxAge(cacheControl: string | null): number {
  const match = /^private, max-age=(\d+)$/.exec(cacheControl ?? '');
  if (!match) throw new Error(`no max-age in ${cacheControl}`);
  return Number(match[1]);
}

function ownedMsisdns(): string[] {
  return [...simulator.state.numbers.owned.keys()];
}

describe('_entities: the gateway as a Federation 2 subgraph', () => {
  it('_service.sdl is schema/subgraph.graphql without its generated-file header', async () => {
    const { data } = await post('{ _service { sdl } }');
    const file = readFileSync(join(__dirname, '..', '..', 'schema', 'subgraph.graphql'), 'utf8');
    const sdl = (data!._service as { sdl: string }).sdl;
    expect(file.replace(/^#.*\n\n/, '')).toBe(`${sdl}\n`);
  });

  it('resolves owned numbers by msisdn, and an unowned or malformed one to null', async () => {
    const [first, second] = ownedMsisdns();
    const result = await entities([
      { __typename: 'OwnedNumber', msisdn: first },
      { __typename: 'OwnedNumber', msisdn: '15550000000' },
      { __typename: 'OwnedNumber', msisdn: second },
      { __typename: 'OwnedNumber', msisdn: 'not-a-number' },
    ]);
    expect(result.errors).toBeUndefined();
    expect(result.data!._entities).toEqual([
      expect.objectContaining({ __typename: 'OwnedNumber', msisdn: first }),
      null,
      expect.objectContaining({ __typename: 'OwnedNumber', msisdn: second }),
      null,
    ]);
  });

  it('resolves 150 owned-number references with one walk of the pages and one pricing call', async () => {
    const msisdns = ownedMsisdns();
    const result = await entities(msisdns.map((msisdn) => ({ __typename: 'OwnedNumber', msisdn })));
    expect(result.errors).toBeUndefined();
    const found = result.data!._entities!;
    expect(found.map((entity) => entity?.msisdn)).toEqual(msisdns);
    expect(found.every((entity) => (entity?.pricing as Entity)?.minPrice)).toBe(true);
    // One walk: 150 numbers in pages of 100.
    expect(routeCalls(simulator, 'GET /account/numbers')).toBe(Math.ceil(OWNED / 100));
    expect(pricingCalls(simulator)).toBeLessThanOrEqual(1);
  });

  it('resolves prices by country and type, with unknown countries and types null', async () => {
    const result = await entities([
      { __typename: 'CountryPricing', countryCode: 'GB', type: 'SMS' },
      { __typename: 'CountryPricing', countryCode: 'de', type: 'VOICE' },
      { __typename: 'CountryPricing', countryCode: 'AQ', type: 'SMS' },
      { __typename: 'CountryPricing', countryCode: 'FR', type: 'FAX' },
      { __typename: 'CountryPricing', countryCode: 'US', type: 'SMS' },
    ]);
    expect(result.errors).toBeUndefined();
    const [gb, de, aq, fax, us] = result.data!._entities!;
    expect(gb).toMatchObject({ __typename: 'CountryPricing', countryCode: 'GB', type: 'SMS' });
    expect(de).toMatchObject({ countryCode: 'DE', type: 'VOICE' });
    expect(us).toMatchObject({ countryCode: 'US', type: 'SMS' });
    expect([aq, fax]).toEqual([null, null]);
    // Cold: one catalogue call per type.
    expect(pricingCalls(simulator)).toBeLessThanOrEqual(2);
  });

  it('resolves networks by country, network code and service: one MCC/MNC, several countries', async () => {
    const { data } = await post(
      '{ gb: pricing(country: "GB", type: SMS) { networks { networkCode } } je: pricing(country: "JE", type: SMS) { networks { networkCode } } }',
    );
    const codes = (country: string) =>
      ((data![country] as { networks: { networkCode: string | null }[] }).networks ?? [])
        .map((network) => network.networkCode)
        .filter((code): code is string => code !== null);
    const shared = codes('gb').find((code) => codes('je').includes(code));
    const code = shared ?? codes('gb')[0];
    const result = await entities([
      { __typename: 'Network', countryCode: 'GB', networkCode: code, pricingType: 'SMS' },
      { __typename: 'Network', countryCode: 'JE', networkCode: code, pricingType: 'SMS' },
      { __typename: 'Network', countryCode: 'GB', networkCode: '00000', pricingType: 'SMS' },
      { __typename: 'Network', countryCode: 'GB', networkCode: code, pricingType: 'FAX' },
    ]);
    expect(result.errors).toBeUndefined();
    const [gb, je, unknown, fax] = result.data!._entities!;
    expect(gb).toMatchObject({ __typename: 'Network', countryCode: 'GB', networkCode: code });
    if (shared) expect(je).toMatchObject({ countryCode: 'JE', networkCode: code });
    else expect(je).toBeNull();
    expect([unknown, fax]).toEqual([null, null]);
  });

  it('resolves the account by its API key, another key to null, and never shows the secret', async () => {
    const result = await entities([
      { __typename: 'Account', apiKey: simulator.apiKey },
      { __typename: 'Account', apiKey: 'someone-else' },
    ]);
    expect(result.errors).toBeUndefined();
    expect(result.data!._entities).toEqual([
      { __typename: 'Account', apiKey: simulator.apiKey, currency: 'EUR' },
      null,
    ]);
    expect(JSON.stringify(result)).not.toContain(simulator.apiSecret);
  });
});

describe('cache hints for routers', () => {
  it('_entities of prices carry a private max-age within the prices’ TTL', async () => {
    const result = await entities([
      { __typename: 'CountryPricing', countryCode: 'GB', type: 'SMS' },
    ]);
    expect(result.errors).toBeUndefined();
    const age = maxAge(result.cacheControl);
    expect(age).toBeGreaterThan(0);
    expect(age).toBeLessThanOrEqual(PRICING_TTL_S);
  });

  it('numbers shorten the hint to their own TTL', async () => {
    const [msisdn] = ownedMsisdns();
    const result = await entities([{ __typename: 'OwnedNumber', msisdn }]);
    expect(result.errors).toBeUndefined();
    const age = maxAge(result.cacheControl);
    expect(age).toBeGreaterThan(0);
    expect(age).toBeLessThanOrEqual(10);
  });

  it('a plain query of prices carries the hint', async () => {
    const result = await post('{ pricings(countries: ["GB", "FR"], types: [SMS]) { minPrice } }');
    expect(result.errors).toBeUndefined();
    const age = maxAge(result.cacheControl);
    expect(age).toBeGreaterThan(0);
    expect(age).toBeLessThanOrEqual(PRICING_TTL_S);
  });

  it('no hint when the balance is touched, for mutations, for errors, or when nothing cacheable was read', async () => {
    const balance = await post('{ account { currency balance { value } } }');
    expect(balance.errors).toBeUndefined();
    const mutation = await post(
      'mutation { updateSettings(input: { moCallbackUrl: "" }) { __typename } }',
    );
    const failed = await post(
      '{ pricing(country: "GB", type: SMS) { minPrice } ownedNumbers(pageSize: 0) { totalCount } }',
    );
    expect(failed.errors).toBeDefined();
    const account = await post(
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on Account { apiKey } } }',
      { r: [{ __typename: 'Account', apiKey: simulator.apiKey }] },
    );
    for (const answer of [balance, mutation, failed, account]) {
      expect(answer.cacheControl ?? 'absent').not.toMatch(/max-age/);
    }
  });
});
