import { type CallScope } from '../base/call-scope';
import DataLoader from 'dataloader';
import { Freshness } from '../kernel/freshness';
import { type PricingService } from './pricing.service';
import { type CountryPricing, type PricingType } from './pricing.type';
import { toOptionalCountryPricing } from './pricing.view';

export interface PricingKey {
  /** ISO 3166-1 alpha-2, upper case. */
  country: string;
  type: PricingType;
}

/**
 * The one place that says how a (country, type) pair is keyed: countries in upper case. Every
 * resolver that joins prices (a number's country, a list of countries) builds its key here.
 */
export function pricingKey(country: string, type: PricingType): PricingKey {
  return { country: country.toUpperCase(), type };
}

const cacheKey = ({ country, type }: PricingKey) => `${type}:${country}`;

export type PricingLoader = DataLoader<PricingKey, CountryPricing | null, string>;

/**
 * One loader per request, keyed by (country, type). Every resolver that needs a country's price
 * goes through it, so a list, aliased fields and nested fields of one operation are planned
 * together: per type, one catalogue call for several uncached countries, or one country call.
 */
export function createPricingLoader(
  service: PricingService,
  freshness = new Freshness(),
  scope: CallScope = {},
): PricingLoader {
  return new DataLoader<PricingKey, CountryPricing | null, string>(
    async (keys) => {
      const byType = new Map<PricingType, string[]>();
      for (const { country, type } of keys) {
        const countries = byType.get(type) ?? [];
        if (!countries.includes(country)) countries.push(country);
        byType.set(type, countries);
      }
      const answers = new Map<string, CountryPricing | null | Error>();
      await Promise.all(
        [...byType].map(async ([type, countries]) => {
          const results = await service.countries(type, countries, scope);
          results.forEach((result, index) => {
            if (result instanceof Error) freshness.uncacheable();
            else freshness.freshUntil(service.freshUntil(result));
            answers.set(
              cacheKey({ country: countries[index], type }),
              result instanceof Error ? result : toOptionalCountryPricing(result, type),
            );
          });
        }),
      );
      return keys.map((key) => answers.get(cacheKey(key)) as CountryPricing | null | Error);
    },
    { cacheKeyFn: cacheKey },
  );
}
