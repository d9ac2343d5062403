import { type ChildProcess } from 'node:child_process';
import { countersSince, pricingCalls } from '../helpers/counters';
import { type TestGateway, startGateway } from '../helpers/gateway';
import {
  type SimulatorProcess,
  spawnGateway,
  spawnSimulator,
  startupLine,
} from '../helpers/process';
import { OwnRedis, SHARED_REDIS_URL, uniqueNamespace, waitForRedis } from '../helpers/redis';
import { TWENTY_COUNTRIES } from '../helpers/countries';
import { metricValue, parsePrometheus } from '../helpers/prometheus';

const TWENTY = TWENTY_COUNTRIES;

async function post(url: string, query: string): Promise<{ data?: unknown; errors?: unknown[] }> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query }),
  });
  return (await response.json()) as { data?: unknown; errors?: unknown[] };
}

async function metric(url: string, name: string, labels = {}): Promise<number | undefined> {
  const response = await fetch(`${url}/metrics`);
  return metricValue(parsePrometheus(await response.text()), name, labels);
}

/**
 * Slots a replica took from its own schedule because Redis could not be used: 0 while they all
 * share one, else they are not what these tests measure.
 */
async function fallbacks(replicas: { url: string }[]): Promise<(number | undefined)[]> {
  return Promise.all(
    replicas.map(({ url }) =>
      metric(url, 'gateway_rate_limiter_fallbacks_total', { api: 'pricing' }),
    ),
  );
}

/** A gateway in its own process, as a replica would run. */
async function startReplica(
  env: Record<string, string>,
): Promise<{ url: string; child: ChildProcess }> {
  const child = spawnGateway(env);
  const started = await startupLine(child);
  return { url: String(started.url), child };
}

async function waitForStartupChecks(simulator: SimulatorProcess, count: number): Promise<void> {
  const balanceReads = async () => {
    const counters = await simulator.counters();
    return (
      Object.entries(counters.byRoute)
        .filter(([route]) => route.includes('balance'))
        .reduce((sum, [, n]) => sum + n, 0) - counters.rateLimited
    );
  };
  while ((await balanceReads()) < count) await new Promise((resolve) => setTimeout(resolve, 50));
}

/**
 * Three replicas of the gateway, each in its own process, on one simulator and one Redis, once
 * each has made its start-up credential check (a balance read, retried on 429: not what these
 * tests measure).
 */
async function startReplicas(
  simulator: SimulatorProcess,
  env: Record<string, string>,
): Promise<{ url: string; child: ChildProcess }[]> {
  const shared = {
    AUTH: 'none',
    VONAGE_API_KEY: simulator.apiKey,
    VONAGE_API_SECRET: simulator.apiSecret,
    VONAGE_REST_URL: simulator.url,
    REDIS_URL: SHARED_REDIS_URL,
    RATE_LIMIT_MAX_WAIT_MS: '30000',
    LOG_LEVEL: 'info',
    ...env,
  };
  const replicas = await Promise.all([0, 1, 2].map(() => startReplica(shared)));
  // Each waits for its Redis connection before it listens, however busy this machine is.
  for (const { url } of replicas) expect(await metric(url, 'gateway_redis_up')).toBe(1);
  await waitForStartupChecks(simulator, 3);
  return replicas;
}

describe('three gateway processes sharing one Redis', () => {
  // Vonage counts arrivals on servers of its own: so does this sandbox, in its own process.
  let simulator: SimulatorProcess;
  let replicas: { url: string; child: ChildProcess }[];

  beforeAll(async () => {
    simulator = await spawnSimulator({ apiKey: 'replica-key', apiSecret: 'replica-secret' });
    replicas = await startReplicas(simulator, { CACHE_NAMESPACE: uniqueNamespace('replicas') });
  }, 60_000);

  afterAll(async () => {
    for (const { child } of replicas ?? []) child.kill('SIGTERM');
    await simulator?.close();
  });

  it('never makes the upstream answer 429, and shares what any of them fetched', async () => {
    const list = `{ pricings(countries: ${JSON.stringify(TWENTY)}, types: [SMS]) { countryCode } }`;
    const singles = ['KE', 'NG', 'ZA'];
    let before = await simulator.counters();
    const results = await Promise.all(
      replicas.flatMap(({ url }, index) => [
        post(url, list),
        post(url, `{ pricing(country: "${singles[index]}", type: VOICE) { countryCode } }`),
      ]),
    );
    let seen = countersSince(before, await simulator.counters());
    expect(results.filter((result) => result.errors)).toEqual([]);
    expect(await fallbacks(replicas)).toEqual([0, 0, 0]);
    expect(seen.rateLimited).toBe(0);
    // One replica fetches the SMS catalogue while the others wait for it: 1 + 3 country calls.
    expect(pricingCalls(seen)).toBeLessThanOrEqual(4);

    before = await simulator.counters();
    const warm = await Promise.all(
      replicas.flatMap(({ url }, index) => [
        post(url, list),
        // A country another replica fetched comes from the shared cache.
        post(
          url,
          `{ pricing(country: "${singles[(index + 1) % 3]}", type: VOICE) { countryCode } }`,
        ),
      ]),
    );
    seen = countersSince(before, await simulator.counters());
    expect(warm.filter((result) => result.errors)).toEqual([]);
    expect(pricingCalls(seen)).toBe(0);
  }, 60_000);
});

describe('three gateway processes sharing one Redis, bursting round after round', () => {
  // The same promise at 10 requests/second, sandbox and gateways alike, so many rounds take
  // seconds. Every read is a miss (a 1 ms TTL, no stale answers): each query is an upstream call.
  const RATE = '10';
  const ROUNDS = 25;
  let simulator: SimulatorProcess;
  let replicas: { url: string; child: ChildProcess }[];

  beforeAll(async () => {
    simulator = await spawnSimulator(
      { apiKey: 'burst-key', apiSecret: 'burst-secret' },
      { SIMULATOR_PRICING_RATE: RATE },
    );
    replicas = await startReplicas(simulator, {
      CACHE_NAMESPACE: uniqueNamespace('bursts'),
      PRICING_RATE_PER_SECOND: RATE,
      PRICING_TTL_MS: '1',
      PRICING_STALE_WHILE_REVALIDATE_MS: '0',
      PRICING_STALE_IF_ERROR_MS: '0',
      CACHE_LOCAL_TTL_MS: '0',
    });
  }, 60_000);

  afterAll(async () => {
    for (const { child } of replicas ?? []) child.kill('SIGTERM');
    await simulator?.close();
  });

  it('never makes the upstream answer 429, every call of every round sent at once', async () => {
    const countries = ['KE', 'NG', 'ZA', 'GH', 'EG', 'MA'];
    const before = await simulator.counters();
    for (let round = 0; round < ROUNDS; round++) {
      const results = await Promise.all(
        replicas.flatMap(({ url }, index) =>
          [countries[2 * index], countries[2 * index + 1]].map((country) =>
            post(url, `{ pricing(country: "${country}", type: VOICE) { countryCode } }`),
          ),
        ),
      );
      expect(results.filter((result) => result.errors)).toEqual([]);
    }
    const seen = countersSince(before, await simulator.counters());
    expect(seen.rateLimited).toBe(0);
    expect(pricingCalls(seen)).toBe(ROUNDS * 6);
  }, 120_000);
});

describe('a gateway with REDIS_URL, at start', () => {
  it('listens once its Redis connection is up, so its first calls share the schedule', async () => {
    const gateway = await startGateway({
      REDIS_URL: SHARED_REDIS_URL,
      CACHE_NAMESPACE: uniqueNamespace('start'),
    });
    try {
      expect(gateway.app.runtime.redis!.ready()).toBe(true);
    } finally {
      await gateway.close();
    }
  });

  it('still starts, without Redis, when it cannot connect', async () => {
    const gateway = await startGateway({
      REDIS_URL: 'redis://127.0.0.1:1',
      REDIS_TIMEOUT_MS: '200',
    });
    try {
      expect(gateway.app.runtime.redis!.ready()).toBe(false);
      expect(await gateway.graphql('{ pricing(country: "GB") { countryCode } }')).toMatchObject({
        data: { pricing: { countryCode: 'GB' } },
      });
    } finally {
      await gateway.close();
    }
  });
});

describe('a gateway whose Redis stops mid-run', () => {
  let redis: OwnRedis;
  let gateway: TestGateway;

  beforeAll(async () => {
    redis = await OwnRedis.start();
    // Without the in-process layers (data and whole answers), so every read shows whether Redis
    // answered.
    gateway = await startGateway({
      REDIS_URL: redis.url,
      CACHE_NAMESPACE: uniqueNamespace('outage'),
      CACHE_LOCAL_TTL_MS: '0',
      RESPONSE_CACHE_MB: '0',
      // A write that a busy machine makes slower than the default 250 ms would be skipped (the
      // cache fails open) and the next read would call again; a stopped Redis still fails at once.
      REDIS_TIMEOUT_MS: '2000',
    });
    await waitForRedis(gateway.app.runtime.redis!);
  });

  afterAll(async () => {
    await gateway.close();
    await redis.stop();
  });

  it('keeps answering from the upstream while Redis is down, and caches again once it is back', async () => {
    const simulator = gateway.simulator!;
    const runtime = gateway.app.runtime;
    const gb = '{ pricing(country: "GB") { countryCode } }';
    expect(await post(gateway.url, gb)).toEqual({ data: { pricing: { countryCode: 'GB' } } });
    expect(await post(gateway.url, gb)).toEqual({ data: { pricing: { countryCode: 'GB' } } });
    expect(pricingCalls(simulator)).toBe(1);

    await redis.stop();
    await waitForRedis(runtime.redis!, false);
    simulator.counters.reset();
    expect(await post(gateway.url, gb)).toEqual({ data: { pricing: { countryCode: 'GB' } } });
    expect(await post(gateway.url, '{ pricing(country: "DE") { countryCode } }')).toEqual({
      data: { pricing: { countryCode: 'DE' } },
    });
    expect(pricingCalls(simulator)).toBe(2);
    expect(runtime.cache.stats.bypassed).toBeGreaterThan(0);
    expect(runtime.redis!.errors()).toBeGreaterThan(0);
    expect(simulator.counters.rateLimited).toBe(0);

    await redis.resume();
    await waitForRedis(runtime.redis!);
    // The first commands after a reconnection can be slow on a busy machine (a skipped write is a
    // miss, by design): one read and write round trip first, then the behaviour under test.
    const it = '{ pricing(country: "IT") { countryCode } }';
    for (let i = 0; i < 5 && runtime.cache.stats.bypassed > 0; i++) {
      const before = runtime.cache.stats.bypassed;
      await post(gateway.url, it);
      await post(gateway.url, it);
      if (runtime.cache.stats.bypassed === before) break;
    }
    simulator.counters.reset();
    const fr = '{ pricing(country: "FR") { countryCode } }';
    expect(await post(gateway.url, fr)).toEqual({ data: { pricing: { countryCode: 'FR' } } });
    expect(await post(gateway.url, fr)).toEqual({ data: { pricing: { countryCode: 'FR' } } });
    expect(pricingCalls(simulator)).toBe(1);
  }, 30_000);
});
