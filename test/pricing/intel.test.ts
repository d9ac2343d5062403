import { SegmentedMessage } from 'sms-segments-calculator';
import { type Simulator } from '../../src/simulator';
import { type EstimateSmsCostQuery, type NumberPricingQuery } from '../generated/operations';
import { pricingCalls } from '../helpers/counters';
import { type TestGateway, startGateway } from '../helpers/gateway';
import { operation } from '../helpers/operations';
import { seededStrings } from '../pricing/sms-reference';

let gateway: TestGateway;
let simulator: Simulator;
let defaultUnpriced: string[];

beforeAll(async () => {
  gateway = await startGateway({ RATE_LIMIT_MAX_WAIT_MS: '20000' });
  simulator = gateway.simulator!;
  defaultUnpriced = [...simulator.state.pricing.unpriced];
});

afterAll(() => gateway.close());

beforeEach(async () => {
  await gateway.app.runtime.cache.clear();
  simulator.counters.reset();
  simulator.faults.clear();
  simulator.state.pricing.unpriced = [...defaultUnpriced];
});

afterEach(() => {
  expect(simulator.counters.rateLimited).toBe(0);
});

const NUMBER_PRICING = operation('NumberPricing');
const ESTIMATE = operation('EstimateSmsCost');

/** In the sandbox's catalogue, Simquadrat (DE, 26212) lists 491587, 491588 and 491589. */
const DE_SIMQUADRAT = '+49 1587 0000000';
/** A GB mobile number in no range the sandbox lists for GB (checked in the test that uses it). */
const GB_MOBILE = '+447400123456';

type Networks = { pricing: { networks: { networkCode: string; ranges: string[] }[] } };

describe('Network.ranges', () => {
  it('lists the number prefixes Vonage gives for a network, and [] when it gives none', async () => {
    const result = await gateway.graphql<Networks>(
      '{ pricing(country: "DE") { networks { networkCode ranges } } }',
    );
    expect(result.errors).toBeUndefined();
    const networks = result.data!.pricing.networks;
    expect(networks.find((n) => n.networkCode === '26212')!.ranges).toEqual([
      '491587',
      '491588',
      '491589',
    ]);
    expect(networks.some((n) => n.ranges.length === 0)).toBe(true);
  });
});

describe('numberPricing', () => {
  it('prices a number in a listed range at its network, with 1 upstream call cold and none warm', async () => {
    const cold = await gateway.graphql<NumberPricingQuery>(NUMBER_PRICING, {
      msisdn: DE_SIMQUADRAT,
    });
    expect(cold.errors).toBeUndefined();
    const priced = cold.data!.numberPricing!;
    expect(priced).toMatchObject({
      msisdn: '4915870000000',
      countryCode: 'DE',
      type: 'SMS',
      match: 'NETWORK',
      range: '491587',
      currency: 'EUR',
      network: { networkCode: '26212', networkName: 'Simquadrat' },
    });
    expect(priced.price).toBe(priced.network!.price);
    expect([priced.minPrice, priced.maxPrice]).toEqual([priced.price, priced.price]);
    expect(pricingCalls(simulator)).toBe(1);
    simulator.counters.reset();
    const warm = await gateway.graphql(NUMBER_PRICING, { msisdn: '+4915889999999' });
    expect(warm.data).toMatchObject({ numberPricing: { match: 'NETWORK', range: '491588' } });
    expect(pricingCalls(simulator)).toBe(0);
  });

  it("prices a number in no listed range by its country: the country's lowest and highest price", async () => {
    const gb = await gateway.graphql<
      Networks & { pricing: { minPrice: string; maxPrice: string } }
    >('{ pricing(country: "GB") { minPrice maxPrice networks { networkCode ranges } } }');
    const ranges = gb.data!.pricing.networks.flatMap((n) => n.ranges);
    expect(ranges.some((range) => GB_MOBILE.slice(1).startsWith(range))).toBe(false);
    const result = await gateway.graphql<NumberPricingQuery>(NUMBER_PRICING, { msisdn: GB_MOBILE });
    expect(result.data!.numberPricing).toMatchObject({
      msisdn: '447400123456',
      countryCode: 'GB',
      match: 'COUNTRY',
      range: null,
      network: null,
      price: null,
      minPrice: gb.data!.pricing.minPrice,
      maxPrice: gb.data!.pricing.maxPrice,
    });
  });

  it('costs at most one upstream call per type, cold', async () => {
    const result = await gateway.graphql<Record<string, { type: string }>>(
      `{ sms: numberPricing(msisdn: "${GB_MOBILE}") { type }
         voice: numberPricing(msisdn: "${GB_MOBILE}", type: VOICE) { type }
         de: numberPricing(msisdn: "${DE_SIMQUADRAT}", type: VOICE) { type } }`,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      sms: { type: 'SMS' },
      voice: { type: 'VOICE' },
      de: { type: 'VOICE' },
    });
    expect(pricingCalls(simulator)).toBe(2);
  });

  it('answers null for a non-geographic number and for a country Vonage does not price', async () => {
    simulator.state.pricing.unpriced = [...defaultUnpriced, 'GB'];
    const result = await gateway.graphql(
      `{ free: numberPricing(msisdn: "+80012345678") { match } gb: numberPricing(msisdn: "${GB_MOBILE}") { match } }`,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ free: null, gb: null });
  });

  it.each(['07400123456', '+44123456', '+44 abc', '+447400123456789012'])(
    'refuses %p with BAD_USER_INPUT naming msisdn, before any upstream call',
    async (msisdn) => {
      const result = await gateway.graphql(NUMBER_PRICING, { msisdn });
      expect(result.errors![0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'msisdn',
      });
      expect(result.errors![0].message).toMatch(/^msisdn: .*international format/);
      expect(simulator.counters.total).toBe(0);
    },
  );
});

/** n numbers: DE numbers in Simquadrat's ranges, GB numbers in none, and a few unpriceable. */
function recipients(n: number): string[] {
  return Array.from({ length: n }, (_, i) => {
    if (i % 100 === 99) return '+44123456'; // invalid
    if (i % 100 === 98) return '+80012345678'; // non-geographic
    const tail = String(i).padStart(6, '0');
    return i % 2 === 0 ? `+49158700${tail}`.slice(0, 14) : `+447400${tail}`;
  });
}

/** Exact sum of decimal texts of 8 places, in the test's own arithmetic. */
const total = (decimals: string[]) => {
  const units = decimals.reduce((sum, d) => sum + BigInt(d.replace('.', '')), 0n);
  const text = units.toString().padStart(9, '0');
  return `${text.slice(0, -8)}.${text.slice(-8)}`;
};

describe('estimateSmsCost', () => {
  it('prices 1 000 recipients with one upstream call cold and none warm, exactly', async () => {
    const to = recipients(1_000);
    const text = `Your code is 123456. Reply STOP to opt out. ${'x'.repeat(130)}`;
    const cold = await gateway.graphql<EstimateSmsCostQuery>(ESTIMATE, { text, to });
    expect(cold.errors).toBeUndefined();
    expect(pricingCalls(simulator)).toBe(1);
    const estimate = cold.data!.estimateSmsCost;
    expect(estimate).toMatchObject({
      type: 'SMS',
      encoding: 'GSM_7',
      segments: 2,
      currency: 'EUR',
    });
    expect(estimate.recipients.length + estimate.unpriced.length).toBe(1_000);
    expect(estimate.unpriced).toHaveLength(20);
    expect(new Set(estimate.unpriced.map((u) => u.reason))).toEqual(
      new Set(['INVALID_NUMBER', 'NO_COUNTRY']),
    );
    const byMatch = (match: string) => estimate.recipients.filter((r) => r.match === match);
    expect(byMatch('NETWORK').length).toBeGreaterThan(400);
    expect(byMatch('COUNTRY').length).toBeGreaterThan(400);
    for (const r of byMatch('NETWORK')) {
      expect(r).toMatchObject({ countryCode: 'DE', network: { networkCode: '26212' } });
      expect(r.cost).toBe(total([r.unitPrice!, r.unitPrice!]));
    }
    // Some recipients are priced by country only: no exact total, a range instead.
    expect(estimate.total).toBeNull();
    expect(estimate.minTotal).toBe(total(estimate.recipients.map((r) => r.minCost)));
    expect(estimate.maxTotal).toBe(total(estimate.recipients.map((r) => r.maxCost)));
    simulator.counters.reset();
    const warm = await gateway.graphql<EstimateSmsCostQuery>(ESTIMATE, { text, to });
    expect(warm.data).toEqual(cold.data);
    expect(pricingCalls(simulator)).toBe(0);
  });

  it('gives an exact total when every recipient matched a network', async () => {
    const to = ['+4915870000001', '+4915880000002', '+4915890000003'];
    const result = await gateway.graphql<EstimateSmsCostQuery>(ESTIMATE, {
      text: '€'.repeat(81),
      to,
    });
    const estimate = result.data!.estimateSmsCost;
    expect(estimate.segments).toBe(2);
    expect(estimate.total).toBe(total(estimate.recipients.map((r) => r.cost!)));
    expect([estimate.minTotal, estimate.maxTotal]).toEqual([estimate.total, estimate.total]);
  });

  it('costs one upstream call per type, cold', async () => {
    const result = await gateway.graphql(
      `query($to: [String!]!) { a: estimateSmsCost(text: "hi", to: $to) { minTotal }
        b: estimateSmsCost(text: "hi", to: $to, type: SMS_TRANSIT) { minTotal } }`,
      { to: recipients(50) },
    );
    expect(result.errors).toBeUndefined();
    expect(pricingCalls(simulator)).toBe(2);
  });

  it('accepts 10 000 recipients with a typical selection, within the response ceiling', async () => {
    const to = recipients(10_000);
    const query = `query($to: [String!]!) { estimateSmsCost(text: "Sale: 20% off today!", to: $to) {
      segments total minTotal maxTotal
      recipients { msisdn countryCode match unitPrice cost minCost maxCost }
      unpriced { msisdn reason } } }`;
    const response = await fetch(`${gateway.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query, variables: { to } }),
    });
    const body = await response.text();
    expect(response.status).toBe(200);
    const result = JSON.parse(body) as { data: EstimateSmsCostQuery; errors?: unknown };
    expect(result.errors).toBeUndefined();
    const estimate = result.data.estimateSmsCost;
    expect(estimate.recipients.length + estimate.unpriced.length).toBe(10_000);
    expect(Buffer.byteLength(body)).toBeLessThan(8 * 1024 * 1024);
    expect(pricingCalls(simulator)).toBe(1);
  });

  it('refuses 10 000 recipients with every field as OPERATION_TOO_COSTLY, before any call', async () => {
    const result = await gateway.graphql(ESTIMATE, { text: 'hi', to: recipients(10_000) });
    expect(result.status).toBe(400);
    expect(result.errors![0].extensions).toMatchObject({ code: 'OPERATION_TOO_COSTLY' });
    expect(result.errors![0].message).toMatch(/recipients/);
    expect(simulator.counters.total).toBe(0);
  });

  it.each([
    ['10 001 recipients', 'to', { to: recipients(10_001) }, /at most 10000 recipients/],
    ['no recipient', 'to', { to: [] }, /at least one/],
    ['a recipient that is not a number', 'to', { to: [GB_MOBILE, 'call me'] }, /international/],
    ['an empty text', 'text', { text: '' }, /empty/],
    ['2 001 characters', 'text', { text: 'x'.repeat(2_001) }, /at most 2000/],
    ['VOICE', 'type', { type: 'VOICE' }, /SMS or SMS_TRANSIT/],
  ])(
    'refuses %s: BAD_USER_INPUT naming %s, before any upstream call',
    async (_name, field, args, message) => {
      const result = await gateway.graphql(
        `query($text: String!, $to: [String!]!, $type: PricingType!) {
      estimateSmsCost(text: $text, to: $to, type: $type) { segments recipients { msisdn } } }`,
        {
          text: 'hi',
          to: [GB_MOBILE],
          type: 'SMS',
          ...args,
        },
      );
      expect(result.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
      expect(result.errors![0].message).toMatch(message);
      expect(simulator.counters.total).toBe(0);
    },
  );

  it('answers as the segment counter does on 500 generated texts', async () => {
    const texts = seededStrings(520, 7)
      .filter((text) => text.length > 0)
      .slice(0, 500);
    expect(texts).toHaveLength(500);
    const batch = 50;
    for (let start = 0; start < texts.length; start += batch) {
      const chunk = texts.slice(start, start + batch);
      const variables = Object.fromEntries(chunk.map((text, i) => [`t${i}`, text]));
      const query = `query(${chunk.map((_, i) => `$t${i}: String!`).join(', ')}) { ${chunk
        .map(
          (_, i) =>
            `e${i}: estimateSmsCost(text: $t${i}, to: ["${GB_MOBILE}"]) { encoding segments characters unicodeCharacters }`,
        )
        .join('\n')} }`;
      const result = await gateway.graphql<Record<string, Record<string, unknown>>>(
        query,
        variables,
      );
      expect(result.errors).toBeUndefined();
      chunk.forEach((text, i) => {
        const counter = new SegmentedMessage(text);
        expect(result.data![`e${i}`]).toEqual({
          encoding: counter.encodingName === 'UCS-2' ? 'UCS_2' : 'GSM_7',
          segments: counter.segmentsCount,
          characters: counter.numberOfCharacters,
          unicodeCharacters: [...new Set(counter.getNonGsmCharacters())],
        });
      });
    }
    expect(pricingCalls(simulator)).toBe(1);
  });
});
