import { type Load, type ReadThrough, type Served } from '../cache/read-through';
import { type CallScope } from '../base/call-scope';
import { type PricingSettings } from './pricing.settings';
import { type Logger } from '../base/logger';
import { type CountryPricingRecord, type PricingClient } from './pricing.client';
import { type PricingType } from './pricing.type';

export { type Served } from '../cache/read-through';

/**
 * Told of every full catalogue read from the upstream (never of a cache hit), with when it was
 * asked for. Called synchronously on the read path: it must return at once and never throw
 * (price history copies what it needs and writes later).
 */
export type CatalogueListener = (
  type: PricingType,
  records: readonly CountryPricingRecord[],
  fetchedAt: number,
) => void;

const countryKey = (type: PricingType, country: string) => `pricing:country:${type}:${country}`;
const catalogueKey = (type: PricingType) => `pricing:catalogue:${type}`;

/**
 * Prices, read through the shared cache (`ReadThrough` holds the freshness policy). Planning:
 * several uncached countries of one type cost one full-catalogue call, which fills the cache for
 * every country; a single one costs one country call.
 */
export class PricingService {
  private readonly timers = new Set<NodeJS.Timeout>();
  private stopped = false;

  constructor(
    private readonly client: PricingClient,
    private readonly cache: ReadThrough,
    private readonly policy: Pick<PricingSettings, 'batchThreshold' | 'ttlMs'>,
    private readonly logger: Logger,
    private readonly onCatalogue?: CatalogueListener,
  ) {}

  /**
   * Keeps catalogues warm from start: each is read now (within the rate limit, like any read)
   * and read again ahead of its expiry, at 90% of its lifetime, so front-ends never wait on a
   * cold catalogue after the first seconds. `asOf` and `stale` stay those of the answer served.
   */
  async preload(types: readonly PricingType[]): Promise<void> {
    await Promise.all(types.map((type) => this.keepWarm(type, () => this.catalogue(type))));
  }

  /** Stops the refreshes that preload scheduled. */
  stop(): void {
    this.stopped = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  private async keepWarm(
    type: PricingType,
    read: () => Promise<Served<CountryPricingRecord[]>>,
  ): Promise<void> {
    let storedAt = Date.now();
    try {
      storedAt = (await read()).storedAt;
    } catch (error) {
      this.logger.warn({ err: error, type }, 'could not preload a price catalogue; will retry');
    }
    if (this.stopped) return;
    const due = Math.max(1_000, storedAt + this.policy.ttlMs * 0.9 - Date.now());
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      void this.keepWarm(type, () =>
        this.cache.renew(catalogueKey(type), this.loadCatalogue(type), storedAt),
      );
    }, due);
    timer.unref();
    this.timers.add(timer);
  }

  /** Prices of several countries of one type, aligned with `countries`; null when unpriced. */
  async countries(
    type: PricingType,
    countries: readonly string[],
    scope: CallScope = {},
  ): Promise<(Served<CountryPricingRecord | null> | Error)[]> {
    const entries = await this.cache.entries<CountryPricingRecord | null>(
      countries.map((country) => countryKey(type, country)),
    );
    const results: (Served<CountryPricingRecord | null> | Error | undefined)[] = [];
    const missing: string[] = [];
    const revalidate: string[] = [];
    entries.forEach(({ entry, state }, index) => {
      if (entry && state !== 'expired') results[index] = this.cache.serve(entry);
      if (state === 'revalidate') revalidate.push(countries[index]);
      if (state === 'expired') missing.push(countries[index]);
    });
    if (revalidate.length > 0) {
      this.cache.background(`countries:${type}`, () => this.fetchCountries(type, revalidate, true));
    }
    if (missing.length > 0) {
      const fetched = await this.fetchCountries(type, missing, false, scope);
      entries.forEach(({ entry }, index) => {
        const result = fetched.get(countries[index]);
        if (result === undefined) return;
        results[index] =
          result instanceof Error && entry && this.cache.usableOnError(entry)
            ? this.cache.serve(entry)
            : result;
      });
    }
    return results as (Served<CountryPricingRecord | null> | Error)[];
  }

  /** Until when an answer may be reused by a router or a caller: the end of its TTL. */
  freshUntil(served: Pick<Served<unknown>, 'storedAt'>): number {
    return this.cache.freshUntil(served);
  }

  /** Every priced country of one type. */
  catalogue(type: PricingType, scope: CallScope = {}): Promise<Served<CountryPricingRecord[]>> {
    return this.cache.read(catalogueKey(type), this.loadCatalogue(type), scope);
  }

  /**
   * The countries a dialling prefix matches, always from the catalogue: cold, one call per type
   * whatever the prefix, so six prefixes no longer queue six pricing calls behind the 1/s limit.
   */
  async prefix(
    type: PricingType,
    prefix: string,
    scope: CallScope = {},
  ): Promise<Served<CountryPricingRecord[]>> {
    const catalogue = await this.catalogue(type, scope);
    return {
      ...catalogue,
      value: catalogue.value.filter((country) => country.dialingPrefix === prefix),
    };
  }

  /**
   * Reads countries from the upstream: one catalogue call from `batchThreshold` countries on,
   * else one call per country. `force` skips a catalogue that could still be served (a
   * background refresh). Never throws: a country that could not be read maps to its Error.
   */
  private async fetchCountries(
    type: PricingType,
    countries: readonly string[],
    force: boolean,
    scope: CallScope = {},
  ): Promise<Map<string, Served<CountryPricingRecord | null> | Error>> {
    const results = new Map<string, Served<CountryPricingRecord | null> | Error>();
    if (countries.length >= this.policy.batchThreshold) {
      try {
        const catalogue = force
          ? await this.cache.refresh(catalogueKey(type), this.loadCatalogue(type), scope)
          : await this.catalogue(type, scope);
        const byCode = new Map(catalogue.value.map((country) => [country.countryCode, country]));
        const unpriced = countries.filter((country) => !byCode.has(country));
        await this.cache.store(
          unpriced.map((country) => ({ key: countryKey(type, country), value: null })),
          catalogue.storedAt,
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
        this.cache.refresh(
          countryKey(type, country),
          async (shared) => ({ value: await this.client.getCountryPricing(type, country, shared) }),
          scope,
        ),
      ),
    );
    settled.forEach((outcome, index) => {
      results.set(
        countries[index],
        outcome.status === 'fulfilled' ? outcome.value : (outcome.reason as Error),
      );
    });
    return results;
  }

  private loadCatalogue(type: PricingType): Load<CountryPricingRecord[]> {
    return async (scope) => {
      const fetchedAt = Date.now();
      const records = await this.client.getFullPricing(type, scope);
      this.tell(type, records, fetchedAt);
      return this.withCountries(type, records);
    };
  }

  /** A listener's failure is logged: it never fails the read. */
  private tell(type: PricingType, records: CountryPricingRecord[], fetchedAt: number): void {
    try {
      this.onCatalogue?.(type, records, fetchedAt);
    } catch (error) {
      this.logger.warn({ err: error, type }, 'a catalogue listener failed');
    }
  }

  /** A list answer also fills the per-country entries, so later single-country reads are free. */
  private withCountries(type: PricingType, countries: CountryPricingRecord[]) {
    return {
      value: countries,
      related: countries.map((country) => ({
        key: countryKey(type, country.countryCode),
        value: country,
      })),
    };
  }
}
