import { type FlightLock } from '../cache/flight-lock';
import { type CacheStore } from '../cache/store';
import { type SingleFlight } from '../cache/single-flight';
import { type PricingConfig } from '../config';
import { type Logger } from '../logger';
import { type CountryPricingRecord, type PricingClient } from './pricing.client';
import { type PricingType } from './pricing.type';

/** What the cache holds: the upstream's answer and when it was read. */
interface Entry<T> {
  storedAt: number;
  value: T;
}

/** A cached or fresh answer, with how old it is. */
export interface Served<T> {
  value: T;
  storedAt: number;
  stale: boolean;
}

type Freshness = 'fresh' | 'revalidate' | 'expired';

const countryKey = (type: PricingType, country: string) => `pricing:country:${type}:${country}`;
const catalogueKey = (type: PricingType) => `pricing:catalogue:${type}`;
const prefixKey = (type: PricingType, prefix: string) => `pricing:prefix:${type}:${prefix}`;

/**
 * Prices, read through the shared cache. Policy:
 * - fresh for `ttlMs`; then served at once while one background refresh runs, for
 *   `staleWhileRevalidateMs`; after that refreshed before answering, and served marked stale only
 *   if that refresh fails, up to `staleIfErrorMs`;
 * - several uncached countries of one type cost one full-catalogue call, which fills the cache for
 *   every country; a single one costs one country call;
 * - identical upstream reads under way in this process are shared (single-flight).
 */
export class PricingService {
  constructor(
    private readonly client: PricingClient,
    private readonly cache: CacheStore,
    private readonly flights: SingleFlight,
    private readonly policy: PricingConfig,
    private readonly logger: Logger,
    private readonly lock?: FlightLock,
  ) {}

  /** Prices of several countries of one type, aligned with `countries`; null when unpriced. */
  async countries(
    type: PricingType,
    countries: readonly string[],
  ): Promise<(Served<CountryPricingRecord | null> | Error)[]> {
    const entries = await this.cache.getMany<Entry<CountryPricingRecord | null>>(
      countries.map((country) => countryKey(type, country)),
    );
    const results: (Served<CountryPricingRecord | null> | Error | undefined)[] = [];
    const missing: string[] = [];
    const revalidate: string[] = [];
    entries.forEach((entry, index) => {
      const state = entry ? this.freshness(entry.storedAt) : 'expired';
      if (entry && state !== 'expired') results[index] = this.serve(entry);
      if (state === 'revalidate') revalidate.push(countries[index]);
      if (state === 'expired') missing.push(countries[index]);
    });
    if (revalidate.length > 0) {
      this.background(`countries:${type}`, () => this.fetchCountries(type, revalidate, true));
    }
    if (missing.length > 0) {
      const fetched = await this.fetchCountries(type, missing, false);
      entries.forEach((entry, index) => {
        const result = fetched.get(countries[index]);
        if (result === undefined) return;
        results[index] =
          result instanceof Error && entry && this.usableOnError(entry)
            ? this.serve(entry)
            : result;
      });
    }
    return results as (Served<CountryPricingRecord | null> | Error)[];
  }

  /** Every priced country of one type. */
  catalogue(type: PricingType): Promise<Served<CountryPricingRecord[]>> {
    return this.readThrough(catalogueKey(type), () => this.loadCatalogue(type));
  }

  /** The countries a dialling prefix matches, from the cached catalogue when there is one. */
  async prefix(type: PricingType, prefix: string): Promise<Served<CountryPricingRecord[]>> {
    const { served } = await this.peek(catalogueKey(type), () => this.loadCatalogue(type));
    if (served) {
      return {
        ...served,
        value: served.value.filter((country) => country.dialingPrefix === prefix),
      };
    }
    return this.readThrough(prefixKey(type, prefix), () => this.loadPrefix(type, prefix));
  }

  private freshness(storedAt: number): Freshness {
    const age = Date.now() - storedAt;
    if (age <= this.policy.ttlMs) return 'fresh';
    if (age <= this.policy.ttlMs + this.policy.staleWhileRevalidateMs) return 'revalidate';
    return 'expired';
  }

  private usableOnError(entry: Entry<unknown>): boolean {
    return Date.now() - entry.storedAt <= this.policy.ttlMs + this.policy.staleIfErrorMs;
  }

  private serve<T>(entry: Entry<T>): Served<T> {
    return {
      value: entry.value,
      storedAt: entry.storedAt,
      stale: this.freshness(entry.storedAt) !== 'fresh',
    };
  }

  /** Entries stay in the store as long as either stale policy may still serve them. */
  private get storeTtlMs(): number {
    return (
      this.policy.ttlMs + Math.max(this.policy.staleWhileRevalidateMs, this.policy.staleIfErrorMs)
    );
  }

  /**
   * The cached entry, and whether it can be served without waiting for the upstream (fresh, or
   * old enough to be refreshed in the background).
   */
  private async peek<T>(
    key: string,
    load: () => Promise<Entry<T>>,
  ): Promise<{ served?: Served<T>; entry?: Entry<T> }> {
    const entry = await this.cache.get<Entry<T>>(key);
    const state = entry ? this.freshness(entry.storedAt) : 'expired';
    if (!entry || state === 'expired') return { entry };
    if (state === 'revalidate') this.background(key, () => this.recheck(key, load));
    return { served: this.serve(entry), entry };
  }

  private async readThrough<T>(key: string, load: () => Promise<Entry<T>>): Promise<Served<T>> {
    const { served, entry } = await this.peek(key, load);
    if (served) return served;
    try {
      return this.serve(await this.flights.run(key, () => this.recheck(key, load)));
    } catch (error) {
      if (entry && this.usableOnError(entry)) {
        this.logger.warn({ key, err: error }, 'serving stale prices: the upstream failed');
        return this.serve(entry);
      }
      throw error;
    }
  }

  /**
   * The cache is read again once this caller owns the flight: another request (or replica) may
   * have filled it between our miss and now, and then no upstream call is needed. With Redis,
   * the flight lock makes one replica call while the others wait for its result.
   */
  private async recheck<T>(key: string, load: () => Promise<Entry<T>>): Promise<Entry<T>> {
    const fresh = async (): Promise<Entry<T> | undefined> => {
      const entry = await this.cache.get<Entry<T>>(key);
      return entry && this.freshness(entry.storedAt) === 'fresh' ? entry : undefined;
    };
    const entry = await fresh();
    if (entry) return entry;
    return this.lock ? this.lock.run(key, load, fresh) : load();
  }

  /** A refresh nobody waits for. Single-flight keeps it to one per key; failures are logged. */
  private background(key: string, refresh: () => Promise<unknown>): void {
    this.flights.run(`refresh:${key}`, refresh).catch((error: unknown) => {
      this.logger.warn(
        { key, err: error },
        'background price refresh failed; serving stale prices',
      );
    });
  }

  /**
   * Reads countries from the upstream: one catalogue call from `batchThreshold` countries on,
   * else one call per country. Never throws: a country that could not be read maps to its Error.
   */
  private async fetchCountries(
    type: PricingType,
    countries: readonly string[],
    force: boolean,
  ): Promise<Map<string, Served<CountryPricingRecord | null> | Error>> {
    const results = new Map<string, Served<CountryPricingRecord | null> | Error>();
    if (countries.length >= this.policy.batchThreshold) {
      try {
        const catalogue = force
          ? this.serve(
              await this.flights.run(catalogueKey(type), () =>
                this.recheck(catalogueKey(type), () => this.loadCatalogue(type)),
              ),
            )
          : await this.catalogue(type);
        const byCode = new Map(catalogue.value.map((country) => [country.countryCode, country]));
        const unpriced = countries.filter((country) => !byCode.has(country));
        await this.cache.setMany(
          unpriced.map((country) => ({
            key: countryKey(type, country),
            value: { storedAt: catalogue.storedAt, value: null },
            ttlMs: this.storeTtlMs,
          })),
        );
        for (const country of countries) {
          results.set(country, { ...catalogue, value: byCode.get(country) ?? null });
        }
      } catch (error) {
        for (const country of countries) results.set(country, error as Error);
      }
      return results;
    }
    const settled = await Promise.allSettled(
      countries.map((country) =>
        this.flights.run(countryKey(type, country), () =>
          this.recheck(countryKey(type, country), () => this.loadCountry(type, country)),
        ),
      ),
    );
    settled.forEach((outcome, index) => {
      results.set(
        countries[index],
        outcome.status === 'fulfilled' ? this.serve(outcome.value) : (outcome.reason as Error),
      );
    });
    return results;
  }

  private async loadCountry(
    type: PricingType,
    country: string,
  ): Promise<Entry<CountryPricingRecord | null>> {
    const entry = {
      storedAt: Date.now(),
      value: await this.client.getCountryPricing(type, country),
    };
    await this.cache.set(countryKey(type, country), entry, this.storeTtlMs);
    return entry;
  }

  private async loadCatalogue(type: PricingType): Promise<Entry<CountryPricingRecord[]>> {
    const entry = { storedAt: Date.now(), value: await this.client.getFullPricing(type) };
    await this.cache.setMany([
      { key: catalogueKey(type), value: entry, ttlMs: this.storeTtlMs },
      ...this.countryEntries(type, entry),
    ]);
    return entry;
  }

  private async loadPrefix(
    type: PricingType,
    prefix: string,
  ): Promise<Entry<CountryPricingRecord[]>> {
    const entry = { storedAt: Date.now(), value: await this.client.getPrefixPricing(type, prefix) };
    await this.cache.setMany([
      { key: prefixKey(type, prefix), value: entry, ttlMs: this.storeTtlMs },
      ...this.countryEntries(type, entry),
    ]);
    return entry;
  }

  /** A list answer also fills the per-country entries, so later single-country reads are free. */
  private countryEntries(type: PricingType, entry: Entry<CountryPricingRecord[]>) {
    return entry.value.map((country) => ({
      key: countryKey(type, country.countryCode),
      value: { storedAt: entry.storedAt, value: country },
      ttlMs: this.storeTtlMs,
    }));
  }
}
