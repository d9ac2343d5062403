import {
  IdempotencyInProgressError,
  IdempotencyKeyReusedError,
  IdempotencyStore,
  IdempotencyUnavailableError,
  memoryBackend,
  redisBackend,
} from '../../src/cache/idempotency';
import { type RedisConnection, connectRedis } from '../../src/cache/redis';
import { silentLogger } from '../../src/logger';
import { SHARED_REDIS_URL, uniqueNamespace, waitForRedis } from '../helpers/redis';

const OPTIONS = { ttlMs: 60_000, waitMs: 2_000, pollMs: 5 };

let connection: RedisConnection;

beforeAll(async () => {
  connection = connectRedis(SHARED_REDIS_URL, silentLogger, 1_000);
  await waitForRedis(connection);
});

afterAll(() => connection.close());

const backends = {
  memory: () => memoryBackend(),
  redis: () => redisBackend(connection, uniqueNamespace('idem'), 1_000),
};

describe.each(Object.entries(backends))('idempotency store over %s', (_name, backend) => {
  let store: IdempotencyStore;
  beforeEach(() => {
    store = new IdempotencyStore(backend(), OPTIONS);
  });

  it('runs once for concurrent calls with one key and gives each the first result', async () => {
    let runs = 0;
    const execute = async () => {
      runs++;
      await new Promise((resolve) => setTimeout(resolve, 30));
      return { ok: runs };
    };
    const results = await Promise.all(
      Array.from({ length: 20 }, () => store.run('buy', 'k', { a: 1 }, execute)),
    );
    expect(runs).toBe(1);
    expect(results).toEqual(Array(20).fill({ ok: 1 }));
  });

  it('treats arguments with keys in another order as the same, and other arguments as reuse', async () => {
    await store.run('buy', 'k', { a: 1, b: 2 }, async () => 'first');
    await expect(store.run('buy', 'k', { b: 2, a: 1 }, async () => 'second')).resolves.toBe(
      'first',
    );
    await expect(store.run('buy', 'k', { a: 2, b: 2 }, async () => 'x')).rejects.toBeInstanceOf(
      IdempotencyKeyReusedError,
    );
  });

  it('keeps scopes apart: the same key on another operation runs', async () => {
    await store.run('buy', 'k', {}, async () => 'buy');
    await expect(store.run('cancel', 'k', {}, async () => 'cancel')).resolves.toBe('cancel');
  });

  it('releases the key when the call throws, so a retry runs', async () => {
    await expect(
      store.run('buy', 'k', {}, async () => {
        throw new Error('not sent');
      }),
    ).rejects.toThrow('not sent');
    await expect(store.run('buy', 'k', {}, async () => 'retried')).resolves.toBe('retried');
  });

  it('tells a duplicate that waited too long that the first call is still in progress', async () => {
    const quick = new IdempotencyStore(backend(), { ...OPTIONS, waitMs: 20 });
    let release!: () => void;
    const first = quick.run(
      'buy',
      'k',
      {},
      () => new Promise<string>((r) => (release = () => r('done'))),
    );
    await new Promise((resolve) => setTimeout(resolve, 5));
    await expect(quick.run('buy', 'k', {}, async () => 'dup')).rejects.toBeInstanceOf(
      IdempotencyInProgressError,
    );
    release();
    await expect(first).resolves.toBe('done');
  });
});

describe('idempotency store in memory', () => {
  it('refuses new keys once full, rather than let memory grow, and keeps answering old ones', async () => {
    const store = new IdempotencyStore(memoryBackend(2), OPTIONS);
    await store.run('buy', 'a', {}, async () => 'a');
    await store.run('buy', 'b', {}, async () => 'b');
    await expect(store.run('buy', 'c', {}, async () => 'c')).rejects.toBeInstanceOf(
      IdempotencyUnavailableError,
    );
    await expect(store.run('buy', 'a', {}, async () => 'again')).resolves.toBe('a');
  });
});
