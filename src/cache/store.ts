import KeyvRedis from '@keyv/redis';
import { Keyv } from 'keyv';
import { type RedisConnection } from './redis';

export interface CacheStats {
  hits: number;
  misses: number;
  /** Reads and writes skipped or failed because Redis was down or slow. */
  bypassed: number;
}

/**
 * The shared cache: Keyv over in-process memory, or over Redis so that every replica shares
 * it. It fails open: when Redis is down or slower than `timeoutMs`, a read is a miss and a write
 * is dropped, so requests go to the upstream (through the rate limiter) instead of failing.
 */
export class CacheStore {
  readonly stats: CacheStats = { hits: 0, misses: 0, bypassed: 0 };
  private readonly keyv: Keyv;

  constructor(
    namespace: string,
    private readonly redis: RedisConnection | undefined,
    private readonly timeoutMs: number,
  ) {
    if (redis) {
      const adapter = new KeyvRedis(redis.client, { namespace, throwOnConnectError: false });
      this.keyv = new Keyv(adapter, { namespace, useKeyPrefix: false });
    } else {
      this.keyv = new Keyv({ namespace });
    }
    // Errors are counted by the Redis connection; Keyv's copies need a listener but no action.
    this.keyv.on('error', () => undefined);
  }

  get shared(): boolean {
    return this.redis !== undefined;
  }

  async getMany<T>(keys: readonly string[]): Promise<(T | undefined)[]> {
    if (keys.length === 0) return [];
    const values = await this.guard(() => this.keyv.getMany<T>([...keys]));
    const result = values ?? keys.map(() => undefined);
    for (const value of result) {
      if (value === undefined) this.stats.misses++;
      else this.stats.hits++;
    }
    return result as (T | undefined)[];
  }

  async get<T>(key: string): Promise<T | undefined> {
    const [value] = await this.getMany<T>([key]);
    return value;
  }

  async setMany(entries: readonly { key: string; value: unknown; ttlMs: number }[]): Promise<void> {
    if (entries.length === 0) return;
    await this.guard(() =>
      this.keyv.setMany(entries.map(({ key, value, ttlMs }) => ({ key, value, ttl: ttlMs }))),
    );
  }

  async set(key: string, value: unknown, ttlMs: number): Promise<void> {
    await this.setMany([{ key, value, ttlMs }]);
  }

  async clear(): Promise<void> {
    await this.guard(() => this.keyv.clear());
  }

  /** Runs a cache operation unless Redis is down, and never waits longer than the timeout. */
  private async guard<T>(operation: () => Promise<T>): Promise<T | undefined> {
    if (this.redis && !this.redis.ready()) {
      this.stats.bypassed++;
      return undefined;
    }
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<undefined>((resolve) => {
      timer = setTimeout(() => {
        this.stats.bypassed++;
        resolve(undefined);
      }, this.timeoutMs);
    });
    try {
      return await Promise.race([operation().catch(() => this.bypass()), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  private bypass(): undefined {
    this.stats.bypassed++;
    return undefined;
  }
}
