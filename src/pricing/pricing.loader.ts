import { type CallScope } from '../base/call-scope';
import DataLoader from 'dataloader';
import { Freshness } from '../kernel/freshness';
import { parseMsisdn } from './msisdn';
import { type CountryPricingRecord } from './pricing.client';
import {
  CURRENCY_PROBES,
  type PricingKey,
  countryKeys,
  networkOf,
  numberPricingOf,
  prefixDigits,
  pricedOnly,
  pricingKey,
  smsCostEstimateOf,
  uniqueTypes,
} from './pricing.mapper';
import { type PricingService, type Served } from './pricing.service';
import { type NumberPricing, type SmsCostEstimate } from './intel.type';
import { type CountryPricing, type NetworkPricing, PricingType } from './pricing.type';
import { toCountryPricings, toOptionalCountryPricing } from './pricing.view';

const cacheKey = ({ country, type }: PricingKey) => `${type}:${country}`;

/**
 * One request's reads of prices. Every price it serves goes through here, and each records in
 * the request's Freshness until when what it served may be reused (a failed read: not at all).
 *
 * Countries go through one loader keyed by (country, type), so a list, aliased fields and
 * nested fields of one operation are planned together: per type, one catalogue call for several
 * uncached countries, or one country call. Catalogues are read from the shared cache each time
 * they are asked for (a compiled operation made again asks again, as the first time did).
 */
export class PricingLoader {
  private readonly countries: DataLoader<PricingKey, CountryPricing | null, string>;

  constructor(
    private readonly service: PricingService,
    private readonly freshness = new Freshness(),
    private readonly scope: CallScope = {},
  ) {
    this.countries = new DataLoader((keys) => this.loadCountries(keys), { cacheKeyFn: cacheKey });
  }

  /** One country's prices of one type; null when Vonage does not price it. */
  load(key: PricingKey): Promise<CountryPricing | null> {
    return this.countries.load(key);
  }

  /** Several, aligned with `keys`; a country that could not be read is its Error. */
  loadMany(keys: readonly PricingKey[]): Promise<(CountryPricing | null | Error)[]> {
    return this.countries.loadMany(keys);
  }

  /**
   * Countries and types (every priced country of each type when `countries` is absent);
   * countries Vonage does not price are left out.
   */
  async pricings(
    countries: readonly string[] | null | undefined,
    types: readonly PricingType[],
  ): Promise<CountryPricing[]> {
    if (countries) return pricedOnly(await this.loadMany(countryKeys(countries, types)));
    const catalogues = await Promise.all(
      uniqueTypes(types).map(async (type) => toCountryPricings(await this.catalogue(type), type)),
    );
    return catalogues.flat();
  }

  /** The countries a dialling prefix matches. */
  async prefix(prefix: string, type: PricingType): Promise<CountryPricing[]> {
    const served = await this.service.prefix(type, prefixDigits(prefix), this.scope);
    this.served(served);
    return toCountryPricings(served, type);
  }

  /** The price on one operator, by its MCC and MNC; null when Vonage does not price it. */
  async network(mcc: string, mnc: string, type: PricingType): Promise<NetworkPricing | null> {
    return networkOf(await this.catalogue(type), mcc, mnc, type);
  }

  /** The account's billing currency, from the prices of a country every account is priced in. */
  async currency(): Promise<string | null> {
    for (const country of CURRENCY_PROBES) {
      const pricing = await this.load(pricingKey(country, PricingType.SMS));
      if (pricing?.currency) return pricing.currency;
    }
    return null;
  }

  /** The price of one service to one phone number; null when not priced (or not valid). */
  async numberPricing(msisdn: string, type: PricingType): Promise<NumberPricing | null> {
    const number = parseMsisdn(msisdn);
    // Validated as an argument already; kept for the type.
    if (!number.valid) return null;
    return numberPricingOf(number, await this.catalogue(type), type);
  }

  /** What one text to each recipient would cost. */
  async smsCost(text: string, to: readonly string[], type: PricingType): Promise<SmsCostEstimate> {
    return smsCostEstimateOf(await this.catalogue(type), text, to, type);
  }

  /** Every priced country of one type, from the shared cache. */
  private async catalogue(type: PricingType): Promise<Served<CountryPricingRecord[]>> {
    const served = await this.service.catalogue(type, this.scope);
    this.served(served);
    return served;
  }

  private served(served: Pick<Served<unknown>, 'storedAt'>): void {
    this.freshness.freshUntil(this.service.freshUntil(served));
  }

  private async loadCountries(keys: readonly PricingKey[]) {
    const byType = new Map<PricingType, string[]>();
    for (const { country, type } of keys) {
      const countries = byType.get(type) ?? [];
      if (!countries.includes(country)) countries.push(country);
      byType.set(type, countries);
    }
    const answers = new Map<string, CountryPricing | null | Error>();
    await Promise.all(
      [...byType].map(async ([type, countries]) => {
        const results = await this.service.countries(type, countries, this.scope);
        results.forEach((result, index) => {
          if (result instanceof Error) this.freshness.uncacheable();
          else this.served(result);
          answers.set(
            cacheKey({ country: countries[index], type }),
            result instanceof Error ? result : toOptionalCountryPricing(result, type),
          );
        });
      }),
    );
    return keys.map((key) => answers.get(cacheKey(key)) as CountryPricing | null | Error);
  }
}

/** The pricing loader of one request (Domain.createLoaders). */
export function createPricingLoader(
  service: PricingService,
  freshness = new Freshness(),
  scope: CallScope = {},
): PricingLoader {
  return new PricingLoader(service, freshness, scope);
}
