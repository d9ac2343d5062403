import { type Serialized } from '../area';
import { formatAmount } from '../money';
import { type Payload, toJson, toXml } from '../render';
import {
  catalogue,
  type PricedCountry,
  type PricedNetwork,
  type PricingType,
} from './pricing.data';
import { movesDigest, withMoves } from './pricing.moves';

/**
 * The Pricing API's answers, rendered from the catalogue. One country's JSON text and XML tree are
 * built once per type and currency, and the full price list (hundreds of KB) once per type,
 * currency and set of unpriced countries, so serving it again costs a string copy.
 */

/** One country entry: its JSON text and its XML tree (lists nested as `<networks><network>`). */
interface Shaped {
  json: string;
  xml: Payload;
}

interface CountryView {
  country: PricedCountry;
  priced: Shaped;
  unpriced: Shaped;
}

interface View {
  countries: readonly CountryView[];
  byCode: ReadonlyMap<string, CountryView>;
  /** Full price lists keyed by the sorted unpriced codes. */
  full: Map<string, Serialized>;
}

const MAX_FULL_PER_VIEW = 8;
/** Views with moved prices (a test's); the unmoved ones are kept for the process. */
const MAX_MOVED_VIEWS = 16;
const views = new Map<string, View>();
const movedViews = new Map<string, View>();

/** Network prices moved by a test, by `country:networkCode` (pricing.moves.ts). */
type Moves = ReadonlyMap<string, bigint> | undefined;

export function countryPricing(
  type: PricingType,
  currency: string,
  code: string,
  priced: boolean,
  moves?: Moves,
): Serialized {
  const entry = countryView(type, currency, code, moves);
  const shaped = priced ? entry.priced : entry.unpriced;
  return { json: () => shaped.json, xml: () => toXml('pricing', shaped.xml) };
}

/** Every country, unpriced ones without networks, plus one nameless entry as the real list has. */
export function fullPricing(
  type: PricingType,
  currency: string,
  unpriced: ReadonlySet<string>,
  moves?: Moves,
): Serialized {
  const view = viewOf(type, currency, moves);
  const key = [...unpriced].sort().join(',');
  let found = view.full.get(key);
  if (!found) {
    const entries = view.countries.map((entry) =>
      unpriced.has(entry.country.code) ? entry.unpriced : entry.priced,
    );
    entries.splice(Math.floor(entries.length / 2), 0, shape({ countryName: 'Unknown', currency }));
    // The real API sends this count as a string.
    found = countryList(String(entries.length), entries);
    if (view.full.size >= MAX_FULL_PER_VIEW) view.full.clear();
    view.full.set(key, found);
  }
  return found;
}

/** The priced countries dialled with `prefix` (`1`: the US, Canada and the NANP islands). */
export function prefixPricing(
  type: PricingType,
  currency: string,
  unpriced: ReadonlySet<string>,
  prefix: string,
  moves?: Moves,
): Serialized {
  const entries = viewOf(type, currency, moves)
    .countries.filter(({ country }) => country.dialingPrefix === prefix)
    .filter(({ country }) => !unpriced.has(country.code))
    .map((entry) => entry.priced);
  return countryList(entries.length, entries);
}

/** Seed 002's older shape: `mt` for the default price, networks as `{code, network, mtPrice}`. */
export function legacyCountryPricing(
  type: PricingType,
  currency: string,
  code: string,
  priced: boolean,
  moves?: Moves,
): { body: Payload; xmlBody: Payload } {
  const { country } = countryView(type, currency, code, moves);
  const head = { country: country.code, name: country.name, prefix: country.dialingPrefix };
  const displayName = { countryDisplayName: country.name };
  if (!priced) {
    const body = { ...head, ...displayName };
    return { body, xmlBody: body };
  }
  const mt = money(country.defaultUnits, currency);
  const networks = country.networks.map((network) => ({
    code: network.networkCode,
    network: network.networkName,
    mtPrice: money(network.units, currency),
  }));
  const xmlNetworks = networks.map(({ code: networkCode, network, mtPrice }) => ({
    code: networkCode,
    name: network,
    mtPrice,
  }));
  return {
    body: { ...head, mt, networks, ...displayName },
    xmlBody: { ...displayName, ...head, mt, networks: { network: xmlNetworks } },
  };
}

function countryView(type: PricingType, currency: string, code: string, moves: Moves): CountryView {
  const entry = viewOf(type, currency, moves).byCode.get(code);
  if (!entry) throw new RangeError(`${code} is not an ISO 3166-1 alpha-2 country code`);
  return entry;
}

function viewOf(type: PricingType, currency: string, moves: Moves): View {
  const key = `${type}|${currency}`;
  let view = views.get(key);
  if (!view) {
    const countries = catalogue(type).map((country) => ({
      country,
      priced: shapePriced(country, currency),
      unpriced: shape(identity(country, currency)),
    }));
    view = { countries, byCode: byCode(countries), full: new Map() };
    views.set(key, view);
  }
  const digest = movesDigest(moves);
  if (digest === '') return view;
  return movedView(view, `${key}|${digest}`, currency, moves);
}

/** The unmoved view with the moved countries shaped again (the others are shared). */
function movedView(base: View, key: string, currency: string, moves: Moves): View {
  let view = movedViews.get(key);
  if (!view) {
    const countries = base.countries.map((entry) => {
      const country = withMoves(entry.country, moves);
      return country === entry.country
        ? entry
        : { ...entry, country, priced: shapePriced(country, currency) };
    });
    view = { countries, byCode: byCode(countries), full: new Map() };
    if (movedViews.size >= MAX_MOVED_VIEWS) movedViews.clear();
    movedViews.set(key, view);
  }
  return view;
}

function byCode(countries: readonly CountryView[]): ReadonlyMap<string, CountryView> {
  return new Map(countries.map((entry) => [entry.country.code, entry]));
}

function countryList(count: string | number, entries: readonly Shaped[]): Serialized {
  const json = `{"count":${toJson(count)},"countries":[${entries.map((e) => e.json).join(',')}]}`;
  let xml: string | undefined;
  const tree = () => ({ count, countries: { country: entries.map((entry) => entry.xml) } });
  return { json: () => json, xml: () => (xml ??= toXml('response', tree())) };
}

function identity(country: PricedCountry, currency: string) {
  return {
    countryCode: country.code,
    countryName: country.name,
    countryDisplayName: country.name,
    currency,
  };
}

function shapePriced(country: PricedCountry, currency: string): Shaped {
  const head = {
    ...identity(country, currency),
    defaultPrice: money(country.defaultUnits, currency),
    dialingPrefix: country.dialingPrefix,
  };
  const networks = country.networks.map((network) => networkPayload(network, currency));
  const xmlNetworks = networks.map(({ ranges, ...rest }) =>
    ranges === undefined ? rest : { ...rest, ranges: { range: ranges } },
  );
  return {
    json: toJson({ ...head, networks }),
    xml: { ...head, networks: { network: xmlNetworks } },
  };
}

function networkPayload(network: PricedNetwork, currency: string) {
  const { mcc, mnc, ranges } = network;
  return {
    type: network.type,
    price: money(network.units, currency),
    currency,
    ...(mcc !== undefined && mnc !== undefined ? { mcc, mnc } : {}),
    networkCode: network.networkCode,
    networkName: network.networkName,
    ...(ranges ? { ranges } : {}),
  };
}

function shape(body: { readonly [key: string]: Payload }): Shaped {
  return { json: toJson(body), xml: body };
}

/**
 * Catalogue prices are EUR; a USD account sees them at a fixed 1.10, rounded half up to 10^-8
 * in integer arithmetic.
 */
export function money(units: bigint, currency: string): string {
  return formatAmount(currency === 'USD' ? (units * 11n + 5n) / 10n : units);
}
