import { countryCode } from '../kernel/validation';
import { type ParsedMsisdn } from './msisdn';
import { priceNumber } from './number-pricing';
import { type CountryPricingRecord } from './pricing.client';
import { type Served } from './pricing.service';
import {
  type CountryPricing,
  type Network,
  type NetworkPricing,
  type PricingType,
} from './pricing.type';
import { type NumberPricing, type SmsCostEstimate, type SmsRecipientCost } from './intel.type';
import { toCountryPricing } from './pricing.view';
import { estimateSms } from './sms-estimate';

/**
 * From arguments to what the pricing reads take, and from what they serve to the answers: no
 * reads here (src/pricing/pricing.loader.ts reads, and records how fresh what it served is).
 */

export interface PricingKey {
  /** ISO 3166-1 alpha-2, upper case (src/kernel/validation.ts, countryCode). */
  country: string;
  type: PricingType;
}

/**
 * The one place that says how a (country, type) pair is keyed, from a code in upper case. Every
 * resolver that joins prices (a number's country, a list of countries) builds its key here.
 */
export function pricingKey(country: string, type: PricingType): PricingKey {
  return { country, type };
}

/** Countries Vonage prices in every account; any of them tells the account's billing currency. */
export const CURRENCY_PROBES = ['GB', 'US', 'DE'];

/** Each type once, in the order asked. */
export const uniqueTypes = (types: readonly PricingType[]): PricingType[] => [...new Set(types)];

/** The key of one country argument. */
export const countryKey = (country: string, type: PricingType): PricingKey =>
  pricingKey(countryCode(country, 'country'), type);

/** The keys of a list of countries and types: each country and each type once. */
export function countryKeys(
  countries: readonly string[],
  types: readonly PricingType[],
): PricingKey[] {
  const codes = [...new Set(countries.map((country) => countryCode(country, 'countries')))];
  const unique = uniqueTypes(types);
  return codes.flatMap((country) => unique.map((type) => pricingKey(country, type)));
}

/** The countries of a list that Vonage prices, in order; the first failure is thrown. */
export function pricedOnly(results: readonly (CountryPricing | null | Error)[]): CountryPricing[] {
  const failure = results.find((result) => result instanceof Error);
  if (failure) throw failure;
  return results.filter((result): result is CountryPricing => result !== null);
}

/** A dialling prefix as the catalogue spells it: digits, without a leading +. */
export const prefixDigits = (prefix: string): string => prefix.replace(/^\+/, '');

/** The network one MCC and MNC name in a catalogue, with its country; null when none does. */
export function networkOf(
  catalogue: Served<readonly CountryPricingRecord[]>,
  mcc: string,
  mnc: string,
  type: PricingType,
): NetworkPricing | null {
  for (const record of catalogue.value) {
    if (!record.networks.some((candidate) => candidate.mcc === mcc && candidate.mnc === mnc)) {
      continue;
    }
    const country = toCountryPricing(record, catalogue, type);
    const network = country.networks.find(
      (candidate) => candidate.mcc === mcc && candidate.mnc === mnc,
    );
    if (network) return { network, country };
  }
  return null;
}

/** The price of one valid number, from the catalogue of its type; null when it is not priced. */
export function numberPricingOf(
  number: Extract<ParsedMsisdn, { valid: true }>,
  catalogue: Served<readonly CountryPricingRecord[]>,
  type: PricingType,
): NumberPricing | null {
  const priced = priceNumber(catalogue.value, number);
  if ('unpriced' in priced) return null;
  const country = toCountryPricing(priced.record, catalogue, type);
  const network: Network | null =
    priced.networkIndex === null ? null : country.networks[priced.networkIndex];
  return {
    msisdn: priced.msisdn,
    countryCode: priced.record.countryCode,
    type,
    match: priced.match,
    range: priced.range,
    network,
    price: priced.price,
    minPrice: priced.minPrice,
    maxPrice: priced.maxPrice,
    currency: network?.currency ?? priced.record.currency,
    country,
  };
}

/** What one text to each recipient would cost, from the catalogue of its type. */
export function smsCostEstimateOf(
  catalogue: Served<readonly CountryPricingRecord[]>,
  text: string,
  to: readonly string[],
  type: PricingType,
): SmsCostEstimate {
  const estimate = estimateSms(catalogue.value, text, to);
  // One view per country for the whole list, not one look-up per recipient.
  const countries = new Map<CountryPricingRecord, CountryPricing>();
  const countryOf = (record: CountryPricingRecord) => {
    let view = countries.get(record);
    if (!view) countries.set(record, (view = toCountryPricing(record, catalogue, type)));
    return view;
  };
  const recipients = estimate.recipients.map((recipient): SmsRecipientCost => ({
    msisdn: recipient.msisdn,
    countryCode: recipient.record.countryCode,
    match: recipient.match,
    network:
      recipient.networkIndex === null
        ? null
        : countryOf(recipient.record).networks[recipient.networkIndex],
    unitPrice: recipient.price,
    cost: recipient.cost,
    minCost: recipient.minCost,
    maxCost: recipient.maxCost,
  }));
  return {
    ...estimate,
    type,
    recipients,
    asOf: new Date(catalogue.storedAt),
    stale: catalogue.stale,
  };
}
