import { type CountryPricingRecord } from './pricing.client';
import { type Served } from './pricing.service';
import { type CountryPricing, type PricingType } from './pricing.type';

/** Views kept of one record (its types, and the dates it was last served with). */
const MAX_VIEWS = 4;

/**
 * Views already made of a cached record. Cached records are read-only and shared by every
 * request, so their views are too: a warm read makes no per-request copy of every entry. A view
 * is kept per type, read time and staleness, so `asOf` and `stale` stay true.
 */
interface Made {
  type: PricingType;
  storedAt: number;
  stale: boolean;
  view: CountryPricing;
}
const views = new WeakMap<CountryPricingRecord, Made[]>();

/** The GraphQL view of a cached country: adds the type and how fresh the answer it came in is. */
export function toCountryPricing(
  record: CountryPricingRecord,
  served: Pick<Served<unknown>, 'storedAt' | 'stale'>,
  type: PricingType,
): CountryPricing {
  // A record has a view or two (one per type it is read as); compared, not keyed by a string.
  let made = views.get(record);
  if (!made) views.set(record, (made = []));
  const { storedAt, stale } = served;
  for (let i = 0; i < made.length; i++) {
    const kept = made[i];
    if (kept.type === type && kept.storedAt === storedAt && kept.stale === stale) return kept.view;
  }
  const networks = record.networks.map((network) => ({
    ...network,
    countryCode: record.countryCode,
    pricingType: type,
  }));
  const view = { ...record, networks, type, asOf: new Date(storedAt), stale };
  // A record served again with a new date keeps only its recent views.
  if (made.push({ type, storedAt, stale, view }) > MAX_VIEWS) made.shift();
  return view;
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
