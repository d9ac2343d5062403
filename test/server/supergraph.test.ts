import { type GatewayRuntime } from '@graphql-hive/gateway-runtime';
import { composeServices } from '@theguild/federation-composition';
import { parse } from 'graphql';
import { pricingCalls, routeCalls } from '../helpers/counters';
import { CUSTOMERS_SDL } from './customers.subgraph';
import { SUBGRAPH_SDL, type Supergraph, compose, startSupergraph } from './supergraph';

const CUSTOMERS = 200;

let supergraph: Supergraph;
let simulator: Supergraph['simulator'];
let customers: Supergraph['customers'];
let router: GatewayRuntime;
let msisdns: string[];

beforeAll(async () => {
  supergraph = await startSupergraph(CUSTOMERS);
  ({ simulator, customers, msisdns } = supergraph);
  router = supergraph.router();
});

afterAll(() => supergraph?.close());

beforeEach(() => supergraph.reset());

const query = <T>(text: string) => supergraph.query<T>(router, text);

const CROSS = `{
  customers {
    name
    phoneNumbers { msisdn country pricing(type: SMS) { countryCode type minPrice currency } }
  }
}`;

type Cross = {
  customers: {
    name: string;
    phoneNumbers: {
      msisdn: string;
      country: string;
      pricing: { countryCode: string; minPrice: string } | null;
    }[];
  }[];
};

describe('composed into a supergraph with a customers subgraph', () => {
  it('composes with no errors, each entity keyed as declared', () => {
    const composed = compose();
    expect(composed.errors ?? []).toEqual([]);
    const supergraph = composed.supergraphSdl!;
    for (const key of [
      'msisdn',
      'countryCode type',
      'countryCode networkCode pricingType',
      'apiKey',
    ]) {
      expect(supergraph).toContain(`@join__type(graph: VONAGE, key: "${key}")`);
    }
    expect(supergraph).toContain('@join__type(graph: CUSTOMERS, key: "msisdn", resolvable: false)');
  });

  it('fails to compose when the other subgraph keys OwnedNumber by a field the gateway lacks', () => {
    const broken = CUSTOMERS_SDL.replace(
      '@key(fields: "msisdn", resolvable: false) {\n  msisdn: String!',
      '@key(fields: "number", resolvable: false) {\n  number: String!',
    );
    const composed = composeServices([
      { name: 'vonage', typeDefs: parse(SUBGRAPH_SDL) },
      { name: 'customers', typeDefs: parse(broken) },
    ]);
    expect(composed.errors?.length).toBeGreaterThan(0);
  });

  it('answers customers → their numbers → the SMS price of their country, with the right data', async () => {
    const result = await query<Cross>(CROSS);
    expect(result.errors).toBeUndefined();
    const answered = result.data!.customers;
    expect(answered).toHaveLength(CUSTOMERS);
    expect(answered.map((customer) => customer.phoneNumbers[0].msisdn)).toEqual(msisdns);
    for (const { phoneNumbers } of answered) {
      const [number] = phoneNumbers;
      const owned = simulator.state.numbers.owned.get(number.msisdn)!;
      expect(number.country).toBe(owned.country);
      expect(number.pricing).toMatchObject({ countryCode: owned.country, type: 'SMS' });
      expect(number.pricing!.minPrice).toMatch(/^\d+\.\d+$/);
    }
  });

  it('200 customers cost one walk of the owned pages and one pricing call, cold', async () => {
    const before = customers.requests();
    const result = await query<Cross>(CROSS);
    expect(result.errors).toBeUndefined();
    expect(customers.requests() - before).toBe(1);
    // One walk of 200 numbers in pages of 100; every price from one SMS catalogue call.
    expect(routeCalls(simulator, 'GET /account/numbers')).toBe(Math.ceil(CUSTOMERS / 100));
    expect(pricingCalls(simulator)).toBeLessThanOrEqual(1);
  });

  it('warm, the same query costs no upstream call', async () => {
    await query<Cross>(CROSS);
    simulator.counters.reset();
    const result = await query<Cross>(CROSS);
    expect(result.errors).toBeUndefined();
    expect(simulator.counters.total).toBe(0);
  });
});
