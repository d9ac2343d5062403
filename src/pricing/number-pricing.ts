import { type CountryPricingRecord } from './pricing.client';
import { type ParsedMsisdn } from './msisdn';

/** How a number's price was found. */
export enum PriceMatch {
  /** One of the number's country's networks lists the longest range the number starts with. */
  NETWORK = 'NETWORK',
  /** No range (or two networks' equally long ranges) matched: only the country is known. */
  COUNTRY = 'COUNTRY',
}

/** Why a number has no price. */
export enum UnpricedReason {
  /** libphonenumber-js says the number is not in any range its country allocates. */
  INVALID_NUMBER = 'INVALID_NUMBER',
  /** A valid number of a non-geographic code (+800, +882…): Vonage prices countries only. */
  NO_COUNTRY = 'NO_COUNTRY',
  /** Vonage does not price the number's country for this type. */
  COUNTRY_NOT_PRICED = 'COUNTRY_NOT_PRICED',
}

/** A number priced from a cached catalogue. Prices are exact decimal texts. */
export interface NumberPrice {
  msisdn: string;
  record: CountryPricingRecord;
  match: PriceMatch;
  /** The range that matched (NETWORK), else null. */
  range: string | null;
  /** Index in `record.networks` of the matched network (NETWORK), else null. */
  networkIndex: number | null;
  /** The network's price (NETWORK), else null. */
  price: string | null;
  /** The price on NETWORK; the country's lowest and highest network price on COUNTRY. */
  minPrice: string;
  maxPrice: string;
}

export type NumberPriceResult = NumberPrice | { msisdn: string; unpriced: UnpricedReason };

/** Two networks of one country listing the same range: the range does not tell which. */
const AMBIGUOUS = -1;

interface RangeIndex {
  countries: Map<string, CountryPricingRecord>;
  /** `${country}:${range}` → index of the network listing it, or AMBIGUOUS. */
  ranges: Map<string, number>;
  /** The longest range listed, in digits: no lookup needs to start longer. */
  longest: number;
}

/**
 * One index per cached catalogue (the same array object while the cache keeps it), so a warm
 * request with 10 000 numbers does a few map lookups per number and no scan of the catalogue.
 */
const indexes = new WeakMap<readonly CountryPricingRecord[], RangeIndex>();

function indexOf(catalogue: readonly CountryPricingRecord[]): RangeIndex {
  let index = indexes.get(catalogue);
  if (index) return index;
  index = { countries: new Map(), ranges: new Map(), longest: 0 };
  for (const record of catalogue) {
    if (!index.countries.has(record.countryCode)) index.countries.set(record.countryCode, record);
    record.networks.forEach((network, networkIndex) => {
      for (const range of network.ranges) {
        if (!/^\d+$/.test(range)) continue;
        const key = `${record.countryCode}:${range}`;
        const known = index!.ranges.get(key);
        index!.ranges.set(
          key,
          known === undefined || known === networkIndex ? networkIndex : AMBIGUOUS,
        );
        index!.longest = Math.max(index!.longest, range.length);
      }
    });
  }
  indexes.set(catalogue, index);
  return index;
}

/**
 * Prices one parsed number from a full catalogue of one type: the country from its dialling
 * prefix (libphonenumber-js), then the longest range that one of that country's networks lists.
 * Ranges are matched within the number's own country only (+1 and +44 are shared by several), and
 * a range is where the number was allocated: a ported number may be on another network now.
 */
export function priceNumber(
  catalogue: readonly CountryPricingRecord[],
  number: ParsedMsisdn & { valid: true },
): NumberPriceResult {
  const { msisdn, country } = number;
  if (country === null) return { msisdn, unpriced: UnpricedReason.NO_COUNTRY };
  const index = indexOf(catalogue);
  const record = index.countries.get(country);
  if (!record || record.minPrice === null || record.maxPrice === null) {
    return { msisdn, unpriced: UnpricedReason.COUNTRY_NOT_PRICED };
  }
  for (let length = Math.min(index.longest, msisdn.length); length > 0; length--) {
    const range = msisdn.slice(0, length);
    const networkIndex = index.ranges.get(`${country}:${range}`);
    if (networkIndex === undefined) continue;
    if (networkIndex === AMBIGUOUS) break;
    const { price } = record.networks[networkIndex];
    return {
      msisdn,
      record,
      match: PriceMatch.NETWORK,
      range,
      networkIndex,
      price,
      minPrice: price,
      maxPrice: price,
    };
  }
  return {
    msisdn,
    record,
    match: PriceMatch.COUNTRY,
    range: null,
    networkIndex: null,
    price: null,
    minPrice: record.minPrice,
    maxPrice: record.maxPrice,
  };
}
