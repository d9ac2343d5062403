import { connectRedis, type RedisConnection } from '../../src/coordination/redis';
import { silentLogger } from '../../src/base/logger';
import { SHARED_REDIS_URL, waitForRedis } from '../helpers/redis';

/** Keeps the event loop busy, as a large decode or a CPU-starved process does. */
function block(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until);
}

describe('Redis commands under a busy event loop', () => {
  let connection: RedisConnection;

  beforeAll(async () => {
    connection = connectRedis(SHARED_REDIS_URL, silentLogger, 250);
    await waitForRedis(connection);
  });
  afterAll(() => connection.close());

  it('takes a reply that arrived during a stall longer than the timeout, not the timeout', async () => {
    for (let round = 0; round < 5; round++) {
      const outcome = connection.run(() => connection.client.ping(), 50);
      // The command leaves; its reply arrives while this process is stalled past the 50 ms.
      block(300);
      await expect(outcome).resolves.toEqual({ ok: true, value: 'PONG' });
    }
  });

  it('still times out a command whose reply does not come', async () => {
    const outcome = await connection.run(() => new Promise<never>(() => undefined), 50);
    expect(outcome).toEqual({ ok: false, reason: 'timeout' });
  });

  it('times out a command with no reply after a stall too, one timeout later', async () => {
    const outcome = connection.run(() => new Promise<never>(() => undefined), 50);
    block(300);
    await expect(outcome).resolves.toEqual({ ok: false, reason: 'timeout' });
  });
});

describe('connecting to Redis at start-up under a busy event loop', () => {
  it('waits for a Redis that is there when this process was stalled past the connect wait', async () => {
    // The minimum wait is 2 s; the process loads its code (here: spins) for longer than that.
    const connection = connectRedis(SHARED_REDIS_URL, silentLogger, 250);
    try {
      block(3_500);
      await connection.connected;
      expect(connection.ready()).toBe(true);
    } finally {
      await connection.close();
    }
  });

  it('still starts without a Redis that does not answer, once the wait has passed', async () => {
    // A port nothing listens on: refused, reconnecting in the background.
    const connection = connectRedis('redis://127.0.0.1:1', silentLogger, 250);
    try {
      await connection.connected;
      expect(connection.ready()).toBe(false);
    } finally {
      await connection.close();
    }
  });
});
