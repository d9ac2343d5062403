import { compareDecimal } from '../decimal';
import { type CountryPricingRecord } from './pricing.client';
import { type Served } from './pricing.service';
import { type CountryPricing, type PricingType } from './pricing.type';

/** The GraphQL view of a cached country: adds the type, the price range and freshness. */
export function toCountryPricing(served: Served<CountryPricingRecord>, type: PricingType): CountryPricing {
  const record = served.value;
  const prices = record.networks.map((network) => network.price).sort(compareDecimal);
  return {
    ...record,
    type,
    minPrice: prices[0] ?? record.defaultPrice,
    maxPrice: prices[prices.length - 1] ?? record.defaultPrice,
    asOf: new Date(served.storedAt),
    stale: served.stale,
  };
}

/** The same for an answer that may say "not priced". */
export function toOptionalCountryPricing(
  served: Served<CountryPricingRecord | null>,
  type: PricingType,
): CountryPricing | null {
  return served.value === null ? null : toCountryPricing({ ...served, value: served.value }, type);
}
