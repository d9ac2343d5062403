import { PRICINGS, type Varied, mix, varied20x2 } from './bench-varied';

/** The cases `npm run bench` runs (`-- --cases owned,search` picks some), in their default order. */

/** How many numbers the bench's simulator account owns at the start (`owned` lists 100 of them). */
export const OWNED_NUMBERS = 120;

/** Simulator routes by API area, as `counters.byRoute` names them: `GET /account/numbers`, … */
const ACCOUNT = /^GET \/account\/get-balance$/;
const PRICING = /pricing/;
const NUMBERS = /^[A-Z]+ \/(account\/numbers|number\/)/;

const COUNTRIES = 'GB US CA DE FR ES IT NL BE SE NO DK FI PL PT IE AT CH JP AU'.split(' ');
const NETWORKS = 'networks { networkName price }';

/** 1 000 recipients: half in a range the sandbox lists (DE, Simquadrat), half priced by country (GB). */
const RECIPIENTS = Array.from({ length: 1_000 }, (_, i) =>
  i % 2 === 0 ? `+4915870${String(i).padStart(6, '0')}` : `+447400${String(i).padStart(6, '0')}`,
);

/**
 * label, query (with its variables, if any), and the simulator routes whose calls count as the
 * case's upstream calls, by API area (the report splits the count when a case has more than one).
 */
export type Case = {
  label: string;
  query: string;
  variables?: Record<string, unknown>;
  areas: Record<string, RegExp>;
  /** Varied traffic: each request the next body of a pool (`query` is then the first's). */
  varied?: () => Varied;
  /** Added to the gateway's environment for this case. */
  env?: Record<string, string>;
  /** OpenTelemetry on: spans go over OTLP/HTTP to a receiver in its own process (bench-otlp.js). */
  tracing?: boolean;
};

export const CASES: Record<string, Case> = {
  balance: {
    label: 'balance',
    query: '{ account { balance { value autoReload } } }',
    areas: { account: ACCOUNT },
  },
  country: {
    label: 'one country',
    query: `{ pricing(country: "GB") { countryCode minPrice maxPrice ${NETWORKS} } }`,
    areas: { pricing: PRICING },
  },
  '20x2': {
    label: '20 countries × {SMS, VOICE}',
    query: `{ pricings(countries: ${JSON.stringify(COUNTRIES)}, types: [SMS, VOICE]) {
      countryCode type minPrice ${NETWORKS} } }`,
    areas: { pricing: PRICING },
  },
  aliased: {
    label: 'the same 20 × 2 as 40 aliased fields',
    query: `{ ${COUNTRIES.flatMap((country) =>
      ['SMS', 'VOICE'].map(
        (type) => `${country}_${type}: pricing(country: "${country}", type: ${type}) {
          countryCode type minPrice ${NETWORKS} }`,
      ),
    ).join(' ')} }`,
    areas: { pricing: PRICING },
  },
  catalogue: {
    label: 'full catalogue',
    query: `{ pricings { countryCode ${NETWORKS} } }`,
    areas: { pricing: PRICING },
  },
  owned: {
    label: '100 owned numbers with their SMS price',
    query: `{ ownedNumbers(pageSize: 100) {
      nodes { msisdn country type features pricing(type: SMS) { minPrice maxPrice } } } }`,
    areas: { numbers: NUMBERS, pricing: PRICING },
  },
  search: {
    label: 'search GB mobiles with SMS',
    query: `{ availableNumbers(country: "GB", type: MOBILE_LVN, features: [SMS], pageSize: 10) {
      nodes { msisdn monthlyCost pricing(type: SMS) { minPrice } } } }`,
    areas: { numbers: NUMBERS, pricing: PRICING },
  },
  estimate: {
    label: 'SMS estimate, 1 000 recipients',
    query: `query ($to: [String!]!) {
      estimateSmsCost(text: "Your code is 123456. Reply STOP to opt out.", to: $to) {
        encoding segments total minTotal maxTotal
        recipients { msisdn countryCode match unitPrice cost } unpriced { msisdn reason } } }`,
    variables: { to: RECIPIENTS },
    areas: { pricing: PRICING },
  },
  varied: {
    label: 'varied: every request a different 20 countries × {SMS, VOICE}',
    query: PRICINGS,
    varied: varied20x2,
    areas: { pricing: PRICING },
  },
  traced: {
    label: 'varied 20 × 2 with tracing on (OTLP/HTTP to a receiver in its own process)',
    query: PRICINGS,
    varied: varied20x2,
    areas: { pricing: PRICING },
    tracing: true,
  },
  mix: {
    label:
      'varied mix: 40% pricings, 20% numberPricing, 20% owned pages, 10% searches, 10% balance',
    query: PRICINGS,
    varied: mix,
    areas: { account: ACCOUNT, pricing: PRICING, numbers: NUMBERS },
    // Numbers lists are refreshed before answering once expired (no stale-while-revalidate):
    // kept for the whole measurement, so that it measures the gateway, not the 1 call/s queue.
    env: { NUMBERS_TTL_MS: process.env.NUMBERS_TTL_MS || '120000' },
  },
};

/** The cases the issue's pricing targets are about: those whose only upstream is Pricing. */
export const PRICING_ONLY = Object.keys(CASES).filter(
  (id) => Object.keys(CASES[id].areas).join() === 'pricing',
);
