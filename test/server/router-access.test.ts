import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Trace } from '@apollo/usage-reporting-protobuf';
import { type GatewayRuntime, createGatewayRuntime } from '@graphql-hive/gateway-runtime';
import httpTransport from '@graphql-mesh/transport-http';
import { composeServices } from '@theguild/federation-composition';
import { parse } from 'graphql';
import { type Simulator, startSimulator } from '../../src/simulator';
import { bearer, postGraphql, tokenEntry } from '../helpers/auth';
import { type TestGateway, simulatorEnv, startGateway } from '../helpers/gateway';
import {
  CUSTOMERS_SDL,
  type CustomersSubgraph,
  startCustomersSubgraph,
} from './customers.subgraph';

/** The secrets of this test: each must never appear in a log line, an answer or /metrics. */
const HMAC_SECRET = 'hmac-secret-of-the-router-0123456789abcdef';
const METRICS_TOKEN = 'metrics-token-0123456789';
/** A caller's token, forwarded by the router in its Authorization header. */
const READER = 'reader-token-0123456789';
const CUSTOMERS = 3;

const SUBGRAPH_SDL = readFileSync(
  join(__dirname, '..', '..', 'schema', 'subgraph.graphql'),
  'utf8',
);

const CROSS = `{
  customers {
    name
    phoneNumbers { msisdn country pricing(type: SMS) { countryCode type minPrice } }
  }
}`;

interface Cross {
  customers: { phoneNumbers: { msisdn: string; country: string; pricing: unknown }[] }[];
}

type Answer = {
  data?: unknown;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
};

let simulator: Simulator;
let vonage: TestGateway;
let customers: CustomersSubgraph;
let msisdns: string[];
const lines: string[] = [];
/** Every answer body this test read, scanned for the secrets at the end. */
const bodies: string[] = [];
/** Results the router got from the vonage subgraph, in order. */
const fromVonage: { extensions?: Record<string, unknown> }[] = [];
/** Whether the router asks the subgraphs for a federated trace. */
let askTrace = false;

function startRouter(hmacSecret: string | undefined): GatewayRuntime {
  const composed = composeServices([
    { name: 'vonage', typeDefs: parse(SUBGRAPH_SDL), url: `${vonage.url}/graphql` },
    { name: 'customers', typeDefs: parse(CUSTOMERS_SDL), url: customers.url },
  ]);
  if (composed.errors) throw new Error(composed.errors.map((error) => error.message).join('\n'));
  return createGatewayRuntime({
    supergraph: composed.supergraphSdl,
    transports: { http: httpTransport },
    logging: false,
    maskedErrors: false,
    ...(hmacSecret ? { hmacSignature: { secret: hmacSecret } } : {}),
    // The caller's token goes on to the subgraphs, as a router forwards it.
    propagateHeaders: {
      fromClientToSubgraphs: ({ request }) => ({
        authorization: request.headers.get('authorization') ?? undefined,
      }),
    },
    plugins: () => [
      {
        onFetch({ options }) {
          // What Apollo Router sends when it wants field-level usage and timings.
          if (askTrace) {
            options.headers = { ...options.headers, 'apollo-federation-include-trace': 'ftv1' };
          }
        },
        onSubgraphExecute({ subgraphName }: { subgraphName: string }) {
          if (subgraphName !== 'vonage') return;
          return ({ result }: { result: unknown }) => {
            fromVonage.push(result as (typeof fromVonage)[number]);
          };
        },
      },
    ],
  });
}

let router: GatewayRuntime;

beforeAll(async () => {
  simulator = await startSimulator({ numbers: { owned: CUSTOMERS } });
  const { AUTH: _none, ...env } = simulatorEnv(simulator);
  vonage = await startGateway(
    {
      ...env,
      API_TOKENS: tokenEntry('reader', READER, ['numbers:read', 'pricing:read']),
      METRICS_TOKEN,
      ROUTER_HMAC_SECRET: HMAC_SECRET,
      NUMBERS_RATE_PER_SECOND: '200',
      PRICING_RATE_PER_SECOND: '200',
      LOG_LEVEL: 'debug',
    },
    { logDestination: { write: (line: string) => lines.push(line) } },
  );
  msisdns = [...simulator.state.numbers.owned.keys()];
  customers = await startCustomersSubgraph(msisdns);
  router = startRouter(HMAC_SECRET);
});

afterAll(async () => {
  await router?.dispose();
  await customers?.close();
  await vonage?.close();
  await simulator?.close();
});

beforeEach(() => {
  askTrace = false;
  fromVonage.length = 0;
});

async function throughRouter(
  runtime: GatewayRuntime,
  query: string,
  headers: Record<string, string> = bearer(READER),
): Promise<Answer> {
  const response = await runtime.fetch('http://router.local/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
    body: JSON.stringify({ query }),
  });
  const text = await response.text();
  bodies.push(text);
  return JSON.parse(text) as Answer;
}

/** POSTs straight to the subgraph, as any caller that reaches it could. */
async function direct(body: object, headers: Record<string, string> = {}) {
  const answer = await postGraphql(vonage.url, body, { ...bearer(READER), ...headers });
  bodies.push(JSON.stringify(answer));
  return answer;
}

/** Hive Gateway's signature of a request: HMAC-SHA256 of its stable JSON, base64. */
const sign = (secret: string, text: string) =>
  createHmac('sha256', secret).update(text).digest('base64');

const ENTITIES = `query($r: [_Any!]!) { _entities(representations: $r) { ... on OwnedNumber { msisdn } } }`;

/** The nodes of a decoded trace, depth first. */
function nodesOf(node: Trace.INode | null | undefined): Trace.INode[] {
  if (!node) return [];
  return [node, ...(node.child ?? []).flatMap(nodesOf)];
}

describe('a subgraph behind a router (ROUTER_HMAC_SECRET)', () => {
  it('answers the router, which signs its requests, with the right data', async () => {
    const result = await throughRouter(router, CROSS);
    expect(result.errors).toBeUndefined();
    const answered = (result.data as Cross).customers;
    expect(answered.map((customer) => customer.phoneNumbers[0].msisdn)).toEqual(msisdns);
    for (const { phoneNumbers } of answered) {
      expect(phoneNumbers[0].pricing).toMatchObject({ type: 'SMS' });
    }
    // The representations went as variables: signed with them, and checked with them.
    expect(fromVonage.length).toBeGreaterThan(0);
    expect(fromVonage.every((subgraphResult) => !subgraphResult.extensions?.ftv1)).toBe(true);
  });

  it('gives the router that asks a federated trace with a node per resolved field', async () => {
    const untraced = await throughRouter(router, CROSS);
    askTrace = true;
    const traced = await throughRouter(router, CROSS);
    expect(traced).toEqual(untraced);
    const ftv1 = fromVonage.at(-1)?.extensions?.ftv1;
    expect(typeof ftv1).toBe('string');
    const trace = Trace.decode(Buffer.from(ftv1 as string, 'base64'));
    expect(Number(trace.durationNs)).toBeGreaterThan(0);
    const nodes = nodesOf(trace.root);
    const fields = nodes.filter((node) => node.responseName);
    // The router holds the msisdn keys: it asks for the rest.
    expect(fields.map((node) => node.responseName)).toEqual(
      expect.arrayContaining(['_entities', 'country', 'pricing', 'minPrice']),
    );
    const entities = fields.find((node) => node.responseName === '_entities')!;
    expect(entities).toMatchObject({ parentType: 'Query', type: '[_Entity]!' });
    expect(Number(entities.endTime)).toBeGreaterThanOrEqual(Number(entities.startTime));
    // One node per representation under _entities, each with its own fields.
    expect(entities.child).toHaveLength(CUSTOMERS);
  });

  it('applies the field rules to the caller the router forwards', async () => {
    const anonymous = await throughRouter(router, CROSS, {});
    const codes = (anonymous.errors ?? []).map((error) => error.extensions?.code);
    expect(codes.length).toBeGreaterThan(0);
    expect(new Set(codes)).toEqual(new Set(['UNAUTHENTICATED']));
  });

  it('refuses a router whose signature is made with another secret (401 ROUTER_ONLY)', async () => {
    const impostor = startRouter('another-secret-of-the-same-length-0123456');
    try {
      const result = await throughRouter(impostor, CROSS);
      expect(result.data).toBeNull();
      expect(JSON.stringify(result.errors)).toMatch(/HMAC signature/);
    } finally {
      await impostor.dispose();
    }
    const body = {
      query: ENTITIES,
      variables: { r: [{ __typename: 'OwnedNumber', msisdn: '1' }] },
    };
    const forged = await direct({
      ...body,
      extensions: { 'hmac-signature': sign('x'.repeat(40), JSON.stringify(body)) },
    });
    expect(forged.status).toBe(401);
    expect(forged.errors?.[0].extensions?.code).toBe('ROUTER_ONLY');
  });

  it("refuses a signature made for another request's variables", async () => {
    const signedFor = `{"query":${JSON.stringify(ENTITIES)},"variables":{"r":[{"__typename":"OwnedNumber","msisdn":"1"}]}}`;
    // The same signature over the signed text itself is the router's (stable JSON, sorted keys).
    const variables = { r: [{ msisdn: '1', __typename: 'OwnedNumber' }] };
    const signature = sign(HMAC_SECRET, signedFor);
    const genuine = await direct({
      query: ENTITIES,
      variables,
      extensions: { 'hmac-signature': signature },
    });
    expect(genuine.status).toBe(200);
    expect(genuine.errors).toBeUndefined();
    const replayed = await direct({
      query: ENTITIES,
      variables: { r: [{ __typename: 'OwnedNumber', msisdn: msisdns[0] }] },
      extensions: { 'hmac-signature': signature },
    });
    expect(replayed.status).toBe(401);
    expect(replayed.errors?.[0].extensions?.code).toBe('ROUTER_ONLY');
  });

  it.each([
    ['_service', { query: '{ _service { sdl } }' }],
    [
      '_entities',
      { query: ENTITIES, variables: { r: [{ __typename: 'OwnedNumber', msisdn: '1' }] } },
    ],
    [
      '_entities in a fragment',
      {
        query: `query($r: [_Any!]!) { ...E } fragment E on Query { ... { _entities(representations: $r) { __typename } } }`,
        variables: { r: [] },
      },
    ],
  ])('refuses %s to a caller that is not the router (403 ROUTER_ONLY)', async (_, body) => {
    const answer = await direct(body);
    expect(answer.status).toBe(403);
    expect(answer.errors).toEqual([
      {
        message:
          "Only the router may ask for _entities and _service: send the operation through the supergraph's router.",
        extensions: { code: 'ROUTER_ONLY' },
      },
    ]);
  });

  it("answers other callers' queries as a public BFF, with no trace even when asked", async () => {
    const answer = await direct(
      { query: '{ pricing(country: "GB") { countryCode } }' },
      { 'apollo-federation-include-trace': 'ftv1' },
    );
    expect(answer.status).toBe(200);
    expect(answer.data).toEqual({ pricing: { countryCode: 'GB' } });
    expect((answer as { extensions?: unknown }).extensions).toBeUndefined();
    // An operation that names _entities without running it is no federation request.
    const other = await direct({
      query: `query A { pricing(country: "GB") { countryCode } } query B { _service { sdl } }`,
      operationName: 'A',
    });
    expect(other.status).toBe(200);
  });

  it('puts no secret in any log line, answer or metric', async () => {
    const metrics = await fetch(`${vonage.url}/metrics`, { headers: bearer(METRICS_TOKEN) });
    expect(metrics.status).toBe(200);
    bodies.push(await metrics.text());
    expect(lines.length).toBeGreaterThan(0);
    for (const text of [...lines, ...bodies]) {
      expect(text).not.toContain(HMAC_SECRET);
      expect(text).not.toContain(READER);
    }
  });
});
