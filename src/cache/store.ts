import KeyvRedis from '@keyv/redis';
import { Keyv } from 'keyv';
import { LRUCache } from 'lru-cache';
import { type RedisConnection } from '../coordination/redis';

/** About this much JSON text in process memory at most (the full catalogues are ~160 KB each). */
const LOCAL_BYTES = 48 * 1024 * 1024;

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
 *
 * Values in memory are kept as objects, never serialised: a warm read costs a map lookup in
 * lru-cache, which keeps each entry's TTL itself (their size is measured once, when they are
 * stored, to bound the memory they take; Keyv around it cost a promise, key prefixing and an
 * expiry wrapper per key, 40 times per 20 × 2 request). With
 * Redis, a small in-process layer keeps what this replica read for `localTtlMs`, so hot keys are
 * not fetched and parsed from Redis on every request; other replicas' writes show up within it.
 * Callers must treat cached values as read-only.
 */
export class CacheStore {
  readonly stats: CacheStats = { hits: 0, misses: 0, bypassed: 0 };
  private readonly local: LRUCache<string, object>;
  private readonly shared?: Keyv;

  constructor(
    namespace: string,
    private readonly redis: RedisConnection | undefined,
    private readonly timeoutMs: number,
    private readonly localTtlMs = 5_000,
    maxLocalBytes = LOCAL_BYTES,
  ) {
    // Bounded: keys a caller chooses (a search pattern) or that a change retires must not make
    // memory grow; the least recently used entries go first, expired ones are never served.
    this.local = new LRUCache<string, object>({
      maxSize: maxLocalBytes,
      sizeCalculation: (value) => Math.max(1, JSON.stringify(value).length),
      allowStale: false,
    });
    if (redis) {
      const adapter = new KeyvRedis(redis.client, { namespace, throwOnConnectError: false });
      this.shared = new Keyv(adapter, { namespace, useKeyPrefix: false });
      // Errors are counted by the Redis connection; Keyv's copies need a listener but no action.
      this.shared.on('error', () => undefined);
    }
  }

  async getMany<T>(keys: readonly string[]): Promise<(T | undefined)[]> {
    if (keys.length === 0) return [];
    const result = keys.map((key) => this.local.get(key) as T | undefined);
    const missing = keys.filter((_, index) => result[index] === undefined);
    if (this.shared && missing.length > 0) {
      const fetched = (await this.guard(() => this.shared!.getMany<T>(missing))) ?? [];
      let next = 0;
      keys.forEach((key, index) => {
        if (result[index] !== undefined) return;
        const value = fetched[next++] as T | undefined;
        result[index] = value;
        if (value !== undefined && this.localTtlMs > 0)
          this.local.set(key, value as object, { ttl: this.localTtlMs });
      });
    }
    for (const value of result) {
      if (value === undefined) this.stats.misses++;
      else this.stats.hits++;
    }
    return result;
  }

  async get<T>(key: string): Promise<T | undefined> {
    const [value] = await this.getMany<T>([key]);
    return value;
  }

  async setMany(entries: readonly { key: string; value: unknown; ttlMs: number }[]): Promise<void> {
    if (entries.length === 0) return;
    const ttl = (ttlMs: number) => (this.shared ? Math.min(ttlMs, this.localTtlMs) : ttlMs);
    for (const { key, value, ttlMs } of entries) {
      if (ttl(ttlMs) > 0 && value !== undefined && value !== null)
        this.local.set(key, value as object, { ttl: ttl(ttlMs) });
    }
    if (this.shared) {
      await this.guard(() =>
        this.shared!.setMany(entries.map(({ key, value, ttlMs }) => ({ key, value, ttl: ttlMs }))),
      );
    }
  }

  async set(key: string, value: unknown, ttlMs: number): Promise<void> {
    await this.setMany([{ key, value, ttlMs }]);
  }

  async clear(): Promise<void> {
    this.local.clear();
    if (this.shared) await this.guard(() => this.shared!.clear());
  }

  /** A Redis operation that fails open: undefined (and counted) when Redis is down or slow. */
  private async guard<T>(operation: () => Promise<T>): Promise<T | undefined> {
    const outcome = await this.redis!.run(operation, this.timeoutMs);
    if (outcome.ok) return outcome.value;
    this.stats.bypassed++;
    return undefined;
  }
}
