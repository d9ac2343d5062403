import { type CallScope } from '../base/call-scope';
import { compareDecimal, parseDecimal } from '../base/decimal';
import { type Body, asRecord, optionalString } from '../upstream/fields';
import { type XmlList } from '../upstream/decode';
import { type UpstreamTransport } from '../upstream/transport';
import { PricingType } from './pricing.type';

export interface NetworkRecord {
  /** Open-ended: mobile, landline, landline_premium, landline_tollfree, pager… */
  type: string | null;
  /** Mobile Country Code and Mobile Network Code combined. */
  networkCode: string | null;
  /** The operator's name. */
  networkName: string | null;
  mcc: string | null;
  mnc: string | null;
  /** Price of one message or minute on this network, exact. */
  price: string;
  currency: string | null;
  /** Number prefixes the network serves, when the upstream lists them. */
  ranges: string[];
}

export interface CountryPricingRecord {
  /** ISO 3166-1 alpha-2, upper case. */
  countryCode: string;
  countryName: string | null;
  countryDisplayName: string | null;
  dialingPrefix: string | null;
  /** The account's billing currency (EUR or USD). */
  currency: string | null;
  /** Vonage's default price: often the landline price, not what mobiles cost. */
  defaultPrice: string | null;
  networks: NetworkRecord[];
  /** The lowest and highest network price (the default price when there are no networks). */
  minPrice: string | null;
  maxPrice: string | null;
}

/** How each service type is spelled in the upstream's paths. */
const PATH: Record<PricingType, string> = {
  [PricingType.SMS]: 'sms',
  [PricingType.SMS_TRANSIT]: 'sms-transit',
  [PricingType.VOICE]: 'voice',
};

function text(body: Body, ...fields: string[]): string | null {
  for (const field of fields) {
    const value = optionalString(body, field);
    if (value !== undefined && value.trim() !== '') return value.trim();
  }
  return null;
}

function decimal(body: Body, ...fields: string[]): string | null {
  const value = text(body, ...fields);
  return value === null ? null : parseDecimal(value);
}

function list(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  return value === undefined || value === null || value === '' ? [] : [value];
}

/** Reads a network in today's shape or in the older one (`code`, `network`/`name`, `mtPrice`). */
function readNetwork(raw: unknown, country: Body): NetworkRecord | null {
  const body = asRecord(raw);
  const price = decimal(body, 'price', 'mtPrice');
  // A network without a price tells a front-end nothing it can use.
  if (price === null) return null;
  const networkCode = text(body, 'networkCode', 'code');
  // The older shape gives only the code, MCC and MNC together (23415); a code like GB-FIXED or
  // IT-PREMIUM holds neither, and then they are null, never made up.
  const combined = networkCode && /^\d{5,6}$/.test(networkCode) ? networkCode : null;
  return {
    type: text(body, 'type'),
    networkCode,
    networkName: text(body, 'networkName', 'network', 'name'),
    mcc: text(body, 'mcc') ?? combined?.slice(0, 3) ?? null,
    mnc: text(body, 'mnc') ?? combined?.slice(3) ?? null,
    price,
    currency: text(body, 'currency') ?? text(country, 'currency'),
    ranges: list(body.ranges).map(String),
  };
}

/**
 * Reads one country in either shape, or null when the entry is unusable (no country code) or
 * says the country is not priced (neither networks nor a default price).
 */
export function readCountry(raw: unknown): CountryPricingRecord | null {
  const body = asRecord(raw);
  const countryCode = text(body, 'countryCode', 'country')?.toUpperCase();
  if (!countryCode || !/^[A-Z]{2}$/.test(countryCode)) return null;
  const networks = list(body.networks)
    .map((network) => readNetwork(network, body))
    .filter((network): network is NetworkRecord => network !== null);
  const defaultPrice = decimal(body, 'defaultPrice', 'mt');
  if (networks.length === 0 && defaultPrice === null) return null;
  // Worked out once here, so that the cached record answers every request without re-sorting.
  const prices = networks.map((network) => network.price).sort(compareDecimal);
  return {
    countryCode,
    countryName: text(body, 'countryName', 'name'),
    countryDisplayName: text(body, 'countryDisplayName', 'countryName', 'name'),
    dialingPrefix: text(body, 'dialingPrefix', 'prefix'),
    currency: text(body, 'currency'),
    defaultPrice,
    networks,
    minPrice: prices[0] ?? defaultPrice,
    maxPrice: prices[prices.length - 1] ?? defaultPrice,
  };
}

/** `count` comes as a number or a string, and an empty answer as {}: only the list counts. */
function readCountries(body: Body): CountryPricingRecord[] {
  return list(body.countries)
    .map(readCountry)
    .filter((country): country is CountryPricingRecord => country !== null);
}

const AREA = 'pricing';

/** Pricing's error bodies carry `code` beside the currency (pricing.yml), not `error-code`. */
const ERROR_CODE_FIELDS = ['error-code', 'code'];

/** Where pricing answers hold lists: one country's networks, or a list of countries. */
const COUNTRY_LISTS: readonly XmlList[] = [
  { at: 'networks', item: 'network' },
  { at: 'networks.ranges', item: 'range' },
];
const LIST_LISTS: readonly XmlList[] = [
  { at: 'countries', item: 'country' },
  ...COUNTRY_LISTS.map(({ at, item }) => ({ at: `countries.${at}`, item })),
];

/** Vonage's Pricing API (1 request per second per account). */
export class PricingClient {
  constructor(private readonly transport: UpstreamTransport) {}

  /** One country; null when the upstream does not price it. */
  getCountryPricing(
    type: PricingType,
    country: string,
    scope: CallScope = {},
  ): Promise<CountryPricingRecord | null> {
    return this.transport.call(
      {
        ...scope,
        area: AREA,
        method: 'GET',
        path: `/account/get-pricing/outbound/${PATH[type]}`,
        operation: 'getCountryPricing',
        query: { country },
        xmlLists: COUNTRY_LISTS,
        errorCodeFields: ERROR_CODE_FIELDS,
      },
      readCountry,
    );
  }

  /** Every priced country: hundreds of KB in one call. */
  getFullPricing(type: PricingType, scope: CallScope = {}): Promise<CountryPricingRecord[]> {
    return this.transport.call(
      {
        ...scope,
        area: AREA,
        method: 'GET',
        path: `/account/get-full-pricing/outbound/${PATH[type]}`,
        operation: 'getFullPricing',
        xmlLists: LIST_LISTS,
        errorCodeFields: ERROR_CODE_FIELDS,
      },
      readCountries,
    );
  }
}
