/**
 * The bench's varied traffic: every request its own variables, as front-ends send them (one
 * document per page, codegen'd, with variables), so the whole-answer cache cannot serve them.
 * Each case is a pool of request bodies the load generator cycles through, plus the requests
 * that fill every cache the pool reads before it is measured (the Numbers lists and searches are
 * at 1 call/s).
 */
import { getAlpha2Codes } from 'i18n-iso-countries';
import { seeded } from '../test/helpers/seeded';

export type Body = { query: string; variables?: Record<string, unknown> };

export interface Varied {
  /** Distinct bodies, cycled in order (a seeded generator: the same pool every run). */
  pool: Body[];
  /** Sent one after the other before any phase: every upstream list the pool reads, once. */
  warmUp: Body[];
}

const ALL_COUNTRIES = Object.keys(getAlpha2Codes());
const POOL_SIZE = 5_000;

export const PRICINGS = `query Pricings($countries: [String!]!) {
  pricings(countries: $countries, types: [SMS, VOICE]) {
    countryCode type minPrice networks { networkName price } } }`;
const NUMBER_PRICING = `query NumberPricing($msisdn: String!) {
  numberPricing(msisdn: $msisdn, type: SMS) {
    msisdn countryCode match price minPrice maxPrice currency network { networkName networkCode } } }`;
const OWNED = `query OwnedNumbers($pageSize: Int!, $page: Int!) {
  ownedNumbers(pageSize: $pageSize, page: $page) {
    totalCount hasNextPage nodes { msisdn country type features pricing(type: SMS) { minPrice maxPrice } } } }`;
const SEARCH = `query Search($country: String!) {
  availableNumbers(country: $country, type: MOBILE_LVN, features: [SMS], pageSize: 10) {
    nodes { msisdn monthlyCost pricing(type: SMS) { minPrice } } } }`;
const BALANCE = `query Balance { account { balance { value autoReload } } }`;

/** Page sizes and pages the mix reads of the 120 owned numbers (each pair one cached list). */
const OWNED_PAGES: [number, number][] = [
  [5, 1],
  [10, 1],
  [10, 2],
  [20, 1],
  [25, 3],
  [50, 1],
  [100, 1],
];
const SEARCH_COUNTRIES = ['GB', 'DE', 'US'];
/** Mobile ranges and their numbers' length in digits: GB 7400, DE 1587 (ranges the sandbox lists), FR, NL, ES, IT. */
const MOBILES: [string, number][] = [
  ['+447400', 12],
  ['+4915870', 13],
  ['+3361', 11],
  ['+3161', 11],
  ['+346', 11],
  ['+3934', 12],
];

/**
 * Every country the pools may ask, 20 at a time: the countries Vonage does not price are learnt
 * from the catalogue (and cached as such) instead of one country call each at 1/s mid-run.
 */
const EVERY_COUNTRY: Body[] = Array.from(
  { length: Math.ceil(ALL_COUNTRIES.length / 20) },
  (_, i) => ({
    query: PRICINGS,
    variables: { countries: ALL_COUNTRIES.slice(i * 20, i * 20 + 20) },
  }),
);

function twentyCountries(random: () => number): string[] {
  const picked = new Set<string>();
  while (picked.size < 20) picked.add(ALL_COUNTRIES[Math.floor(random() * ALL_COUNTRIES.length)]);
  return [...picked];
}

function mobile(random: () => number): string {
  const [prefix, length] = MOBILES[Math.floor(random() * MOBILES.length)];
  const digits = length - (prefix.length - 1);
  return prefix + String(Math.floor(random() * 10 ** digits)).padStart(digits, '0');
}

/** Every request a different 20 countries × {SMS, VOICE} (the fields of the 20 × 2 case). */
export function varied20x2(): Varied {
  const random = seeded(20);
  const pool = Array.from({ length: POOL_SIZE }, () => ({
    query: PRICINGS,
    variables: { countries: twentyCountries(random) },
  }));
  return { pool, warmUp: EVERY_COUNTRY };
}

/** 40% such pricings, 20% numberPricing of random mobiles, 20% owned pages, 10% searches, 10% balance. */
export function mix(): Varied {
  const random = seeded(35);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
  const pool = Array.from({ length: POOL_SIZE }, (_, i): Body => {
    const slot = i % 10;
    if (slot < 4) return { query: PRICINGS, variables: { countries: twentyCountries(random) } };
    if (slot < 6) return { query: NUMBER_PRICING, variables: { msisdn: mobile(random) } };
    if (slot < 8) {
      const [pageSize, page] = pick(OWNED_PAGES);
      return { query: OWNED, variables: { pageSize, page } };
    }
    if (slot === 8) return { query: SEARCH, variables: { country: pick(SEARCH_COUNTRIES) } };
    return { query: BALANCE };
  });
  const warmUp: Body[] = [
    { query: BALANCE },
    ...EVERY_COUNTRY,
    ...OWNED_PAGES.map(([pageSize, page]) => ({ query: OWNED, variables: { pageSize, page } })),
    ...SEARCH_COUNTRIES.map((country) => ({ query: SEARCH, variables: { country } })),
  ];
  return { pool, warmUp };
}
