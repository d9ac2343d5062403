import { randomUUID } from 'node:crypto';
import { type CallScope } from '../base/call-scope';
import { type Logger } from '../base/logger';
import { inSpan } from '../base/tracing';
import { type FlightLock } from '../coordination/flight-lock';
import { type SingleFlight } from '../coordination/single-flight';
import { type CacheStore } from './store';

/** How long an answer may be served, and how it is refreshed. */
export interface FreshnessPolicy {
  /** Fresh for this long. */
  ttlMs: number;
  /** After that, served at once while one background refresh runs. */
  staleWhileRevalidateMs: number;
  /** After that, refreshed before answering; served (marked stale) only if the upstream fails. */
  staleIfErrorMs: number;
}

/** What the cache holds: the upstream's answer and when it was read. */
export interface Entry<T> {
  storedAt: number;
  value: T;
}

/** A cached or fresh answer, with how old it is. */
export interface Served<T> {
  value: T;
  storedAt: number;
  stale: boolean;
}

/** A generation outlives every entry keyed under it. */
const GENERATION_TTL_MS = 30 * 24 * 3_600_000;

export type Freshness = 'fresh' | 'revalidate' | 'expired';

/** An upstream answer to store, and entries derived from it (a list's members) to store beside it. */
export interface Loaded<T> {
  value: T;
  related?: readonly { key: string; value: unknown }[];
}

/**
 * The family of a key, for spans: its first two `:`-separated parts (`<area>:<what>`), which
 * callers build from their own names; what follows (arguments, generations) is left out.
 */
function familyOf(key: string): string {
  const first = key.indexOf(':');
  const second = first < 0 ? -1 : key.indexOf(':', first + 1);
  return second < 0 ? key : key.slice(0, second);
}

/** Reads from the upstream, for whom `scope` says (the first of the callers sharing it). */
export type Load<T> = (scope: CallScope) => Promise<Loaded<T>>;

export interface ReadThroughDeps {
  cache: CacheStore;
  flights: SingleFlight;
  logger: Logger;
  /** Cross-replica single-flight, with Redis. */
  lock?: FlightLock;
  /** The clock entries are dated with; tests may control it. */
  now?: () => number;
}

/**
 * Reads through the shared cache under one freshness policy. Knows no domain: keys and loads come
 * from the caller. Policy:
 * - fresh for `ttlMs`; then served at once while one background refresh runs, for
 *   `staleWhileRevalidateMs`; after that refreshed before answering, and served marked stale only
 *   if that refresh fails, up to `staleIfErrorMs`;
 * - identical loads under way in this process are shared (single-flight), and the cache is read
 *   again by the caller that owns the flight; with Redis, a flight lock makes one replica load
 *   while the others wait for its result.
 */
export class ReadThrough {
  private readonly now: () => number;

  constructor(
    private readonly deps: ReadThroughDeps,
    private readonly policy: FreshnessPolicy,
  ) {
    this.now = deps.now ?? (() => Date.now());
  }

  /**
   * The cached answer if it can be served, else a load; the stale entry if that load fails.
   * Traced as a `cache read` span (`hit`, `stale` or `miss`), the parent of the load's spans.
   */
  read<T>(key: string, load: Load<T>, scope: CallScope = {}): Promise<Served<T>> {
    const attributes = { 'cache.family': familyOf(key) };
    return inSpan('cache read', { attributes }, async (span) => {
      const { served, entry } = await this.peek(key, load);
      if (served) {
        span.setAttribute('cache.result', served.stale ? 'stale' : 'hit');
        return served;
      }
      span.setAttribute('cache.result', 'miss');
      try {
        return await this.load(key, load, scope);
      } catch (error) {
        if (entry && this.usableOnError(entry)) {
          this.deps.logger.warn({ key, err: error }, 'serving a stale answer: the upstream failed');
          span.setAttributes({ 'cache.result': 'stale', 'cache.load_failed': true });
          return this.serve(entry);
        }
        throw error;
      }
    });
  }

  /**
   * The cached entry, and the answer to serve without waiting for the upstream (fresh, or old
   * enough to be refreshed in the background, which this starts, for nobody in particular).
   */
  async peek<T>(key: string, load: Load<T>): Promise<{ served?: Served<T>; entry?: Entry<T> }> {
    const entry = await this.deps.cache.get<Entry<T>>(key);
    const state = this.freshness(entry);
    if (!entry || state === 'expired') return { entry };
    if (state === 'revalidate') this.background(key, () => this.refresh(key, load));
    return { served: this.serve(entry), entry };
  }

  /**
   * Several cached entries at once, each with its freshness; nothing is loaded. Traced as one
   * `cache read` span with the count of each result (`miss` when any key must be loaded).
   */
  entries<T>(keys: readonly string[]): Promise<{ entry?: Entry<T>; state: Freshness }[]> {
    return inSpan('cache read', {}, async (span) => {
      const entries = await this.deps.cache.getMany<Entry<T>>(keys);
      const found = entries.map((entry) => ({ entry, state: this.freshness(entry) }));
      if (span.isRecording()) {
        const count = (state: Freshness) => found.filter((item) => item.state === state).length;
        const [hits, stale, misses] = [count('fresh'), count('revalidate'), count('expired')];
        span.setAttributes({
          'cache.family': [...new Set(keys.map(familyOf))].join(','),
          'cache.keys': keys.length,
          'cache.hits': hits,
          'cache.stale': stale,
          'cache.misses': misses,
          'cache.result': misses > 0 ? 'miss' : stale > 0 ? 'stale' : 'hit',
        });
      }
      return found;
    });
  }

  /**
   * Loads now (shared with identical loads under way), unless the cache became fresh meanwhile.
   * The load is abandoned only when every caller sharing it has given up (`scope.signal`).
   */
  refresh<T>(key: string, load: Load<T>, scope: CallScope = {}): Promise<Served<T>> {
    const attributes = { 'cache.family': familyOf(key) };
    return inSpan('cache load', { attributes }, () => this.load(key, load, scope));
  }

  /** `refresh` within the caller's span. */
  private async load<T>(key: string, load: Load<T>, scope: CallScope): Promise<Served<T>> {
    return this.serve(
      await this.deps.flights.run(key, (shared) => this.recheck(key, load, shared), scope),
    );
  }

  /**
   * Loads again even though the cached entry may still be fresh (refresh ahead of expiry), once
   * across replicas: an entry newer than `olderThan` (another replica renewed it) is taken as is.
   */
  renew<T>(key: string, load: Load<T>, olderThan: number): Promise<Served<T>> {
    const attributes = { 'cache.family': familyOf(key), 'cache.renew': true };
    return inSpan('cache load', { attributes }, () => this.renewNow(key, load, olderThan));
  }

  private async renewNow<T>(key: string, load: Load<T>, olderThan: number): Promise<Served<T>> {
    return this.serve(
      await this.deps.flights.run(`renew:${key}`, async () => {
        const newer = async (): Promise<Entry<T> | undefined> => {
          const entry = await this.deps.cache.get<Entry<T>>(key);
          return entry && entry.storedAt > olderThan ? entry : undefined;
        };
        const found = await newer();
        if (found) return found;
        const fill = () => this.fill(key, load, {});
        return this.deps.lock ? this.deps.lock.run(`renew:${key}`, fill, newer) : fill();
      }),
    );
  }

  /** A refresh nobody waits for. Single-flight keeps it to one per key; failures are logged. */
  background(key: string, refresh: () => Promise<unknown>): void {
    this.deps.flights.run(`refresh:${key}`, refresh).catch((error: unknown) => {
      this.deps.logger.warn({ key, err: error }, 'background refresh failed; serving stale');
    });
  }

  /** Stores answers learnt without a load of their own (a country a list says is not priced). */
  async store(
    entries: readonly { key: string; value: unknown }[],
    storedAt: number,
  ): Promise<void> {
    await this.deps.cache.setMany(
      entries.map(({ key, value }) => ({
        key,
        value: { storedAt, value },
        ttlMs: this.storeTtlMs,
      })),
    );
  }

  /**
   * The current generation of a family of keys. Callers put it in their keys, so that `bump`
   * retires every key of the family at once (lists whose keys cannot be enumerated).
   */
  async generation(family: string): Promise<string> {
    return (await this.deps.cache.get<string>(`generation:${family}`)) ?? '0';
  }

  /** Starts a new generation: entries keyed under the old one are never read again. */
  async bump(family: string): Promise<void> {
    await this.deps.cache.set(`generation:${family}`, randomUUID(), GENERATION_TTL_MS);
  }

  serve<T>(entry: Entry<T>): Served<T> {
    return {
      value: entry.value,
      storedAt: entry.storedAt,
      stale: this.freshness(entry) !== 'fresh',
    };
  }

  /** Until when an answer may be reused by others (a router's cache): the end of its ttl. */
  freshUntil(served: Pick<Served<unknown>, 'storedAt'>): number {
    return served.storedAt + this.policy.ttlMs;
  }

  usableOnError(entry: Entry<unknown>): boolean {
    return this.now() - entry.storedAt <= this.policy.ttlMs + this.policy.staleIfErrorMs;
  }

  private freshness(entry: Entry<unknown> | undefined): Freshness {
    if (!entry) return 'expired';
    const age = this.now() - entry.storedAt;
    if (age <= this.policy.ttlMs) return 'fresh';
    if (age <= this.policy.ttlMs + this.policy.staleWhileRevalidateMs) return 'revalidate';
    return 'expired';
  }

  /** Entries stay in the store as long as either stale policy may still serve them. */
  private get storeTtlMs(): number {
    const { ttlMs, staleWhileRevalidateMs, staleIfErrorMs } = this.policy;
    return ttlMs + Math.max(staleWhileRevalidateMs, staleIfErrorMs);
  }

  /**
   * The cache is read again once this caller owns the flight: another request (or replica) may
   * have filled it between our miss and now, and then no upstream call is needed.
   */
  private async recheck<T>(key: string, load: Load<T>, scope: CallScope): Promise<Entry<T>> {
    const fresh = async (): Promise<Entry<T> | undefined> => {
      const entry = await this.deps.cache.get<Entry<T>>(key);
      return this.freshness(entry) === 'fresh' ? entry : undefined;
    };
    const entry = await fresh();
    if (entry) return entry;
    const fill = () => this.fill(key, load, scope);
    return this.deps.lock ? this.deps.lock.run(key, fill, fresh) : fill();
  }

  /** The one fill chain: load, date the answer, store it with its related entries. */
  private async fill<T>(key: string, load: Load<T>, scope: CallScope): Promise<Entry<T>> {
    // Dated when asked: the answer is at least as fresh as that.
    const storedAt = this.now();
    const { value, related = [] } = await load(scope);
    const entry = { storedAt, value };
    await this.deps.cache.setMany([
      { key, value: entry, ttlMs: this.storeTtlMs },
      ...related.map((item) => ({
        key: item.key,
        value: { storedAt: entry.storedAt, value: item.value },
        ttlMs: this.storeTtlMs,
      })),
    ]);
    return entry;
  }
}
