import { type IncomingHttpHeaders, type Server, createServer } from 'node:http';
import { type AddressInfo } from 'node:net';
import { SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { InMemorySpanExporter, type ReadableSpan } from '@opentelemetry/sdk-trace-node';
import { type Simulator, startSimulator } from '../../src/simulator';
import { type TestGateway, simulatorEnv, startGateway } from '../helpers/gateway';
import { postGraphql, tokenEntry } from '../helpers/auth';
import { until } from '../helpers/wait';
import { spawnGateway, startupLine } from '../helpers/process';

/**
 * OpenTelemetry (README, Tracing): the span tree of one request, the trace context sent on to
 * the upstream, no secret in any attribute, the OTLP/HTTP export, and nothing at all when off.
 */

const TOKEN = 'tracing-test-token-0123456789abcdef';
const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const PARENT_ID = '00f067aa0ba902b7';
const TRACEPARENT = `00-${TRACE_ID}-${PARENT_ID}-01`;

interface Seen {
  url: string;
  headers: IncomingHttpHeaders;
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** Passes every request on to the simulator and remembers its URL and headers. */
async function recordingProxy(
  target: string,
): Promise<{ url: string; seen: Seen[]; server: Server }> {
  const seen: Seen[] = [];
  const server = createServer((req, res) => {
    seen.push({ url: req.url ?? '', headers: req.headers });
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const headers = { ...req.headers } as Record<string, string>;
      delete headers.host;
      delete headers.connection;
      fetch(target + req.url, {
        method: req.method,
        headers,
        body: chunks.length > 0 ? Buffer.concat(chunks) : undefined,
      }).then(
        async (answer) => {
          const body = Buffer.from(await answer.arrayBuffer());
          const out: Record<string, string> = {};
          answer.headers.forEach((value, key) => {
            if (!['transfer-encoding', 'connection', 'keep-alive', 'content-length'].includes(key))
              out[key] = value;
          });
          res.writeHead(answer.status, out);
          res.end(body);
        },
        (error: unknown) => res.destroy(error as Error),
      );
    });
  });
  return { url: await listen(server), seen, server };
}

/** A stand-in OpenTelemetry collector: the OTLP/HTTP bodies posted to it. */
async function collector(): Promise<{
  url: string;
  posts: { path: string; body: string }[];
  server: Server;
}> {
  const posts: { path: string; body: string }[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      posts.push({ path: req.url ?? '', body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{}');
    });
  });
  return { url: await listen(server), posts, server };
}

/** Every string a span carries, its attributes and its events', and the resource's. */
function everything(spans: readonly ReadableSpan[]): string {
  return JSON.stringify(
    spans.map((span) => ({
      name: span.name,
      attributes: span.attributes,
      events: span.events.map((event) => [event.name, event.attributes]),
      status: span.status,
      resource: span.resource.attributes,
    })),
  );
}

let simulator: Simulator;
let proxy: Awaited<ReturnType<typeof recordingProxy>>;

beforeAll(async () => {
  simulator = await startSimulator();
  proxy = await recordingProxy(simulator.url);
});

afterAll(async () => {
  await new Promise((resolve) => proxy.server.close(resolve));
  await simulator.close();
});

beforeEach(() => {
  proxy.seen.length = 0;
  simulator.reset();
});

function gatewayEnv(extra: Record<string, string> = {}): Record<string, string> {
  const { AUTH: _none, ...env } = simulatorEnv(simulator);
  return {
    ...env,
    VONAGE_REST_URL: proxy.url,
    // The secret in every URL, where a careless span would copy it.
    VONAGE_AUTH: 'query',
    API_TOKENS: tokenEntry('tracer', TOKEN, ['pricing:read', 'account:read']),
    PRICING_RATE_PER_SECOND: '50',
    ...extra,
  };
}

const CATALOGUE = 'query Catalogue { pricings(types: [VOICE]) { countryCode } }';

describe('tracing on', () => {
  const exporter = new InMemorySpanExporter();
  let gateway: TestGateway;

  beforeAll(async () => {
    gateway = await startGateway(gatewayEnv(), { spanExporter: exporter });
  });
  afterAll(() => gateway.close());
  beforeEach(() => exporter.reset());

  /** The spans of the request whose server span is named `name`, once it has ended. */
  async function treeOf(name: string): Promise<{ root: ReadableSpan; spans: ReadableSpan[] }> {
    await until(
      () => exporter.getFinishedSpans().some((span) => span.name === name),
      `the span ${name} has ended`,
    );
    const spans = exporter.getFinishedSpans();
    const root = spans.find((span) => span.name === name)!;
    const traceId = root.spanContext().traceId;
    return { root, spans: spans.filter((span) => span.spanContext().traceId === traceId) };
  }
  const childrenOf = (spans: ReadableSpan[], parent: ReadableSpan) =>
    spans.filter((span) => span.parentSpanContext?.spanId === parent.spanContext().spanId);

  it('traces a cold catalogue read: operation → cache read (miss) → upstream call, continuing the caller’s trace', async () => {
    const result = await postGraphql(
      gateway.url,
      { query: CATALOGUE },
      { authorization: `Bearer ${TOKEN}`, traceparent: TRACEPARENT },
    );
    expect(result.errors).toBeUndefined();
    const { root, spans } = await treeOf('query Catalogue');

    expect(root.kind).toBe(SpanKind.SERVER);
    expect(root.spanContext().traceId).toBe(TRACE_ID);
    expect(root.parentSpanContext?.spanId).toBe(PARENT_ID);
    expect(root.attributes).toMatchObject({
      'graphql.operation.name': 'Catalogue',
      'graphql.operation.type': 'query',
      'graphql.outcome': 'success',
      'http.response.status_code': 200,
    });
    expect(root.attributes['graphql.operation.cost']).toEqual(expect.any(Number));
    expect(root.attributes['graphql.operation.cost']).toBeGreaterThan(0);

    const reads = childrenOf(spans, root).filter((span) => span.name === 'cache read');
    expect(reads).toHaveLength(1);
    expect(reads[0].attributes).toMatchObject({
      'cache.family': 'pricing:catalogue',
      'cache.result': 'miss',
    });

    const calls = childrenOf(spans, reads[0]);
    expect(calls.map((span) => span.name)).toEqual(['upstream getFullPricing']);
    const [call] = calls;
    expect(call.kind).toBe(SpanKind.CLIENT);
    expect(call.attributes).toMatchObject({
      'upstream.area': 'pricing',
      'upstream.operation': 'getFullPricing',
      'upstream.attempt': 1,
      'http.request.method': 'GET',
      'http.response.status_code': 200,
      'url.path': '/account/get-full-pricing/outbound/voice',
    });
    expect(call.status.code).not.toBe(SpanStatusCode.ERROR);

    // The upstream request carried the trace on, as a child of the upstream call's span.
    expect(proxy.seen).toHaveLength(1);
    expect(proxy.seen[0].url).toContain('api_secret=');
    expect(proxy.seen[0].headers.traceparent).toBe(
      `00-${TRACE_ID}-${call.spanContext().spanId}-01`,
    );

    // Warm, the same request is the whole answer kept (nothing runs); another one reads a hit.
    exporter.reset();
    await postGraphql(gateway.url, { query: CATALOGUE }, { authorization: `Bearer ${TOKEN}` });
    const reused = await treeOf('graphql');
    expect(reused.root.spanContext().traceId).not.toBe(TRACE_ID);
    expect(reused.root.attributes['graphql.outcome']).toBe('reused');
    expect(reused.spans).toHaveLength(1);
    const other = 'query Types { pricings(types: [VOICE]) { countryCode type } }';
    await postGraphql(gateway.url, { query: other }, { authorization: `Bearer ${TOKEN}` });
    const warm = await treeOf('query Types');
    expect(warm.spans.map((span) => [span.name, span.attributes['cache.result']])).toEqual([
      ['cache read', 'hit'],
      ['query Types', undefined],
    ]);
    expect(proxy.seen).toHaveLength(1);
  });

  it('traces a single cold country (lookup, then the load under its own span) and each retry attempt', async () => {
    simulator.faults.failNext(1, {
      status: 503,
      headers: { 'x-nexmo-trace-id': 'vonage-trace-1' },
    });
    const result = await postGraphql(
      gateway.url,
      { query: 'query Country { pricing(country: "FR", type: SMS) { countryCode } }' },
      { authorization: `Bearer ${TOKEN}` },
    );
    expect(result.errors).toBeUndefined();
    const { root, spans } = await treeOf('query Country');
    const [lookup, load] = ['cache read', 'cache load'].map((name) =>
      childrenOf(spans, root).find((span) => span.name === name),
    );
    expect(lookup!.attributes).toMatchObject({
      'cache.family': 'pricing:country',
      'cache.keys': 1,
      'cache.misses': 1,
      'cache.result': 'miss',
    });
    const attempts = childrenOf(spans, load!).sort(
      (a, b) => Number(a.attributes['upstream.attempt']) - Number(b.attributes['upstream.attempt']),
    );
    expect(attempts.map((span) => span.attributes)).toEqual([
      expect.objectContaining({
        'upstream.operation': 'getCountryPricing',
        'upstream.attempt': 1,
        'http.response.status_code': 503,
        'error.type': 'unavailable',
        'upstream.trace_id': 'vonage-trace-1',
      }),
      expect.objectContaining({
        'upstream.attempt': 2,
        'http.request.resend_count': 1,
        'http.response.status_code': 200,
      }),
    ]);
    expect(attempts[0].status.code).toBe(SpanStatusCode.ERROR);
    // Each attempt sent its own span as the parent.
    expect(proxy.seen.map((seen) => seen.headers.traceparent)).toEqual(
      attempts.map((span) => `00-${span.spanContext().traceId}-${span.spanContext().spanId}-01`),
    );
  });

  it('records refusals and errors as failed operations, with their codes', async () => {
    const refused = await postGraphql(
      gateway.url,
      { query: CATALOGUE },
      { authorization: 'Bearer wrong' },
    );
    expect(refused.status).toBe(401);
    const unauthenticated = await treeOf('graphql');
    expect(unauthenticated.root.attributes).toMatchObject({
      'graphql.outcome': 'rejected',
      'graphql.error.codes': ['UNAUTHENTICATED'],
      'http.response.status_code': 401,
    });
    expect(unauthenticated.root.status.code).toBe(SpanStatusCode.ERROR);

    exporter.reset();
    const invalid = await postGraphql(
      gateway.url,
      { query: 'query Invalid { noSuchField }' },
      { authorization: `Bearer ${TOKEN}` },
    );
    expect(invalid.status).toBe(400);
    const rejected = await treeOf('graphql');
    expect(rejected.root.attributes).toMatchObject({
      'graphql.operation.name': 'Invalid',
      'graphql.outcome': 'rejected',
      'graphql.error.codes': ['GRAPHQL_VALIDATION_FAILED'],
    });

    exporter.reset();
    simulator.faults.failNext(3, { status: 500 });
    const failed = await postGraphql(
      gateway.url,
      { query: 'query Balance { account { balance { value } } }' },
      { authorization: `Bearer ${TOKEN}` },
    );
    expect(failed.errors![0].extensions!.code).toBe('UPSTREAM_UNAVAILABLE');
    const errored = await treeOf('query Balance');
    expect(errored.root.attributes).toMatchObject({
      'graphql.outcome': 'error',
      'graphql.error.codes': ['UPSTREAM_UNAVAILABLE'],
    });
    expect(errored.root.status.code).toBe(SpanStatusCode.ERROR);
    const attempts = errored.spans.filter((span) => span.name === 'upstream getBalance');
    expect(attempts.map((span) => span.attributes['upstream.attempt']).sort()).toEqual([1, 2, 3]);
  });

  it('puts no secret in any span: not the API secret (raw, encoded, in the Basic token), not the caller’s token, not a query', async () => {
    exporter.reset();
    // The upstream echoes the secret where the gateway reads a trace id.
    simulator.faults.failNext(1, {
      status: 500,
      headers: { 'x-nexmo-trace-id': `echo ${simulator.apiSecret}` },
    });
    await postGraphql(
      gateway.url,
      { query: 'query Sms { pricings(types: [SMS]) { countryCode } }' },
      { authorization: `Bearer ${TOKEN}`, traceparent: TRACEPARENT },
    );
    await treeOf('query Sms');
    // And in the trace id of an answer it accepts (an empty one: not priced).
    simulator.faults.failNext(1, {
      status: 200,
      body: '{}',
      headers: {
        'content-type': 'application/json',
        'x-nexmo-trace-id': `echo ${simulator.apiSecret}`,
      },
    });
    await postGraphql(
      gateway.url,
      { query: 'query Unpriced { pricing(country: "DE", type: SMS_TRANSIT) { countryCode } }' },
      { authorization: `Bearer ${TOKEN}` },
    );
    await treeOf('query Unpriced');
    const spans = exporter.getFinishedSpans();
    expect(spans.filter((span) => span.name.startsWith('upstream '))).toHaveLength(3);
    const text = everything(spans);
    const { apiKey, apiSecret } = simulator;
    const forbidden = [
      apiSecret,
      encodeURIComponent(apiSecret),
      Buffer.from(`${apiKey}:${apiSecret}`).toString('base64'),
      TOKEN,
      'api_secret',
      'api_key',
      '?',
    ];
    for (const value of forbidden) expect(text).not.toContain(value);
    expect(text.split('"upstream.trace_id":"echo ***"')).toHaveLength(3);
  });
});

describe('tracing configured with the OTEL_* variables', () => {
  // In a gateway process of its own: the OTLP exporter loads node:http with import(), which
  // Jest's module loader refuses.
  it('posts the spans to the OTLP/HTTP endpoint with the service name, and sends them at stop', async () => {
    const otlp = await collector();
    const child = spawnGateway({
      ...gatewayEnv({ OTEL_EXPORTER_OTLP_ENDPOINT: otlp.url, OTEL_SERVICE_NAME: 'bff-under-test' }),
      LOG_LEVEL: 'info',
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    try {
      const { url } = (await startupLine(child)) as { url: string };
      const result = await postGraphql(
        url,
        { query: CATALOGUE },
        { authorization: `Bearer ${TOKEN}`, traceparent: TRACEPARENT },
      );
      expect(result.errors).toBeUndefined();
      const sent = proxy.seen.find((seen) => seen.url.includes('get-full-pricing'));
      expect(sent!.headers.traceparent).toMatch(new RegExp(`^00-${TRACE_ID}-[0-9a-f]{16}-01$`));
      // Batched: nothing yet; stopping sends what the batch holds.
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      await new Promise((resolve) => otlp.server.close(resolve));
    }
    expect(otlp.posts.map((post) => post.path)).toContain('/v1/traces');
    const posted = otlp.posts.map((post) => post.body).join('\n');
    for (const text of [
      'query Catalogue',
      'cache read',
      'upstream getFullPricing',
      'bff-under-test',
      TRACE_ID,
    ]) {
      expect(posted).toContain(text);
    }
    expect(posted).not.toContain(simulator.apiSecret);
  });
});

describe('tracing off', () => {
  it('by default: records no span and sends no traceparent', async () => {
    const gateway = await startGateway(gatewayEnv());
    try {
      expect(gateway.app.config.tracing).toBeUndefined();
      const result = await postGraphql(
        gateway.url,
        { query: CATALOGUE },
        { authorization: `Bearer ${TOKEN}`, traceparent: TRACEPARENT },
      );
      expect(result.errors).toBeUndefined();
      expect(proxy.seen).toHaveLength(1);
      expect(proxy.seen[0].headers.traceparent).toBeUndefined();
      expect(trace.getTracer('probe').startSpan('probe').isRecording()).toBe(false);
    } finally {
      await gateway.close();
    }
  });

  it('with OTEL_SDK_DISABLED=true beside an endpoint: nothing is exported', async () => {
    const otlp = await collector();
    const gateway = await startGateway(
      gatewayEnv({ OTEL_EXPORTER_OTLP_ENDPOINT: otlp.url, OTEL_SDK_DISABLED: 'true' }),
    );
    try {
      expect(gateway.app.config.tracing).toBeUndefined();
      await postGraphql(gateway.url, { query: CATALOGUE }, { authorization: `Bearer ${TOKEN}` });
      expect(proxy.seen[0].headers.traceparent).toBeUndefined();
    } finally {
      await gateway.close();
      await new Promise((resolve) => otlp.server.close(resolve));
    }
    expect(otlp.posts).toEqual([]);
  });
});
