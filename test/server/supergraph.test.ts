import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type GatewayRuntime, createGatewayRuntime } from '@graphql-hive/gateway-runtime';
import httpTransport from '@graphql-mesh/transport-http';
import { composeServices } from '@theguild/federation-composition';
import { parse } from 'graphql';
import { type Simulator, startSimulator } from '../../src/simulator';
import { pricingCalls, routeCalls } from '../helpers/counters';
import { type TestGateway, simulatorEnv, startGateway } from '../helpers/gateway';
import {
  CUSTOMERS_SDL,
  type CustomersSubgraph,
  startCustomersSubgraph,
} from './customers.subgraph';

const SUBGRAPH_SDL = readFileSync(
  join(__dirname, '..', '..', 'schema', 'subgraph.graphql'),
  'utf8',
);
const CUSTOMERS = 200;

let simulator: Simulator;
let vonage: TestGateway;
let customers: CustomersSubgraph;
let router: GatewayRuntime;
let msisdns: string[];

function compose(
  vonageUrl = 'http://vonage.invalid/graphql',
  customersUrl = 'http://customers.invalid/',
) {
  return composeServices([
    { name: 'vonage', typeDefs: parse(SUBGRAPH_SDL), url: vonageUrl },
    { name: 'customers', typeDefs: parse(CUSTOMERS_SDL), url: customersUrl },
  ]);
}

beforeAll(async () => {
  simulator = await startSimulator({
    numbers: { owned: CUSTOMERS },
    pricing: { rateLimitPerSecond: 0 },
  });
  vonage = await startGateway({
    ...simulatorEnv(simulator),
    NUMBERS_RATE_PER_SECOND: '200',
    PRICING_RATE_PER_SECOND: '200',
  });
  msisdns = [...simulator.state.numbers.owned.keys()];
  customers = await startCustomersSubgraph(msisdns);
  const composed = compose(`${vonage.url}/graphql`, customers.url);
  if (composed.errors) throw new Error(composed.errors.map((error) => error.message).join('\n'));
  router = createGatewayRuntime({
    supergraph: composed.supergraphSdl,
    // Given, not imported at run time: jest's CommonJS sandbox has no dynamic import().
    transports: { http: httpTransport },
    logging: false,
    maskedErrors: false,
  });
});

afterAll(async () => {
  await router?.dispose();
  await customers?.close();
  await vonage?.close();
  await simulator?.close();
});

beforeEach(() => {
  simulator.reset();
  simulator.state.pricing.rateLimitPerSecond = 0;
  return vonage.app.runtime.cache.clear();
});

async function query<T>(text: string): Promise<{ data?: T; errors?: { message: string }[] }> {
  const response = await router.fetch('http://router.local/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ query: text }),
  });
  return (await response.json()) as { data?: T; errors?: { message: string }[] };
}

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
