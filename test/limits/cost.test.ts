import {
  type FragmentDefinitionNode,
  type GraphQLSchema,
  getIntrospectionQuery,
  isInterfaceType,
  isObjectType,
  Kind,
  type OperationDefinitionNode,
  parse,
} from 'graphql';
import { estimateCost } from '../../src/limits/cost';
import { buildGatewaySchema } from '../../src/server/schema';

let schema: GraphQLSchema;
beforeAll(async () => {
  ({ schema } = await buildGatewaySchema());
});

function estimate(query: string, variables: Record<string, unknown> = {}) {
  const document = parse(query);
  const fragments: Record<string, FragmentDefinitionNode> = {};
  let operation: OperationDefinitionNode | undefined;
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
    if (definition.kind === Kind.OPERATION_DEFINITION) operation ??= definition;
  }
  return estimateCost(schema, operation!, fragments, variables);
}

const aliased = (n: number, field: string) =>
  Array.from({ length: n }, (_, index) => `a${index}: ${field}`).join('\n');

describe('the cost estimate of introspection', () => {
  it('counts every type of the schema in __schema { types }', () => {
    const types = Object.keys(schema.getTypeMap()).length;
    expect(types).toBeGreaterThan(50);
    // __schema, types, and one name per type.
    expect(estimate('{ __schema { types { name } } }').values).toBe(types + 2);
  });

  it('counts every field of the schema in __schema { types { fields } }', () => {
    const fields = Object.values(schema.getTypeMap())
      .filter((type) => isObjectType(type) || isInterfaceType(type))
      .reduce((sum, type) => sum + Object.keys(type.getFields()).length, 0);
    const types = Object.keys(schema.getTypeMap()).length;
    const { values } = estimate('{ __schema { types { fields { name } } } }');
    // Means rounded up: at least every field, at most one more per type.
    expect(values).toBeGreaterThanOrEqual(fields + types + 2);
    expect(values).toBeLessThanOrEqual(fields + 2 * types + 2);
  });

  it('counts the fields of the type __type names, exactly', () => {
    const query = schema.getQueryType()!;
    const fields = Object.keys(query.getFields()).length;
    expect(estimate('{ __type(name: "Query") { fields { name } } }').values).toBe(fields + 2);
  });

  it("prices 70 aliased copies of the schema's types and descriptions above MAX_COST, one below", () => {
    const copy = '__schema { types { name kind description fields { name description } } }';
    // One copy grows with the schema (2 048 with five domains): far below MAX_COST all the same.
    expect(estimate(`{ ${copy} }`).cost).toBeLessThan(100_000 / 25);
    expect(estimate(`{ ${aliased(70, copy)} }`).cost).toBeGreaterThan(100_000);
  });

  it("leaves GraphiQL's introspection query well within MAX_COST", () => {
    const { cost, calls } = estimate(getIntrospectionQuery());
    expect(calls).toBe(0);
    expect(cost).toBeGreaterThan(10_000);
    expect(cost).toBeLessThan(50_000);
  });
});

describe('the cost estimate of _entities', () => {
  const ENTITIES = `query($r: [_Any!]!) { _entities(representations: $r) {
    ... on OwnedNumber { msisdn moHttpUrl }
    ... on CountryPricing { countryCode networks { networkCode price } }
  } }`;
  const owned = (n: number) =>
    Array.from({ length: n }, (_, i) => ({
      __typename: 'OwnedNumber',
      msisdn: String(447700900000 + i),
    }));

  it('counts each representation as one item of its own type', () => {
    const one = estimate(ENTITIES, { r: owned(1) }).values;
    const thousand = estimate(ENTITIES, { r: owned(1000) }).values;
    // _entities, then msisdn and moHttpUrl per number (not the prices' fragment).
    expect(one).toBe(1 + 2);
    expect(thousand).toBe(1 + 2 * 1000);
  });

  it("counts the calls the representations' loaders make, cold", () => {
    expect(estimate(ENTITIES, { r: owned(2) }).calls).toBe(2);
    // More than three numbers are one walk of the owned pages, 100 a page.
    expect(estimate(ENTITIES, { r: owned(250) }).calls).toBe(3);
    const prices = [
      { __typename: 'CountryPricing', countryCode: 'GB', type: 'SMS' },
      { __typename: 'CountryPricing', countryCode: 'FR', type: 'SMS' },
      { __typename: 'CountryPricing', countryCode: 'DE', type: 'VOICE' },
    ];
    // One catalogue call per type; an unknown typename is a null, no call.
    const mixed = estimate(ENTITIES, { r: [...prices, { __typename: 'Balance' }] });
    expect(mixed.calls).toBe(2);
    expect(mixed.values).toBe(1 + 3 * (2 + 8 * 2) + 1);
  });

  it('prices 50 000 representations above MAX_COST', () => {
    expect(estimate(ENTITIES, { r: owned(50_000) }).cost).toBeGreaterThan(100_000);
  });
});

describe("the cost estimate of what the domains' fields declare", () => {
  const FULL =
    'countryCode countryName currency minPrice maxPrice networks { networkCode networkName mcc mnc price ranges }';
  const recipients = (n: number) =>
    Array.from({ length: n }, (_, i) => `+4474001${String(i).padStart(5, '0')}`);
  const ESTIMATE =
    'query($to: [String!]!) { estimateSmsCost(text: "hi", to: $to) { segments unicodeCharacters recipients { msisdn cost network { networkName ranges } } unpriced { msisdn reason } } }';
  const NUMBERS = (args: string) =>
    `{ ownedNumbers${args} { totalCount nodes { msisdn features pricing { countryCode networks { price } } ... on PhoneNumber { pricing(type: VOICE) { countryCode } features } } } }`;

  // The figures of the estimate when it kept them in tables of field names.
  it.each([
    ['a full catalogue', `{ pricings { ${FULL} } }`, {}, 1, 21_501],
    ['no country', `{ pricings(countries: []) { ${FULL} } }`, {}, 1, 1],
    [
      'distinct countries × types',
      `{ pricings(types: [SMS, VOICE], countries: ["GB", "FR", "GB"]) { ${FULL} } }`,
      {},
      2,
      345,
    ],
    [
      'three full catalogues',
      `{ pricings(types: [SMS, VOICE, SMS_TRANSIT]) { ${FULL} } }`,
      {},
      3,
      64_501,
    ],
    [
      'a prefix',
      '{ prefixPricing(prefix: "1") { countryCode networks { price ranges } } }',
      {},
      1,
      1_251,
    ],
    ['3 recipients', ESTIMATE, { to: recipients(3) }, 1, 42],
    ['10 000 recipients', ESTIMATE, { to: recipients(10_000) }, 1, 110_009],
    // Past MAX_RECIPIENTS argument validation refuses `to`: the estimate stops counting there.
    ['10 001 recipients', ESTIMATE, { to: recipients(10_001) }, 1, 110_009],
    ['a page of 10 numbers with prices', NUMBERS(''), {}, 2, 243],
    ['a page of 50 numbers with prices', NUMBERS('(pageSize: 50)'), {}, 2, 1_203],
    [
      'the account with its numbers',
      '{ account { apiKey currency balance { value } settings { moCallbackUrl } numbers { nodes { msisdn voiceCallback { type } } } } }',
      {},
      4,
      39,
    ],
    [
      'a page of price history (100 by default, no upstream call)',
      '{ priceHistory(country: "GB", networkCode: "23415") { nodes { oldPrice newPrice } } }',
      {},
      0,
      202,
    ],
    [
      'a page size from a missing variable',
      'query($ps: Int!) { ownedNumbers(pageSize: $ps) { nodes { msisdn } } }',
      {},
      1,
      12,
    ],
    [
      'money mutations, as their domains declare their writes',
      'mutation { buyNumber(input: { country: "GB", msisdn: "4477" }) { __typename ... on NumberPurchased { number { msisdn } } ... on NumberAlreadyOwned { number { pricing { networks { price } } } } } cancelNumber(input: { country: "GB", msisdn: "4477" }) { __typename } }',
      {},
      7,
      17,
    ],
  ])('%s', (_, query, variables, calls, values) => {
    expect(estimate(query, variables)).toEqual({ calls, values, cost: values + 100 * calls });
  });
});
