import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { type RedisConnection } from './redis';

export interface FlightLockOptions {
  /** How long a leader may hold the lock: its upstream call, rate-limit wait included. */
  ttlMs: number;
  /** How often a follower looks for the leader's result. */
  pollMs: number;
  /** Redis commands slower than this count as failed. */
  timeoutMs: number;
}

// Deletes the lock only if it is still ours (it may have expired and been taken by another).
const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`;

/**
 * Single-flight across replicas: of the replicas that miss the shared cache for the same key at
 * the same time, one (the leader) calls the upstream; the others wait for its result to appear in
 * the cache instead of spending the rate limit on the same call. If the leader fails, or Redis
 * does not answer, a follower makes the call itself: the lock saves calls, it never blocks one.
 */
export class FlightLock {
  /** Calls this replica did not send because another replica's result arrived. */
  followed = 0;

  constructor(
    private readonly redis: RedisConnection,
    private readonly namespace: string,
    private readonly options: FlightLockOptions,
  ) {}

  async run<T>(
    key: string,
    lead: () => Promise<T>,
    follow: () => Promise<T | undefined>,
  ): Promise<T> {
    const lockKey = `${this.namespace}:flight:${key}`;
    const token = randomUUID();
    const acquired = await this.command(() =>
      this.redis.client.set(lockKey, token, { NX: true, PX: this.options.ttlMs }),
    );
    if (acquired === 'OK' || acquired === undefined) {
      try {
        return await lead();
      } finally {
        if (acquired === 'OK') {
          await this.command(() =>
            this.redis.client.eval(RELEASE, { keys: [lockKey], arguments: [token] }),
          );
        }
      }
    }
    const deadline = Date.now() + this.options.ttlMs;
    while (Date.now() < deadline) {
      await sleep(this.options.pollMs);
      const result = await follow();
      if (result !== undefined) {
        this.followed++;
        return result;
      }
      const held = await this.command(() => this.redis.client.exists(lockKey));
      if (held !== 1) break;
    }
    const late = await follow();
    if (late !== undefined) {
      this.followed++;
      return late;
    }
    return lead();
  }

  /** A Redis command, or undefined when Redis is down or too slow. */
  private async command<T>(operation: () => Promise<T>): Promise<T | undefined> {
    const outcome = await this.redis.run(operation, this.options.timeoutMs);
    return outcome.ok ? outcome.value : undefined;
  }
}
