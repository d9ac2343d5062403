import { loadGatewayConfig } from '../../src/domains';
import { type Simulator } from '../../src/simulator';
import { type PricingsQuery } from '../generated/operations';
import { pricingCalls } from '../helpers/counters';
import { type TestGateway, startGateway } from '../helpers/gateway';
import { operation } from '../helpers/operations';
import { TWENTY_COUNTRIES } from '../helpers/countries';

const TWENTY = TWENTY_COUNTRIES;

let gateway: TestGateway;
let simulator: Simulator;

beforeAll(async () => {
  gateway = await startGateway({ RATE_LIMIT_MAX_WAIT_MS: '20000' });
  simulator = gateway.simulator!;
});

afterAll(() => gateway.close());

beforeEach(async () => {
  await gateway.app.runtime.cache.clear();
  simulator.counters.reset();
  simulator.faults.clear();
  simulator.state.pricing.legacyShape = false;
});

afterEach(() => {
  // Whatever a test did, the gateway never made the upstream answer 429.
  expect(simulator.counters.rateLimited).toBe(0);
});

const PRICINGS = operation('Pricings');

describe('pricing over HTTP against the sandbox', () => {
  it('answers 20 countries × {SMS, VOICE} with at most 2 upstream calls cold and none warm', async () => {
    const variables = { countries: TWENTY, types: ['SMS', 'VOICE'] };
    const cold = await gateway.graphql<PricingsQuery>(PRICINGS, variables);
    expect(cold.errors).toBeUndefined();
    expect(cold.data!.pricings).toHaveLength(40);
    expect(cold.data!.pricings.every((p) => p.networks.length > 0)).toBe(true);
    expect(pricingCalls(simulator)).toBeLessThanOrEqual(2);
    simulator.counters.reset();
    const warm = await gateway.graphql(PRICINGS, variables);
    expect(warm.data).toEqual(cold.data);
    expect(pricingCalls(simulator)).toBe(0);
  });

  it('batches 40 aliased pricing fields the same way', async () => {
    const fields = TWENTY.flatMap((cc) => [
      `${cc.toLowerCase()}Sms: pricing(country: "${cc}", type: SMS) { countryCode minPrice }`,
      `${cc.toLowerCase()}Voice: pricing(country: "${cc}", type: VOICE) { countryCode minPrice }`,
    ]);
    const cold = await gateway.graphql<Record<string, { countryCode: string }>>(
      `{ ${fields.join('\n')} }`,
    );
    expect(cold.errors).toBeUndefined();
    expect(Object.keys(cold.data!)).toHaveLength(40);
    expect(pricingCalls(simulator)).toBeLessThanOrEqual(2);
    simulator.counters.reset();
    await gateway.graphql(`{ ${fields.join('\n')} }`);
    expect(pricingCalls(simulator)).toBe(0);
  });

  it('reads one country through the country endpoint, with a price range and its age', async () => {
    const result = await gateway.graphql<{
      pricing: Record<string, unknown> & { networks: { type: string; price: string }[] };
    }>(
      '{ pricing(country: "gb") { countryCode countryName dialingPrefix currency type defaultPrice minPrice maxPrice asOf stale networks { type price mcc } } }',
    );
    expect(result.errors).toBeUndefined();
    const gb = result.data!.pricing;
    expect(gb).toMatchObject({
      countryCode: 'GB',
      countryName: 'United Kingdom',
      dialingPrefix: '44',
      currency: 'EUR',
      type: 'SMS',
      stale: false,
    });
    expect(new Date(gb.asOf as string).getTime()).toBeGreaterThan(Date.now() - 60_000);
    const prices = gb.networks.map((n) => Number(n.price));
    expect(Number(gb.minPrice)).toBe(Math.min(...prices));
    expect(Number(gb.maxPrice)).toBe(Math.max(...prices));
    expect(gb.networks.some((n) => n.type === 'mobile' && n.price !== gb.defaultPrice)).toBe(true);
    expect(simulator.counters.byRoute['GET /account/get-pricing/outbound/:type']).toBe(1);
  });

  it('accepts a user-assigned code Vonage prices (XK, Kosovo), which ISO does not officially assign', async () => {
    const result = await gateway.graphql('{ pricing(country: "xk") { countryCode minPrice } }');
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      pricing: { countryCode: 'XK', minPrice: expect.stringMatching(/^\d+\.\d{8}$/) },
    });
  });

  it('answers null without an error for a valid country Vonage does not price', async () => {
    const result = await gateway.graphql('{ pricing(country: "AQ") { countryCode } }');
    expect(result).toMatchObject({ data: { pricing: null } });
    expect(result.errors).toBeUndefined();
  });

  it.each([
    ['{ pricing(country: "ZZ") { countryCode } }', 'country'],
    ['{ pricing(country: "GBR") { countryCode } }', 'country'],
    ['{ pricings(countries: ["GB", "XX"]) { countryCode } }', 'countries'],
    ['{ pricings(countries: ["GB"], types: []) { countryCode } }', 'types'],
    ['{ prefixPricing(prefix: "4a") { countryCode } }', 'prefix'],
    ['{ networkPricing(mcc: "23", mnc: "15") { network { price } } }', 'mcc'],
    ['{ networkPricing(mcc: "234", mnc: "x") { network { price } } }', 'mnc'],
  ])('rejects %s with BAD_USER_INPUT naming %s, before any upstream call', async (query, field) => {
    const result = await gateway.graphql(query);
    expect(result.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(simulator.counters.total).toBe(0);
  });

  it('rejects an unknown pricing type by the schema, before any upstream call', async () => {
    const result = await gateway.graphql('{ pricing(country: "GB", type: MMS) { countryCode } }');
    expect(result.errors![0].extensions!.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(simulator.counters.total).toBe(0);
  });

  it('answers a prefix from the catalogue once it is cached: 1 matches the US, Canada and more', async () => {
    await gateway.graphql('{ pricings { countryCode } }');
    simulator.counters.reset();
    const result = await gateway.graphql<{ prefixPricing: { countryCode: string }[] }>(
      '{ prefixPricing(prefix: "+1") { countryCode dialingPrefix } }',
    );
    const codes = result.data!.prefixPricing.map((c) => c.countryCode);
    expect(codes).toEqual(expect.arrayContaining(['US', 'CA']));
    expect(codes.length).toBeGreaterThan(2);
    expect(pricingCalls(simulator)).toBe(0);
  });

  it('finds the price on one operator by MCC and MNC, and the account currency', async () => {
    const gb = await gateway.graphql<{
      pricing: { networks: { mcc: string; mnc: string; price: string }[] };
    }>('{ pricing(country: "GB") { networks { mcc mnc price type } } }');
    const mobile = gb.data!.pricing.networks.find((n) => n.mcc === '234')!;
    const result = await gateway.graphql(
      `{ account { currency } networkPricing(mcc: "${mobile.mcc}", mnc: "${mobile.mnc}") { network { price } country { countryCode } } }`,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      account: { currency: 'EUR' },
      networkPricing: { network: { price: mobile.price }, country: { countryCode: 'GB' } },
    });
  });

  it('decodes the older response shape and an XML answer', async () => {
    simulator.state.pricing.legacyShape = true;
    const legacy = await gateway.graphql<{ pricing: { countryCode: string; networks: unknown[] } }>(
      '{ pricing(country: "DE") { countryCode defaultPrice networks { networkCode price } } }',
    );
    expect(legacy.errors).toBeUndefined();
    expect(legacy.data!.pricing.countryCode).toBe('DE');
    expect(legacy.data!.pricing.networks.length).toBeGreaterThan(0);

    simulator.faults.failNext(1, {
      status: 200,
      headers: { 'content-type': 'text/xml' },
      body: '<pricing><countryCode>FR</countryCode><currency>EUR</currency><networks><network><type>mobile</type><price>0.07000000</price><networkCode>20801</networkCode></network></networks></pricing>',
    });
    const xml = await gateway.graphql(
      '{ pricing(country: "FR") { countryCode minPrice networks { mcc mnc } } }',
    );
    expect(xml.data).toEqual({
      pricing: { countryCode: 'FR', minPrice: '0.07000000', networks: [{ mcc: '208', mnc: '01' }] },
    });
  });

  it('never makes the upstream answer 429, even for concurrent requests that each need a call', async () => {
    const results = await Promise.all(
      ['SE', 'NO', 'DK'].map((cc) =>
        gateway.graphql(`{ pricing(country: "${cc}") { countryCode } }`),
      ),
    );
    expect(results.every((r) => r.errors === undefined)).toBe(true);
    expect(pricingCalls(simulator)).toBe(3);
  });
});

describe('pricing when the upstream fails or the limit is reached', () => {
  it('serves cached prices marked stale when the upstream fails after they expired', async () => {
    const local = await startGateway({
      PRICING_TTL_MS: '1',
      PRICING_STALE_WHILE_REVALIDATE_MS: '0',
    });
    try {
      await local.graphql('{ pricing(country: "GB") { countryCode } }');
      await new Promise((resolve) => setTimeout(resolve, 1_100));
      local.simulator!.faults.failNext(3, { status: 503 });
      const result = await local.graphql<{ pricing: { stale: boolean } }>(
        '{ pricing(country: "GB") { countryCode stale } }',
      );
      expect(result.errors).toBeUndefined();
      expect(result.data!.pricing).toEqual({ countryCode: 'GB', stale: true });
    } finally {
      await local.close();
    }
  });

  it('answers RATE_LIMITED with retryAfter when no slot is free within the wait limit', async () => {
    const local = await startGateway({ RATE_LIMIT_MAX_WAIT_MS: '0' });
    try {
      const [first, second] = await Promise.all([
        local.graphql('{ pricing(country: "GB") { countryCode } }'),
        local.graphql('{ pricing(country: "DE") { countryCode } }'),
      ]);
      const errors = [first, second].flatMap((r) => r.errors ?? []);
      expect(errors).toHaveLength(1);
      expect(errors[0].extensions).toMatchObject({
        code: 'RATE_LIMITED',
        retryAfter: 2,
        source: 'gateway_queue',
      });
      expect(errors[0].message).toMatch(/gateway's own queue .* \(Vonage refused nothing\)/);
      expect(local.simulator!.counters.rateLimited).toBe(0);
    } finally {
      await local.close();
    }
  });
});

describe('PRICING_PRELOAD', () => {
  it('reads the catalogues at start, so the first front-end request costs no upstream call', async () => {
    const warm = await startGateway({ PRICING_PRELOAD: 'sms,voice' });
    try {
      const simulator = warm.simulator!;
      for (let i = 0; i < 400 && pricingCalls(simulator) < 2; i++) {
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      expect(simulator.counters.byRoute['GET /account/get-full-pricing/outbound/:type']).toBe(2);
      const result = await warm.graphql(
        '{ pricings(countries: ["GB", "DE", "FR"], types: [SMS, VOICE]) { countryCode stale } }',
      );
      expect(result.errors).toBeUndefined();
      expect(pricingCalls(simulator)).toBe(2);
    } finally {
      await warm.close();
    }
  });

  it('refuses an unknown type naming the variable', () => {
    expect(() => loadGatewayConfig({ PRICING_PRELOAD: 'SMS,MMS' })).toThrow(
      /PRICING_PRELOAD must list pricing types separated by commas, from SMS, SMS_TRANSIT, VOICE/,
    );
  });
});
