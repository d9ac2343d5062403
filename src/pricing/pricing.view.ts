import { type CountryPricingRecord } from './pricing.client';
import { type Served } from './pricing.service';
import { type CountryPricing, type PricingType } from './pricing.type';

/** The GraphQL view of a cached country: adds the type and how fresh it is. */
export function toCountryPricing(
  served: Served<CountryPricingRecord>,
  type: PricingType,
): CountryPricing {
  return { ...served.value, type, asOf: new Date(served.storedAt), stale: served.stale };
}

/** The same for an answer that may say "not priced". */
export function toOptionalCountryPricing(
  served: Served<CountryPricingRecord | null>,
  type: PricingType,
): CountryPricing | null {
  return served.value === null ? null : toCountryPricing({ ...served, value: served.value }, type);
}
