import { getIntrospectionQuery } from 'graphql';
import { type Simulator } from '../../src/simulator';
import { pricingCalls, routeCalls } from '../helpers/counters';
import { type TestGateway, startGateway } from '../helpers/gateway';

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
});

const FULL =
  'countryCode countryName currency minPrice maxPrice networks { networkCode networkName mcc mnc price ranges }';

/** n aliased copies of one field. */
const aliased = (n: number, field: string) =>
  Array.from({ length: n }, (_, index) => `a${index}: ${field}`).join('\n');

describe('operation limits, before execution', () => {
  it('refuses the 50-alias full catalogue as OPERATION_TOO_COSTLY, with the estimate and the limit', async () => {
    const query = `{ ${aliased(50, `pricings(types: [SMS, VOICE, SMS_TRANSIT]) { ${FULL} }`)} }`;
    const result = await gateway.graphql(query);
    expect(result.status).toBe(400);
    expect(result.data).toBeUndefined();
    const [error] = result.errors!;
    expect(error.extensions).toMatchObject({ code: 'OPERATION_TOO_COSTLY', limit: 100_000 });
    expect(error.extensions!.cost).toBeGreaterThan(100_000);
    expect(error.message).toMatch(/split it, select fewer countries/);
    expect(simulator.counters.total).toBe(0);
  });

  it('answers one full catalogue of every type with networks, within the limits', async () => {
    const result = await gateway.graphql<{ pricings: unknown[] }>(
      `{ pricings(types: [SMS, VOICE, SMS_TRANSIT]) { ${FULL} } }`,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!.pricings.length).toBeGreaterThan(100);
  });

  it('refuses 10 000 aliases while parsing, as TOO_MANY_TOKENS', async () => {
    const result = await gateway.graphql(`{ ${aliased(10_000, '__typename')} }`);
    expect(result.status).toBe(400);
    expect(result.errors![0].extensions).toMatchObject({ code: 'TOO_MANY_TOKENS', limit: 2_000 });
  });

  it('refuses more aliases than MAX_ALIASES as TOO_MANY_ALIASES', async () => {
    const result = await gateway.graphql(`{ ${aliased(101, 'account { __typename }')} }`);
    expect(result.errors![0].extensions).toMatchObject({ code: 'TOO_MANY_ALIASES', limit: 100 });
    expect(simulator.counters.total).toBe(0);
  });

  it('counts __typename aliases toward MAX_ALIASES', async () => {
    const result = await gateway.graphql(`{ ${aliased(101, '__typename')} }`);
    expect(result.status).toBe(400);
    expect(result.errors![0].extensions).toMatchObject({ code: 'TOO_MANY_ALIASES', limit: 100 });
  });

  it("refuses 70 aliased copies of the schema's types as OPERATION_TOO_COSTLY, and answers GraphiQL's introspection", async () => {
    const copy = '__schema { types { name kind description fields { name description } } }';
    const result = await gateway.graphql(`{ ${aliased(70, copy)} }`);
    expect(result.status).toBe(400);
    expect(result.errors![0].extensions).toMatchObject({ code: 'OPERATION_TOO_COSTLY', calls: 0 });
    const graphiql = await gateway.graphql<{ __schema: { types: unknown[] } }>(
      getIntrospectionQuery(),
    );
    expect(graphiql.errors).toBeUndefined();
    expect(graphiql.data!.__schema.types.length).toBeGreaterThan(50);
  });

  it('counts each _entities representation: 4000 numbers with their prices are OPERATION_TOO_COSTLY, before any upstream call', async () => {
    const representations = Array.from({ length: 4000 }, (_, i) => ({
      __typename: 'OwnedNumber',
      msisdn: String(447700900000 + i),
    }));
    const result = await gateway.graphql(
      `query($r: [_Any!]!) { _entities(representations: $r) {
        ... on OwnedNumber { msisdn pricing(type: SMS) { networks { networkCode networkName price } } }
      } }`,
      { r: representations },
    );
    expect(result.status).toBe(400);
    expect(result.errors![0].extensions).toMatchObject({ code: 'OPERATION_TOO_COSTLY' });
    expect(result.errors![0].extensions!.values).toBeGreaterThan(4000 * 27);
    expect(simulator.counters.total).toBe(0);
  });

  it('refuses fragments nested deeper than MAX_DEPTH as TOO_DEEP', async () => {
    const fragments = Array.from(
      { length: 12 },
      (_, index) =>
        `fragment F${index} on Query { ${index < 11 ? `...F${index + 1}` : 'account { __typename }'} }`,
    ).join('\n');
    const result = await gateway.graphql(`{ ...F0 }\n${fragments}`);
    expect(result.errors![0].extensions).toMatchObject({ code: 'TOO_DEEP', limit: 8 });
    expect(simulator.counters.total).toBe(0);
  });

  it('refuses more directives than MAX_DIRECTIVES as TOO_MANY_DIRECTIVES', async () => {
    const result = await gateway.graphql(
      `{ ${aliased(21, 'account @include(if: true) { __typename }')} }`,
    );
    expect(result.status).toBe(400);
    expect(result.errors![0].extensions).toMatchObject({ code: 'TOO_MANY_DIRECTIVES', limit: 20 });
    expect(result.errors![0].message).toMatch(/use fewer directives/);
    expect(simulator.counters.total).toBe(0);
    const within = `{ ${aliased(20, 'account @include(if: true) { __typename }')} }`;
    expect((await gateway.graphql(within)).errors).toBeUndefined();
  });

  it('refuses wide lists whose answer would be too large, counting page sizes and nested prices', async () => {
    const query = `{ ${aliased(40, `ownedNumbers(pageSize: 100) { nodes { msisdn pricing(type: VOICE) { ${FULL} } } }`)} }`;
    const result = await gateway.graphql(query);
    expect(result.errors![0].extensions).toMatchObject({ code: 'OPERATION_TOO_COSTLY' });
    expect(simulator.counters.total).toBe(0);
  });

  it('counts list variables in the estimate', async () => {
    const result = await gateway.graphql(
      `query($types: [PricingType!]!) { ${aliased(2, `pricings(types: $types) { ${FULL} }`)} }`,
      { types: ['SMS', 'VOICE', 'SMS_TRANSIT'] },
    );
    expect(result.errors![0].extensions).toMatchObject({ code: 'OPERATION_TOO_COSTLY' });
    expect(simulator.counters.total).toBe(0);
  });
});

describe('money mutations, one at a time', () => {
  const TOP_UP = 'topUp(input: { trx: "8ef2447e69604f642ae59363aa5f781b" }) { __typename }';

  it('refuses two aliased topUp fields before any upstream call', async () => {
    const result = await gateway.graphql(`mutation { ${aliased(2, TOP_UP)} }`);
    expect(result.status).toBe(400);
    expect(result.errors![0].extensions).toMatchObject({
      code: 'MONEY_MUTATION_LIMIT',
      limit: 1,
      fields: ['a0', 'a1'],
    });
    expect(simulator.counters.total).toBe(0);
  });

  it('refuses 50 aliased topUp fields, and a buy and a cancel hidden in fragments', async () => {
    const fifty = await gateway.graphql(`mutation { ${aliased(50, TOP_UP)} }`);
    expect(fifty.errors![0].extensions!.code).toBe('MONEY_MUTATION_LIMIT');
    const mixed = await gateway.graphql(`mutation { ...Buy ...Cancel }
      fragment Buy on Mutation { buyNumber(input: { country: "GB", msisdn: "447700900001" }) { __typename } }
      fragment Cancel on Mutation { ... on Mutation { cancelNumber(input: { country: "GB", msisdn: "447700900001" }) { __typename } } }`);
    expect(mixed.errors![0].extensions).toMatchObject({
      code: 'MONEY_MUTATION_LIMIT',
      fields: ['buyNumber', 'cancelNumber'],
    });
    expect(simulator.counters.total).toBe(0);
  });

  it('runs one topUp beside other mutations', async () => {
    const result = await gateway.graphql(
      `mutation { ${TOP_UP} updateSettings(input: { moCallbackUrl: "" }) { __typename } }`,
    );
    expect(result.errors).toBeUndefined();
  });
});

describe('upstream writes, a few per operation', () => {
  const UPDATE_NUMBER =
    'updateNumber(input: { country: "GB", msisdn: "447700900000", moHttpUrl: "" }) { __typename }';
  const UPDATE_SETTINGS = 'updateSettings(input: { moCallbackUrl: "" }) { __typename }';

  it('refuses 30 aliased updateNumber as WRITE_MUTATION_LIMIT, naming the fields, before any upstream call', async () => {
    const result = await gateway.graphql(`mutation { ${aliased(30, UPDATE_NUMBER)} }`);
    expect(result.status).toBe(400);
    const [error] = result.errors!;
    expect(error.extensions).toMatchObject({
      code: 'WRITE_MUTATION_LIMIT',
      limit: 5,
      fields: Array.from({ length: 30 }, (_, index) => `a${index}`),
      upstream: { outcome: 'not_sent' },
    });
    expect(error.message).toMatch(/at most 5 mutations that write to Vonage; this one has 30/);
    expect(error.message).toMatch(/Send them in several operations/);
    expect(simulator.counters.total).toBe(0);
  });

  it('counts updateSettings and writes spread from fragments: six is refused, five run', async () => {
    const six = await gateway.graphql(`mutation { ${aliased(4, UPDATE_SETTINGS)} ...N ...M }
      fragment N on Mutation { n: ${UPDATE_NUMBER} }
      fragment M on Mutation { ... on Mutation { m: ${UPDATE_NUMBER} } }`);
    expect(six.errors![0].extensions).toMatchObject({
      code: 'WRITE_MUTATION_LIMIT',
      fields: ['a0', 'a1', 'a2', 'a3', 'n', 'm'],
    });
    expect(simulator.counters.total).toBe(0);
    const five = await gateway.graphql(`mutation { ${aliased(5, UPDATE_SETTINGS)} }`);
    expect(five.errors).toBeUndefined();
    expect(routeCalls(simulator, 'POST /account/settings')).toBe(5);
  });
});

describe('fair use of the upstream', () => {
  it('answers six aliased prefixPricing fields from one catalogue call, cold', async () => {
    const prefixes = ['1', '44', '49', '33', '34', '39'];
    const query = `{ ${prefixes.map((prefix, i) => `p${i}: prefixPricing(prefix: "${prefix}") { countryCode dialingPrefix }`).join(' ')} }`;
    const result = await gateway.graphql<Record<string, { dialingPrefix: string }[]>>(query);
    expect(result.errors).toBeUndefined();
    prefixes.forEach((prefix, i) => {
      expect(result.data![`p${i}`].length).toBeGreaterThan(0);
      expect(result.data![`p${i}`].every((c) => c.dialingPrefix === prefix)).toBe(true);
    });
    expect(pricingCalls(simulator)).toBe(1);
  });
});

describe('Idempotency-Key header', () => {
  const TOP_UP = `mutation($key: String) {
    topUp(input: { trx: "8ef2447e69604f642ae59363aa5f781b" }, idempotencyKey: $key) { __typename }
  }`;
  const post = async (headers: Record<string, string>, variables: object = {}) => {
    const response = await fetch(`${gateway.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query: TOP_UP, variables }),
    });
    return (await response.json()) as {
      data?: { topUp: { __typename: string } } | null;
      errors?: { extensions: Record<string, unknown> }[];
    };
  };

  it('means the same as the argument: a repeat with the same header replays the first answer', async () => {
    const key = `header-${Date.now()}`;
    const first = await post({ 'idempotency-key': key });
    const again = await post({ 'idempotency-key': key });
    const byArgument = await post({}, { key });
    expect(first.data!.topUp.__typename).toBe('TopUpSucceeded');
    expect(again).toEqual(first);
    expect(byArgument).toEqual(first);
    expect(routeCalls(simulator, 'POST /account/top-up')).toBe(1);
  });

  it('refuses a header and an argument that differ, before any upstream call', async () => {
    const result = await post({ 'idempotency-key': 'one' }, { key: 'two' });
    expect(result.errors![0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'idempotencyKey',
    });
    expect(routeCalls(simulator, 'POST /account/top-up')).toBe(0);
  });

  it('checks the header like the argument', async () => {
    const result = await post({ 'idempotency-key': 'has space' });
    expect(result.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(simulator.counters.total).toBe(0);
  });
});

describe('response size ceiling', () => {
  let small: TestGateway;
  beforeAll(async () => {
    small = await startGateway({ MAX_RESPONSE_BYTES: '20000', MAX_COST: '100000000' });
  });
  afterAll(() => small.close());

  it('answers RESPONSE_TOO_LARGE instead of an answer above MAX_RESPONSE_BYTES', async () => {
    const response = await fetch(`${small.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: `{ pricings { ${FULL} } }` }),
    });
    const text = await response.text();
    expect(Buffer.byteLength(text)).toBeLessThan(20_000);
    expect(JSON.parse(text).errors[0].extensions).toMatchObject({
      code: 'RESPONSE_TOO_LARGE',
      limit: 20_000,
    });
  });
});
