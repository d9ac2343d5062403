import { FlightLock } from '../../src/coordination/flight-lock';
import { connectRedis, type RedisConnection } from '../../src/coordination/redis';
import { silentLogger } from '../../src/base/logger';
import { SHARED_REDIS_URL, uniqueNamespace, waitForRedis } from '../helpers/redis';

// timeoutMs bounds each Redis command: generous, because on a loaded machine a reply can wait
// past the gateway's 250 ms behind a busy event loop, and a command taken for timed out lets a
// second replica call too. What these tests check does not depend on that bound.
const OPTIONS = { ttlMs: 5_000, pollMs: 20, timeoutMs: 5_000 };

describe('the flight lock across replicas', () => {
  let connections: RedisConnection[];

  async function replica(namespace: string): Promise<FlightLock> {
    const connection = connectRedis(SHARED_REDIS_URL, silentLogger, 250);
    connections.push(connection);
    await waitForRedis(connection);
    return new FlightLock(connection, namespace, OPTIONS);
  }

  beforeEach(() => {
    connections = [];
  });
  afterEach(async () => {
    await Promise.all(connections.map((connection) => connection.close()));
  });

  it('lets one replica call while the others take its result', async () => {
    const namespace = uniqueNamespace('flight');
    const locks = await Promise.all([replica(namespace), replica(namespace), replica(namespace)]);
    let shared: string | undefined;
    let calls = 0;
    const lead = async () => {
      calls++;
      await new Promise((resolve) => setTimeout(resolve, 200));
      shared = 'catalogue';
      return shared;
    };
    const results = await Promise.all(
      locks.map((lock) => lock.run('pricing:catalogue:SMS', lead, async () => shared)),
    );
    expect(results).toEqual(['catalogue', 'catalogue', 'catalogue']);
    expect(calls).toBe(1);
    expect(locks.reduce((sum, lock) => sum + lock.followed, 0)).toBe(2);
  });

  it('makes the call itself when the leader fails', async () => {
    const namespace = uniqueNamespace('flight-fail');
    const [a, b] = await Promise.all([replica(namespace), replica(namespace)]);
    let calls = 0;
    const failing = async (): Promise<string> => {
      calls++;
      await new Promise((resolve) => setTimeout(resolve, 100));
      throw new Error('upstream down');
    };
    const [first, second] = await Promise.allSettled([
      a.run('k', failing, async () => undefined),
      b.run(
        'k',
        async () => 'from b',
        async () => undefined,
      ),
    ]);
    expect(first.status).toBe('rejected');
    expect(second).toEqual({ status: 'fulfilled', value: 'from b' });
    expect(calls).toBe(1);
  });

  it('never blocks a call while Redis is unreachable', async () => {
    const connection = connectRedis('redis://127.0.0.1:1', silentLogger, 100);
    connections.push(connection);
    const lock = new FlightLock(connection, 'n', OPTIONS);
    await expect(
      lock.run(
        'k',
        async () => 'called',
        async () => undefined,
      ),
    ).resolves.toBe('called');
  });
});
