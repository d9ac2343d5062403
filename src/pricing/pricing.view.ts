import { type CountryPricingRecord } from './pricing.client';
import { type Served } from './pricing.service';
import { type CountryPricing, type PricingType } from './pricing.type';

/** The GraphQL view of a cached country: adds the type and how fresh the answer it came in is. */
export function toCountryPricing(
  record: CountryPricingRecord,
  served: Pick<Served<unknown>, 'storedAt' | 'stale'>,
  type: PricingType,
): CountryPricing {
  return { ...record, type, asOf: new Date(served.storedAt), stale: served.stale };
}

/** Every country of a list answer (catalogue, prefix). */
export function toCountryPricings(
  served: Served<CountryPricingRecord[]>,
  type: PricingType,
): CountryPricing[] {
  return served.value.map((record) => toCountryPricing(record, served, type));
}

/** One country, or null when the answer says "not priced". */
export function toOptionalCountryPricing(
  served: Served<CountryPricingRecord | null>,
  type: PricingType,
): CountryPricing | null {
  return served.value === null ? null : toCountryPricing(served.value, served, type);
}
