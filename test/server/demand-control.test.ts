import { type GatewayRuntime } from '@graphql-hive/gateway-runtime';
import { SUBGRAPH_SDL, type Supergraph, compose, startSupergraph } from './supergraph';

// A router's demand control (Hive Gateway's `demandControl`) pricing operations with this
// subgraph's @cost/@listSize, read from the supergraph, before it sends anything to a subgraph.
//
// How Hive Gateway 2.12.1 prices a subgraph fetch (useDemandControl): each field costs its
// @cost weight, plus 1 when it returns an object, union or interface (0 for a scalar or enum),
// times its own list factor and the factors of the fields above it. A list's factor is its
// @listSize(assumedSize:), or, for the `sizedFields` of a field with
// @listSize(slicingArguments:), the value of that argument; else 1 (its `listSize` option is 0).
// The fetches of one operation add up, and the router refuses when the sum passes `maxCost`.

const OWNED = 100;
const MAX_COST = 5000;
const REFUSED = 'COST_ESTIMATED_TOO_EXPENSIVE';

let supergraph: Supergraph;
/** maxCost 5000, the estimate in `extensions.cost`. */
let router: GatewayRuntime;

beforeAll(async () => {
  supergraph = await startSupergraph(OWNED);
  router = supergraph.router({
    demandControl: { maxCost: MAX_COST, includeExtensionMetadata: true },
  });
});

afterAll(() => supergraph?.close());

beforeEach(() => supergraph.reset());

const owned = (pageSize: number) =>
  `{ ownedNumbers(pageSize: ${pageSize}) { nodes { msisdn pricing(type: SMS) { minPrice } } } }`;

type Owned = {
  ownedNumbers: { nodes: { msisdn: string; pricing: { minPrice: string } | null }[] };
};

/** The SDL with every @cost and @listSize taken off its fields (their definitions stay). */
const withoutCostDirectives = (sdl: string) =>
  sdl
    .split('\n')
    .map((line) =>
      line.startsWith('directive ')
        ? line
        : line.replace(/ @cost\(weight: \d+\)/g, '').replace(/ @listSize\([^)]*\)/g, ''),
    )
    .join('\n');

describe("a router's demand control reads the subgraph's @cost and @listSize", () => {
  it('finds them in the supergraph: composition keeps them (cost/v0.1), no @composeDirective', () => {
    const { supergraphSdl, errors } = compose();
    expect(errors ?? []).toEqual([]);
    expect(supergraphSdl).toContain('@link(url: "https://specs.apollo.dev/cost/v0.1"');
    expect(supergraphSdl).toMatch(
      /ownedNumbers\([^)]*\): OwnedNumberConnection! @join__field\(graph: VONAGE\) .*@cost\(weight: 100\) @listSize\(slicingArguments: \["pageSize"\], sizedFields: \["nodes"\]\)/,
    );
    expect(supergraphSdl).toContain('networks: [Network!]! @listSize(assumedSize: 8)');
  });

  it('refuses 100 owned numbers with their prices at 10301, before any upstream call', async () => {
    // ownedNumbers: @cost 100 + 1 (an object)                                 =   101
    // nodes: 1 (objects) × pageSize 100 (slicingArguments → sizedFields)     =   100
    // pricing: (@cost 100 + 1) × 100 nodes                                   = 10100
    // msisdn, minPrice: scalars, 0                                     total = 10301
    const result = await supergraph.query<Owned>(router, owned(100));
    expect(result.data ?? null).toBeNull();
    expect(result.errors).toHaveLength(1);
    expect(result.errors![0].extensions).toMatchObject({
      code: REFUSED,
      cost: { estimated: 10301, max: MAX_COST },
    });
    expect(supergraph.simulator.counters.total).toBe(0);
  });

  it('accepts 10 of them at 1121 and answers them', async () => {
    // 101 + 1 × 10 + (100 + 1) × 10 = 1121
    const result = await supergraph.query<Owned>(router, owned(10));
    expect(result.errors).toBeUndefined();
    expect(result.extensions).toMatchObject({ cost: { estimated: 1121, max: MAX_COST } });
    const { nodes } = result.data!.ownedNumbers;
    expect(nodes.map((node) => node.msisdn)).toEqual(supergraph.msisdns.slice(0, 10));
    for (const node of nodes) expect(node.pricing!.minPrice).toMatch(/^\d+\.\d+$/);
  });

  it("refuses countries' prices with their networks at 27250, one country as every one", async () => {
    // pricings: (@cost 100 + 1) × assumedSize 250                            = 25250
    // networks: 1 × assumedSize 8 × 250                                      =  2000
    // A router knows no count of `countries`: it assumes 250 whatever is given.  27250
    for (const countries of ['', '(countries: ["GB"])']) {
      const result = await supergraph.query(
        router,
        `{ pricings${countries} { countryCode networks { networkCode price } } }`,
      );
      expect(result.errors?.[0].extensions).toMatchObject({
        code: REFUSED,
        cost: { estimated: 27250, max: MAX_COST },
      });
    }
    expect(supergraph.simulator.counters.total).toBe(0);
  });

  it("accepts one country's price with its networks at 109", async () => {
    // pricing: @cost 100 + 1; networks: 1 × assumedSize 8 = 109
    const result = await supergraph.query<{
      pricing: { minPrice: string; networks: { networkCode: string }[] };
    }>(router, '{ pricing(country: "GB", type: SMS) { minPrice networks { networkCode } } }');
    expect(result.errors).toBeUndefined();
    expect(result.extensions).toMatchObject({ cost: { estimated: 109 } });
    expect(result.data!.pricing.networks.length).toBeGreaterThan(0);
  });

  it("counts a mutation's @cost: under maxCost 150, updateSettings (100) runs, topUp (200) does not", async () => {
    const strict = supergraph.router({ demandControl: { maxCost: 150 } });
    const url = 'https://hooks.example.com/inbound';
    // updateSettings: @cost 100 + 1 (a union) = 101. Hive's default operationTypeCost (10 for a
    // mutation) is not added: its visitor listens for schema definitions' OperationTypeDefinition.
    const updated = await supergraph.query<{ updateSettings: { __typename: string } }>(
      strict,
      `mutation { updateSettings(input: { moCallbackUrl: "${url}" }) { __typename } }`,
    );
    expect(updated.errors).toBeUndefined();
    expect(updated.data!.updateSettings.__typename).toBe('SettingsUpdated');
    expect(supergraph.simulator.state.account.moCallbackUrl).toBe(url);
    // topUp: @cost 200 + 1 = 201 > 150: refused before the gateway sees it.
    const balance = supergraph.simulator.state.account.balance;
    const before = supergraph.simulator.counters.total;
    const topUp = await supergraph.query(
      strict,
      'mutation { topUp(input: { trx: "8ef2447e69604f642ae59363aa5f781b" }) { __typename } }',
    );
    expect(topUp.errors?.[0].extensions).toMatchObject({
      code: REFUSED,
      cost: { estimated: 201, max: 150 },
    });
    expect(supergraph.simulator.counters.total).toBe(before);
    expect(supergraph.simulator.state.account.balance).toBe(balance);
  });

  it('prices a fetch of entities as one item, whatever the number of representations', async () => {
    // customers fetch: customers 1 + phoneNumbers 1 (objects; no @listSize, factor 1) =   2
    // vonage _entities fetch: _entities 1 + pricing (@cost 100 + 1)                    = 102
    // 100 customers' numbers and prices: 104 (the gateway's own estimate counts each one).
    const result = await supergraph.query<{ customers: unknown[] }>(
      router,
      '{ customers { name phoneNumbers { msisdn country pricing(type: SMS) { minPrice } } } }',
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!.customers).toHaveLength(OWNED);
    expect(result.extensions).toMatchObject({ cost: { estimated: 104 } });
  });

  it('without the directives in the SDL it composes, the same router prices the refused query at 3 and runs it', async () => {
    const stripped = withoutCostDirectives(SUBGRAPH_SDL);
    expect(stripped).not.toMatch(/@cost\(weight: \d|@listSize\((assumedSize: \d|slicing|sized)/);
    const blind = supergraph.router({
      subgraphSdl: stripped,
      demandControl: { maxCost: MAX_COST, includeExtensionMetadata: true },
    });
    // ownedNumbers 1, nodes 1, pricing 1: objects only, no weights, no sizes.
    const result = await supergraph.query<Owned>(blind, owned(100));
    expect(result.errors).toBeUndefined();
    expect(result.extensions).toMatchObject({ cost: { estimated: 3 } });
    // The gateway's own limit (MAX_COST 100000; this one is 502) let it through.
    expect(result.data!.ownedNumbers.nodes).toHaveLength(OWNED);
  });
});
