import { type TestGateway, startGateway } from '../helpers/gateway';
import {
  type MetricFamily,
  metricFamily as family,
  metricValue as value,
  parsePrometheus,
} from '../helpers/prometheus';

async function scrape(gateway: TestGateway): Promise<Map<string, MetricFamily>> {
  const response = await fetch(`${gateway.url}/metrics`);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  return parsePrometheus(await response.text());
}

describe('/metrics', () => {
  let gateway: TestGateway;

  beforeAll(async () => {
    // Each balance read is an upstream call here (no second-long freshness), so counts are exact;
    // the second price query reads the data cache, not a kept whole answer.
    gateway = await startGateway({ BALANCE_TTL_MS: '0', RESPONSE_CACHE_MB: '0' });
  });

  afterAll(() => gateway.close());

  it('parses as Prometheus text with histograms of operations and upstream calls', async () => {
    await gateway.graphql('query Balance { account { balance { value } } }');
    await gateway.graphql('query Balance { account { balance { value } } }');
    await gateway.graphql('query Broken { nope }');
    await gateway.graphql('{ pricing(country: "GB", type: SMS) { minPrice } }');
    await gateway.graphql('{ pricing(country: "GB", type: SMS) { minPrice } }');
    const metrics = await scrape(gateway);

    const operations = family(metrics, 'gateway_graphql_operation_duration_seconds');
    expect(operations.type).toBe('histogram');
    const ok = { operation: 'Balance', outcome: 'success' };
    expect(value(metrics, 'gateway_graphql_operation_duration_seconds_count', ok)).toBe(2);
    expect(
      value(metrics, 'gateway_graphql_operation_duration_seconds_bucket', { ...ok, le: '+Inf' }),
    ).toBe(2);
    expect(
      value(metrics, 'gateway_graphql_operation_duration_seconds_count', {
        operation: 'Broken',
        outcome: 'rejected',
      }),
    ).toBe(1);
    expect(
      value(metrics, 'gateway_graphql_operation_duration_seconds_count', {
        operation: 'anonymous',
        outcome: 'success',
      }),
    ).toBe(2);

    expect(family(metrics, 'gateway_upstream_request_duration_seconds').type).toBe('histogram');
    expect(
      value(metrics, 'gateway_upstream_request_duration_seconds_count', {
        operation: 'getBalance',
        status: '200',
      }),
    ).toBe(2);
    expect(
      value(metrics, 'gateway_upstream_request_duration_seconds_sum', {
        operation: 'getBalance',
        status: '200',
      }),
    ).toBeGreaterThan(0);

    expect(value(metrics, 'gateway_upstream_requests_total', { api: 'account' })).toBe(2);
    expect(value(metrics, 'gateway_upstream_rate_limited_total')).toBe(0);
    // The second pricing read is a hit: hits / (hits + misses) as read from the same counters.
    const hits = value(metrics, 'gateway_cache_reads_total', { result: 'hit' })!;
    const misses = value(metrics, 'gateway_cache_reads_total', { result: 'miss' })!;
    expect(hits).toBeGreaterThan(0);
    expect(value(metrics, 'gateway_cache_hit_ratio')).toBeCloseTo(hits / (hits + misses), 10);
  });

  it('carries the default process metrics: RSS, heap and event-loop lag', async () => {
    const metrics = await scrape(gateway);
    expect(value(metrics, 'process_resident_memory_bytes')).toBeGreaterThan(10 * 1024 * 1024);
    expect(value(metrics, 'nodejs_heap_size_used_bytes')).toBeGreaterThan(0);
    expect(family(metrics, 'nodejs_eventloop_lag_seconds').type).toBe('gauge');
    expect(family(metrics, 'nodejs_eventloop_lag_p99_seconds').samples).toHaveLength(1);
  });

  it('never exposes the upstream secret', async () => {
    const text = await (await fetch(`${gateway.url}/metrics`)).text();
    expect(text).not.toContain(gateway.app.config.upstream.apiSecret);
  });
});

describe('the Prometheus parser used above', () => {
  it('rejects unescaped label values and samples outside their family', () => {
    expect(() => parsePrometheus('# TYPE a counter\na{x="a"b"} 1\n')).toThrow();
    expect(() => parsePrometheus('# TYPE a counter\nb 1\n')).toThrow(/outside its family/);
    expect(parsePrometheus('# TYPE a counter\na{x="q\\"\\\\\\n"} 1\n').get('a')!.samples).toEqual([
      { name: 'a', labels: { x: 'q"\\\n' }, value: 1 },
    ]);
  });
});

describe('/metrics with Redis configured but unreachable', () => {
  it('exports the rate limiter fallbacks and Redis health', async () => {
    const gateway = await startGateway({
      REDIS_URL: 'redis://127.0.0.1:1',
      REDIS_TIMEOUT_MS: '50',
    });
    try {
      await gateway.graphql('{ account { balance { value } } }');
      const metrics = await scrape(gateway);
      expect(value(metrics, 'gateway_rate_limiter_fallbacks_total', { api: 'account' })).toBe(1);
      expect(value(metrics, 'gateway_redis_up')).toBe(0);
    } finally {
      await gateway.close();
    }
  });
});
