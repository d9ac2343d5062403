import { createClient } from '@keyv/redis';
import { silentLogger } from '../../src/base/logger';
import { connectRedis, type RedisConnection } from '../../src/coordination/redis';
import { CacheStore } from '../../src/cache/store';
import { OwnRedis, SHARED_REDIS_URL, uniqueNamespace, waitForRedis } from '../helpers/redis';

// Redis answers these in well under a millisecond; the gateway's 250 ms bound is for a Redis that
// hangs, which no test here plays. On a loaded machine a reply can sit behind a busy event loop
// past 250 ms and count as a miss, so the tests give each command a bound no healthy one reaches.
const TIMEOUT_MS = 5_000;

async function ready(connection: RedisConnection): Promise<void> {
  await waitForRedis(connection);
  expect(connection.ready()).toBe(true);
}

describe('the shared cache on Redis', () => {
  let connection: RedisConnection;
  beforeEach(() => {
    connection = connectRedis(SHARED_REDIS_URL, silentLogger, TIMEOUT_MS);
  });
  afterEach(() => connection.close());

  it('stores values in Redis under its namespace, with the TTL as a native Redis expiry', async () => {
    await ready(connection);
    const namespace = uniqueNamespace('store');
    const store = new CacheStore(namespace, connection, TIMEOUT_MS);
    await store.set(
      'pricing:country:sms:GB',
      { storedAt: 1, value: { countryCode: 'GB' } },
      60_000,
    );

    const raw = createClient({ url: SHARED_REDIS_URL });
    await raw.connect();
    try {
      const keys = await raw.keys(`${namespace}*`);
      expect(keys).toHaveLength(1);
      const ttl = await raw.pTTL(keys[0]);
      expect(ttl).toBeGreaterThan(50_000);
      expect(ttl).toBeLessThanOrEqual(60_000);
      expect(await raw.get(keys[0])).toContain('"countryCode":"GB"');
      expect(await store.get('pricing:country:sms:GB')).toEqual({
        storedAt: 1,
        value: { countryCode: 'GB' },
      });
    } finally {
      await raw.del(await raw.keys(`${namespace}*`));
      await raw.close();
    }
  });

  it('shares values between two stores (two replicas) on the same namespace', async () => {
    await ready(connection);
    const namespace = uniqueNamespace('replicas');
    const other = connectRedis(SHARED_REDIS_URL, silentLogger, TIMEOUT_MS);
    try {
      await ready(other);
      await new CacheStore(namespace, connection, TIMEOUT_MS).set('k', { v: 1 }, 10_000);
      expect(await new CacheStore(namespace, other, TIMEOUT_MS).get('k')).toEqual({ v: 1 });
    } finally {
      await other.close();
    }
  });
});

describe('the in-process layer in front of Redis', () => {
  it('keeps what a replica read for localTtlMs, so hot keys skip Redis', async () => {
    const connection = connectRedis(SHARED_REDIS_URL, silentLogger, TIMEOUT_MS);
    const raw = createClient({ url: SHARED_REDIS_URL });
    await raw.connect();
    try {
      await ready(connection);
      const namespace = uniqueNamespace('local');
      await new CacheStore(namespace, connection, TIMEOUT_MS, 0).set('k', { v: 1 }, 60_000);
      const replica = new CacheStore(namespace, connection, TIMEOUT_MS, 60_000);
      expect(await replica.get('k')).toEqual({ v: 1 });
      await raw.del(await raw.keys(`${namespace}*`));
      expect(await replica.get('k')).toEqual({ v: 1 });
      expect(await new CacheStore(namespace, connection, TIMEOUT_MS, 0).get('k')).toBeUndefined();
    } finally {
      await raw.close();
      await connection.close();
    }
  });

  it('keeps objects in memory as they are, without serialising them', async () => {
    const store = new CacheStore(uniqueNamespace('memory'), undefined, 250);
    const value = { v: 1 };
    await store.set('k', value, 60_000);
    expect(await store.get('k')).toBe(value);
  });
});

describe('the shared cache when Redis goes away', () => {
  it('misses at once while Redis is down, and works again when it is back', async () => {
    const redis = await OwnRedis.start();
    const connection = connectRedis(redis.url, silentLogger, TIMEOUT_MS);
    try {
      await ready(connection);
      const store = new CacheStore(uniqueNamespace('outage'), connection, TIMEOUT_MS, 0);
      await store.set('k', { v: 1 }, 60_000);
      expect(await store.get('k')).toEqual({ v: 1 });

      await redis.stop();
      await waitForRedis(connection, false);
      expect(await store.get('k')).toBeUndefined();
      await expect(store.set('k', { v: 2 }, 60_000)).resolves.toBeUndefined();
      expect(store.stats.bypassed).toBeGreaterThanOrEqual(2);
      expect(connection.errors()).toBeGreaterThan(0);

      await redis.resume();
      await ready(connection);
      await store.set('k', { v: 3 }, 60_000);
      expect(await store.get('k')).toEqual({ v: 3 });
    } finally {
      await connection.close();
      await redis.stop();
    }
  });
});

describe('the in-memory cache is bounded', () => {
  it('drops the least recently used entries past its size, so chosen or retired keys cannot fill memory', async () => {
    const store = new CacheStore('bounded', undefined, 250, 5_000, 2_000);
    await store.set('kept', { v: 'x'.repeat(100) }, 60_000);
    for (let i = 0; i < 50; i++) {
      await store.get('kept');
      await store.set(`filler-${i}`, { v: 'y'.repeat(100) }, 60_000);
    }
    expect(await store.get('kept')).toBeDefined();
    expect(await store.get('filler-0')).toBeUndefined();
    expect(await store.get('filler-49')).toBeDefined();
  });
});
