import {
  LocalRateLimiter,
  SlotUnavailableError,
  intervalMs,
} from '../../src/coordination/rate-limiter';
import { SharedRateLimiter } from '../../src/coordination/rate-limiter.redis';
import { connectRedis, type RedisConnection } from '../../src/coordination/redis';
import { silentLogger } from '../../src/base/logger';
import { SHARED_REDIS_URL, uniqueNamespace, waitForRedis } from '../helpers/redis';

const ONE_PER_SECOND = { perSecond: 1, maxWaitMs: 5_000 };

describe('the local rate limiter', () => {
  beforeEach(() => jest.useFakeTimers({ now: 1_000_000 }));
  afterEach(() => jest.useRealTimers());

  it('spaces request starts one interval apart, with a 10% safety margin by default', () => {
    const limiter = new LocalRateLimiter(ONE_PER_SECOND);
    expect(intervalMs(1)).toBe(1100);
    expect([limiter.reserve(), limiter.reserve(), limiter.reserve()]).toEqual([0, 1100, 2200]);
  });

  it('takes the margin from its options (RATE_LIMIT_MARGIN_PERCENT)', () => {
    expect(new LocalRateLimiter({ ...ONE_PER_SECOND, marginPercent: 0 }).interval).toBe(1000);
    expect(new LocalRateLimiter({ ...ONE_PER_SECOND, marginPercent: 25 }).interval).toBe(1250);
    expect(intervalMs(30, 10)).toBe(37);
  });

  it('refuses a slot further away than the wait limit, saying when to retry', () => {
    const limiter = new LocalRateLimiter({ perSecond: 1, maxWaitMs: 1_500 });
    limiter.reserve();
    limiter.reserve();
    expect(() => limiter.reserve()).toThrow(SlotUnavailableError);
    try {
      limiter.reserve();
    } catch (error) {
      expect((error as SlotUnavailableError).retryAfterMs).toBe(2200);
    }
  });

  it('takes back the slot of a waiter whose request gave up', async () => {
    const limiter = new LocalRateLimiter(ONE_PER_SECOND);
    await limiter.acquire();
    const controller = new AbortController();
    const abandoned = limiter.acquire(controller.signal);
    controller.abort();
    await expect(abandoned).rejects.toThrow();
    // Without the release the next caller would queue two intervals away, behind the empty slot.
    expect(limiter.reserve()).toBeLessThanOrEqual(limiter.interval);
  });

  it('pushes the next slot back after an upstream 429', async () => {
    const limiter = new LocalRateLimiter(ONE_PER_SECOND);
    await limiter.penalize(3_000);
    expect(limiter.reserve()).toBe(3_000);
  });
});

describe('the shared rate limiter on Redis', () => {
  let connections: RedisConnection[];
  beforeEach(() => {
    connections = [];
  });
  afterEach(async () => {
    await Promise.all(connections.map((connection) => connection.close()));
  });

  async function replica(key: string, maxWaitMs = 10_000): Promise<SharedRateLimiter> {
    const connection = connectRedis(SHARED_REDIS_URL, silentLogger, 250);
    connections.push(connection);
    await waitForRedis(connection);
    return new SharedRateLimiter(connection, key, { perSecond: 1, maxWaitMs, timeoutMs: 250 });
  }

  it('gives three replicas one schedule: their slots are an interval apart', async () => {
    const key = `${uniqueNamespace('limiter')}:ratelimit:pricing`;
    const [a, b, c] = await Promise.all([replica(key), replica(key), replica(key)]);
    const started = Date.now();
    const starts: number[] = [];
    await Promise.all(
      [a, b, c, a, b, c].map(async (limiter) => {
        (await limiter.acquire()).settled();
        starts.push(Date.now() - started);
      }),
    );
    starts.sort((x, y) => x - y);
    for (let i = 1; i < starts.length; i++) {
      // Timers may fire a little late, never early: consecutive starts are at least ~1 s apart.
      expect(starts[i] - starts[i - 1]).toBeGreaterThanOrEqual(1000);
    }
    expect(a.fallbacks + b.fallbacks + c.fallbacks).toBe(0);
  }, 20_000);

  it('refuses across replicas when the shared schedule is full', async () => {
    const key = `${uniqueNamespace('limiter-full')}:ratelimit:pricing`;
    const [a, b] = await Promise.all([replica(key, 500), replica(key, 500)]);
    await a.acquire();
    await expect(b.acquire()).rejects.toBeInstanceOf(SlotUnavailableError);
  });

  it("takes back the slot of a replica's waiter whose request gave up", async () => {
    const key = `${uniqueNamespace('limiter-release')}:ratelimit:pricing`;
    const [a, b] = await Promise.all([replica(key), replica(key)]);
    await a.acquire();
    const controller = new AbortController();
    const abandoned = a.acquire(controller.signal);
    await new Promise((resolve) => setTimeout(resolve, 50));
    controller.abort();
    await expect(abandoned).rejects.toThrow();
    // The wait Redis grants b next, by Redis's clock: without the release it would be two
    // intervals after a's first start, behind the empty slot.
    const reserve = (b as unknown as { reserve(): Promise<{ wait: number }> }).reserve.bind(b);
    expect((await reserve()).wait).toBeLessThanOrEqual(intervalMs(1));
  });

  it('falls back to a local schedule while Redis is unreachable', async () => {
    const connection = connectRedis('redis://127.0.0.1:1', silentLogger, 100);
    connections.push(connection);
    const limiter = new SharedRateLimiter(connection, 'k', { ...ONE_PER_SECOND, timeoutMs: 100 });
    await limiter.acquire();
    expect(limiter.fallbacks).toBe(1);
  });
});

describe('the start gate', () => {
  it('holds a caller woken late by a busy event loop until an interval after the previous real start', async () => {
    const limiter = new LocalRateLimiter({ perSecond: 10, maxWaitMs: 5_000 });
    // The start times the limiter itself recorded, not when this test's code ran afterwards:
    // a busy machine delays the test's reads, not the gate's decision.
    const lastStart = () => (limiter as unknown as { lastStart: number }).lastStart;
    const starts: number[] = [];
    // First slot now, second 105 ms later; the first caller is delayed 80 ms before its gate.
    const first = (async () => {
      limiter.reserve();
      await new Promise((resolve) => setTimeout(resolve, 80));
      (await limiter.gate()).settled();
      starts.push(lastStart());
    })();
    const second = (async () => {
      (await limiter.acquire()).settled();
      starts.push(lastStart());
    })();
    await Promise.all([first, second]);
    expect(starts[1] - starts[0]).toBeGreaterThanOrEqual(intervalMs(10));
  });
});

describe('the real start, recorded once the request is sent', () => {
  it('spaces the next local start from a send that came late', async () => {
    const limiter = new LocalRateLimiter({ perSecond: 5, maxWaitMs: 5_000 });
    const slot = await limiter.acquire();
    // The slot's holder is held back 150 ms before its request leaves, answered at once.
    await new Promise((resolve) => setTimeout(resolve, 150));
    const sentAt = Date.now();
    slot.sent();
    slot.settled();
    await limiter.acquire();
    expect(Date.now() - sentAt).toBeGreaterThanOrEqual(limiter.interval);
  });

  it("spaces another replica's start from a send that came late", async () => {
    const key = `${uniqueNamespace('sent')}:ratelimit:pricing`;
    const connections = [0, 1].map(() => connectRedis(SHARED_REDIS_URL, silentLogger, 250));
    try {
      await Promise.all(connections.map((connection) => waitForRedis(connection)));
      const options = { perSecond: 5, maxWaitMs: 5_000, timeoutMs: 250 };
      const [a, b] = connections.map(
        (connection) => new SharedRateLimiter(connection, key, options),
      );
      const slot = await a.acquire();
      // Replica a reads its slot's reply 150 ms late (a busy event loop) and only then sends.
      await new Promise((resolve) => setTimeout(resolve, 150));
      const sentAt = Date.now();
      slot.sent();
      slot.settled();
      await b.acquire();
      // Redis's clock and this one are the machine's; TIME is truncated to the millisecond.
      expect(Date.now() - sentAt).toBeGreaterThanOrEqual(intervalMs(5) - 1);
      expect(a.fallbacks + b.fallbacks).toBe(0);
    } finally {
      await Promise.all(connections.map((connection) => connection.close()));
    }
  });
});

describe('an upstream 429 with the shared rate limiter', () => {
  it('pushes the shared schedule back for every replica', async () => {
    const key = `${uniqueNamespace('penalty')}:ratelimit:pricing`;
    const connections = [0, 1].map(() => connectRedis(SHARED_REDIS_URL, silentLogger, 250));
    try {
      await Promise.all(connections.map((connection) => waitForRedis(connection)));
      const options = { perSecond: 10, maxWaitMs: 5_000, timeoutMs: 250 };
      const [a, b] = connections.map(
        (connection) => new SharedRateLimiter(connection, key, options),
      );
      await a.acquire();
      await a.penalize(600);
      const started = Date.now();
      await b.acquire();
      expect(Date.now() - started).toBeGreaterThanOrEqual(500);
    } finally {
      await Promise.all(connections.map((connection) => connection.close()));
    }
  });
});
