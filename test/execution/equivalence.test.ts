import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type ApolloServer } from '@apollo/server';
import { type DocumentNode, Kind, type OperationDefinitionNode, parse, print } from 'graphql';
import { type Access, OPEN_ACCESS } from '../../src/auth/caller';
import {
  DOMAIN_ERRORS,
  type GatewayContext as Context,
  createGatewayContext,
} from '../../src/domains';
import { type Engine, createApollo } from '../../src/server/apollo';
import { createGatewayMetrics } from '../../src/metrics/registry';
import { buildGatewaySchema } from '../../src/server/schema';
import { type TestGateway, startGateway } from '../helpers/gateway';
import { generateOperations } from './generate';
import { seeded } from '../helpers/seeded';

jest.setTimeout(300_000);

const ROOT = join(__dirname, '..', '..');
const ENV = {
  // Every list read once stays warm for the whole test, so both engines read the same data.
  NUMBERS_TTL_MS: '3600000',
  BALANCE_TTL_MS: '60000',
  NUMBERS_RATE_PER_SECOND: '1000',
};

type Operation = { name: string; query: string; variables?: Record<string, unknown> };

/** Each operation of a file as its own document, with the fragments it may use. */
function operationsIn(file: string): (Operation & { kind: string })[] {
  const document = parse(readFileSync(join(ROOT, file), 'utf8'));
  const fragments = document.definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION);
  return document.definitions
    .filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)
    .map((definition) => {
      const single: DocumentNode = { kind: Kind.DOCUMENT, definitions: [definition, ...fragments] };
      return {
        name: `${file}: ${definition.name?.value}`,
        kind: definition.operation,
        query: print(single),
      };
    });
}

const EXAMPLES = [
  ...operationsIn('schema/examples.graphql'),
  ...[
    'AccountOverview',
    'EstimateSmsCost',
    'NumberPricing',
    'OwnedNumbers',
    'PricingChanges',
    'Pricings',
  ].flatMap((name) => operationsIn(`test/operations/${name}.graphql`)),
];

/** Variables for the test/operations documents that require some. */
const VARIABLES: Record<string, Record<string, unknown>> = {
  'test/operations/EstimateSmsCost.graphql: EstimateSmsCost': {
    text: 'Hello',
    to: ['+4915870000001', '+447400123456'],
  },
  'test/operations/NumberPricing.graphql: NumberPricing': { msisdn: '+447400123456' },
  'test/operations/OwnedNumbers.graphql: OwnedNumbers': { pageSize: 20, page: 1 },
  'test/operations/Pricings.graphql: Pricings': { countries: ['GB', 'DE'], types: ['SMS'] },
  'test/operations/PricingChanges.graphql: PricingChanges': { since: '2020-01-01T00:00:00Z' },
};

const token = (scopes: string[]): Access => ({
  caller: { id: 'test', kind: 'token', scopes: new Set(scopes) },
  enforced: true,
});
/** Whom operations run for: everyone allowed, some scopes, none, no caller at all. */
const ACCESSES: Access[] = [
  OPEN_ACCESS,
  token(['pricing:read']),
  token(['account:read', 'numbers:read', 'pricing:read']),
  { caller: { id: 'anonymous', kind: 'anonymous', scopes: new Set() }, enforced: true },
];

const ENTITIES = `query ($representations: [_Any!]!) { _entities(representations: $representations) {
  __typename ... on CountryPricing { countryCode type minPrice networks { networkName price } }
  ... on Network { networkName price countryCode } ... on Account { currency }
  ... on OwnedNumber { msisdn country features } } }`;
const REPRESENTATIONS = [
  { __typename: 'CountryPricing', countryCode: 'GB', type: 'SMS' },
  { __typename: 'CountryPricing', countryCode: 'ZZ', type: 'VOICE' },
  { __typename: 'Network', countryCode: 'GB', networkCode: '23415', pricingType: 'SMS' },
  { __typename: 'Account', apiKey: 'sandbox' },
  { __typename: 'OwnedNumber', msisdn: '447700900000' },
  { __typename: 'Nope', id: 1 },
];

/** What a client receives: status, headers and the body's bytes. */
async function answer(
  apollo: ApolloServer<Context>,
  gateway: TestGateway,
  operation: Operation,
  access: Access,
): Promise<string> {
  const response = await apollo.executeOperation(
    { query: operation.query, variables: operation.variables },
    { contextValue: createGatewayContext(gateway.app.runtime.services, { access }) },
  );
  const body = response.body.kind === 'single' ? response.body.singleResult : 'incremental';
  const text = JSON.stringify([response.http.status ?? 200, [...response.http.headers], body]);
  // Nor is the trace id of each call Vonage refused, or a max-age that a second may have passed.
  return text
    .replace(/"traceId":"[0-9a-f]+"/g, '"traceId":"…"')
    .replace(/max-age=\d+/g, 'max-age=…');
}

async function apolloOn(gateway: TestGateway, engine: Engine): Promise<ApolloServer<Context>> {
  const { config, logger } = gateway.app;
  const { schema } = await buildGatewaySchema();
  const apollo = createApollo({
    schema,
    config,
    logger,
    metrics: createGatewayMetrics(),
    errors: DOMAIN_ERRORS,
    engine,
  });
  await apollo.start();
  return apollo;
}

/** The operations whose answers differ between the two servers, with both answers. */
async function differences(
  gateway: TestGateway,
  reference: ApolloServer<Context>,
  compiled: ApolloServer<Context>,
  operations: Operation[],
): Promise<{ name: string; reference: string; compiled: string }[]> {
  const random = seeded(7);
  const found = [];
  for (const operation of operations) {
    const access = ACCESSES[Math.floor(random() * ACCESSES.length)];
    // Once first, so that both engines read warm data.
    await answer(reference, gateway, operation, OPEN_ACCESS);
    const expected = await answer(reference, gateway, operation, access);
    const actual = await answer(compiled, gateway, operation, access);
    if (expected !== actual)
      found.push({ name: operation.name, reference: expected, compiled: actual });
  }
  return found;
}

describe('compiled execution answers as graphql-js does, byte for byte', () => {
  let gateway: TestGateway;
  let reference: ApolloServer<Context>;
  let compiled: ApolloServer<Context>;

  beforeAll(async () => {
    gateway = await startGateway(ENV);
    reference = await apolloOn(gateway, 'graphql-js');
    compiled = await apolloOn(gateway, 'compiled');
  });
  afterAll(async () => {
    await reference?.stop();
    await compiled?.stop();
    await gateway?.close();
  });

  it('answers every example query alike, for every kind of caller', async () => {
    const queries = EXAMPLES.filter((op) => op.kind === 'query').map((op) => ({
      ...op,
      variables: VARIABLES[op.name],
    }));
    expect(queries.length).toBeGreaterThanOrEqual(15);
    const all = ACCESSES.flatMap(() => queries);
    expect(await differences(gateway, reference, compiled, all)).toEqual([]);
  });

  it('answers federation _entities alike, found, unknown and refused', async () => {
    const operations = [...REPRESENTATIONS.map((r) => [r]), REPRESENTATIONS].map(
      (representations, i) => ({
        name: `_entities ${i}`,
        query: ENTITIES,
        variables: { representations },
      }),
    );
    expect(await differences(gateway, reference, compiled, [...operations, ...operations])).toEqual(
      [],
    );
  });

  it('answers 600 generated varied queries alike, most of them with data', async () => {
    const { schema } = await buildGatewaySchema();
    const generated = generateOperations(schema, 600).map((op, i) => ({
      name: `generated ${i}: ${op.query}`,
      ...op,
    }));
    expect(await differences(gateway, reference, compiled, generated)).toEqual([]);
    // The generator must reach execution, not only validation errors: most answers have data.
    let executed = 0;
    for (const op of generated.slice(0, 200)) {
      const text = await answer(compiled, gateway, op, OPEN_ACCESS);
      if (text.includes('"data":{')) executed++;
    }
    expect(executed).toBeGreaterThanOrEqual(100);
  });

  it('tells a compiled schema whose one resolver answers otherwise apart', async () => {
    const { config, logger } = gateway.app;
    const { schema } = await buildGatewaySchema();
    const field = schema.getQueryType()!.getFields().pricings;
    const resolve = field.resolve!;
    field.resolve = async (...args) => {
      const list = (await resolve(...args)) as unknown[];
      return list.slice(1);
    };
    const altered = createApollo({
      schema,
      config,
      logger,
      metrics: createGatewayMetrics(),
      errors: DOMAIN_ERRORS,
    });
    await altered.start();
    try {
      const found = await differences(
        gateway,
        reference,
        altered,
        EXAMPLES.filter((op) => op.kind === 'query'),
      );
      expect(found.map((d) => d.name)).toContain('schema/examples.graphql: PricesForCountries');
    } finally {
      await altered.stop();
    }
  });
});

describe('compiled mutations answer as graphql-js does, in order, on two gateways', () => {
  it('tops up, sets webhooks, buys and cancels alike', async () => {
    const mutations = [...EXAMPLES.filter((op) => op.kind === 'mutation')];
    expect(mutations.length).toBeGreaterThanOrEqual(4);
    const run = async (engine: Engine) => {
      const gateway = await startGateway(ENV, { engine });
      try {
        const texts: string[] = [];
        for (const op of mutations) {
          const res = await fetch(`${gateway.url}/graphql`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ query: op.query }),
          });
          texts.push(`${op.name} ${res.status} ${await res.text()}`);
        }
        return texts;
      } finally {
        await gateway.close();
      }
    };
    const expected = await run('graphql-js');
    expect(await run('compiled')).toEqual(expected);
  });
});
