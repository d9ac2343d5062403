import { LocalRateLimiter, type Slot, settledSpacingMs } from '../../src/coordination/rate-limiter';
import { SharedRateLimiter } from '../../src/coordination/rate-limiter.redis';
import { connectRedis, type RedisConnection } from '../../src/coordination/redis';
import { silentLogger } from '../../src/base/logger';
import { SpacingLimiter } from '../../src/simulator/limiter';
import { OwnRedis, SHARED_REDIS_URL, uniqueNamespace, waitForRedis } from '../helpers/redis';

// Vonage counts arrivals: the sandbox's own rule is the judge of what the upstream would refuse.
const arrivals = (perSecond: number) => new SpacingLimiter(() => perSecond);

/** Resolves `acquire` on the fake clock: the limiter's timers fire as the clock moves. */
async function startOnFakeClock(limiter: LocalRateLimiter): Promise<{ slot: Slot; at: number }> {
  let started: { slot: Slot; at: number } | undefined;
  const pending = limiter.acquire().then((slot) => (started = { slot, at: Date.now() }));
  for (let i = 0; i < 10_000 && !started; i++) {
    // Lets a start that needs no timer resolve before the clock moves on.
    await jest.advanceTimersByTimeAsync(0);
    if (!started) await jest.advanceTimersByTimeAsync(1);
  }
  await pending;
  return started!;
}

describe('the local rate limiter, on a fake clock', () => {
  beforeEach(() => jest.useFakeTimers({ now: 1_000_000 }));
  afterEach(() => jest.useRealTimers());

  it('starts the next request one second after the previous answer began, so a request received late still arrives a second before the next', async () => {
    const limiter = new LocalRateLimiter({ perSecond: 1, maxWaitMs: 5_000 });
    const upstream = arrivals(1);
    // The interleaving that drew a 429: the first request leaves at once, but the upstream
    // (its queue, the network) stamps it 133 ms later and answers; the next leaves within ms.
    const first = await startOnFakeClock(limiter);
    first.slot.sent();
    await jest.advanceTimersByTimeAsync(133);
    expect(upstream.tryTake(Date.now())).toBe(true);
    first.slot.settled();

    const second = await startOnFakeClock(limiter);
    second.slot.sent();
    expect(upstream.tryTake(second.at + 2)).toBe(true);
    expect(second.at - first.at).toBeGreaterThanOrEqual(133 + settledSpacingMs(1));
  });

  it('waits for the answer of a request still outstanding, and starts as soon as it comes', async () => {
    const limiter = new LocalRateLimiter({ perSecond: 10, maxWaitMs: 5_000 });
    const first = await startOnFakeClock(limiter);
    first.slot.sent();
    // Its answer begins 400 ms later, well after the 110 ms interval.
    setTimeout(() => first.slot.settled(), 400);
    const second = await startOnFakeClock(limiter);
    expect(second.at - first.at).toBe(400 + settledSpacingMs(10));
  });

  it('spaces a fast area (30 a second) by its sends alone, never waiting for an answer', async () => {
    const limiter = new LocalRateLimiter({ perSecond: 30, maxWaitMs: 5_000 });
    const first = await startOnFakeClock(limiter);
    first.slot.sent();
    // Its answer takes 150 ms, far longer than the 37 ms interval.
    setTimeout(() => first.slot.settled(), 150);
    const second = await startOnFakeClock(limiter);
    expect(second.at - first.at).toBe(limiter.interval);
  });

  it('starts anyway when no answer comes within the settle wait', async () => {
    const limiter = new LocalRateLimiter({ perSecond: 10, maxWaitMs: 5_000 });
    const first = await startOnFakeClock(limiter);
    first.slot.sent();
    const second = await startOnFakeClock(limiter);
    expect(second.at - first.at).toBe(limiter.settleWait);
  });

  it('ignores the settling of an older request once a newer one has started', async () => {
    const limiter = new LocalRateLimiter({ perSecond: 10, maxWaitMs: 5_000 });
    const old = await startOnFakeClock(limiter);
    const newer = await startOnFakeClock(limiter);
    old.slot.settled();
    const third = await startOnFakeClock(limiter);
    // The newer request never answered: the third waited for it, not for the old one.
    expect(third.at - newer.at).toBe(limiter.settleWait);
  });
});

describe('the shared rate limiter, spacing arrivals across replicas', () => {
  let connections: RedisConnection[] = [];
  afterEach(async () => {
    await Promise.all(connections.map((connection) => connection.close()));
    connections = [];
  });

  async function replica(url: string, key: string, timeoutMs = 250) {
    const connection = connectRedis(url, silentLogger, timeoutMs);
    connections.push(connection);
    await waitForRedis(connection);
    const options = { perSecond: 5, maxWaitMs: 10_000, timeoutMs };
    return { connection, limiter: new SharedRateLimiter(connection, key, options) };
  }

  it("starts another replica's request one spacing after an answer that came late", async () => {
    const key = `${uniqueNamespace('settled')}:ratelimit:pricing`;
    const [{ limiter: a }, { limiter: b }] = await Promise.all([
      replica(SHARED_REDIS_URL, key),
      replica(SHARED_REDIS_URL, key),
    ]);
    const slot = await a.acquire();
    slot.sent();
    // The upstream answers 150 ms later: the request may have arrived only then.
    await new Promise((resolve) => setTimeout(resolve, 150));
    const settledAt = Date.now();
    slot.settled();
    (await b.acquire()).settled();
    // Redis's clock and this one are the machine's; TIME is truncated to the millisecond.
    expect(Date.now() - settledAt).toBeGreaterThanOrEqual(settledSpacingMs(5) - 1);
    expect(a.fallbacks + b.fallbacks).toBe(0);
  });

  it('starts its local schedule after the last shared slot when Redis goes away mid-queue', async () => {
    const redis = await OwnRedis.start();
    try {
      const { connection, limiter } = await replica(redis.url, 'mid-queue:ratelimit:pricing');
      type Reservation = { wait: number; start: number; shared: boolean };
      const reserve = (limiter as unknown as { reserve(): Promise<Reservation> }).reserve.bind(
        limiter,
      );
      // Three slots handed out by Redis, the last two intervals from now.
      const queued = [await reserve(), await reserve(), await reserve()];
      expect(queued.map((slot) => slot.shared)).toEqual([true, true, true]);
      await redis.stop();
      await waitForRedis(connection, false);
      const local = await reserve();
      expect(local.shared).toBe(false);
      // Redis's clock and the local one are the machine's, read to the millisecond.
      const interval = queued[1].start - queued[0].start;
      expect(local.start).toBeGreaterThanOrEqual(queued[2].start + interval - 1);
    } finally {
      await redis.stop();
    }
  });
});
