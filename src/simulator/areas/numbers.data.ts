import { createHash } from 'node:crypto';
import { type CountryCode } from 'libphonenumber-js';
import metadata from 'libphonenumber-js/metadata.max.json';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { generate, parsePattern, seededRandom } from './numbers.digits';

/**
 * The sandbox's stock of virtual numbers: for every country libphonenumber-js knows, up to 40
 * mobile, 20 landline and 10 toll-free numbers drawn from the country's real allocated ranges and
 * checked as valid numbers of that type and country. Nothing depends on the account, so each
 * country's pool is built on first use and shared by every simulator in the process; which of
 * them an account owns is that simulator's state.
 */

export type NumberType = 'mobile-lvn' | 'landline' | 'landline-toll-free';
export const NUMBER_TYPES: readonly NumberType[] = ['mobile-lvn', 'landline', 'landline-toll-free'];

export type Feature = 'SMS' | 'VOICE' | 'MMS';

/** The `features` values search accepts, exactly as the spec's enum spells them. */
export const FEATURE_COMBINATIONS: readonly string[] = [
  'SMS',
  'VOICE',
  'MMS',
  'SMS,VOICE',
  'SMS,MMS',
  'VOICE,MMS',
  'SMS,MMS,VOICE',
];

export interface PoolNumber {
  country: string;
  /** E.164 digits, country code included, no `+`. */
  msisdn: string;
  type: NumberType;
  /** In the order Vonage lists them (`["VOICE","SMS"]`), not the order search asks for them. */
  features: readonly Feature[];
  /** Monthly rental in EUR, two places (`"1.25"`). */
  cost: string;
}

interface TypeSpec {
  type: NumberType;
  /** Index of the type in libphonenumber's compressed metadata (fixed line 0, mobile 1, ...). */
  index: number;
  /** What `getType()` may answer for a number of this type (NANP lists both as one). */
  accepted: readonly string[];
  wanted: number;
  /** [lowest, highest] monthly cost in cents. */
  cents: [number, number];
}

const TYPES: readonly TypeSpec[] = [
  {
    type: 'mobile-lvn',
    index: 1,
    accepted: ['MOBILE', 'FIXED_LINE_OR_MOBILE'],
    wanted: 40,
    cents: [50, 300],
  },
  {
    type: 'landline',
    index: 0,
    accepted: ['FIXED_LINE', 'FIXED_LINE_OR_MOBILE'],
    wanted: 20,
    cents: [50, 250],
  },
  { type: 'landline-toll-free', index: 2, accepted: ['TOLL_FREE'], wanted: 10, cents: [500, 2500] },
];

/** Candidates tried per wanted number; a type with no hit in the first 200 is given up early. */
const TRIES_PER_NUMBER = 25;
const EARLY_GIVE_UP = 200;

type Plan = [string, ...unknown[]];
const plans = (metadata as unknown as { countries: Record<string, Plan | undefined> }).countries;
const pools = new Map<string, readonly PoolNumber[]>();

/** Every available number of the country (upper-case ISO code), mobiles first, each type sorted. */
export function poolOf(country: string): readonly PoolNumber[] {
  let pool = pools.get(country);
  if (!pool) {
    pool = buildPool(country);
    pools.set(country, pool);
  }
  return pool;
}

/** The number with these digits in the country's pool, if the pool has it. */
export function findInPool(country: string, msisdn: string): PoolNumber | undefined {
  return poolOf(country).find((entry) => entry.msisdn === msisdn);
}

/**
 * Where an account's starting numbers come from: two GB mobiles and a US landline first (the
 * default three), then one number from each of these countries in turn, then every other country
 * in code order. None of them needs the dashboard, so each could have been bought through the API.
 */
const STARTER_COUNTRIES = ['GB', 'US', 'CA', 'NL', 'SE', 'BE', 'IE', 'PL', 'AT', 'CH', 'DK'];

/** The first `count` starting numbers, skipping the countries in `excluded`; throws past the stock. */
export function startingNumbers(count: number, excluded: ReadonlySet<string>): PoolNumber[] {
  const chosen = new Map<string, PoolNumber>();
  const take = (entry: PoolNumber | undefined) => {
    if (entry && chosen.size < count && !excluded.has(entry.country)) {
      chosen.set(entry.msisdn, entry);
    }
  };
  const ofType = (country: string, type: NumberType) =>
    poolOf(country).filter((entry) => entry.type === type);
  take(ofType('GB', 'mobile-lvn')[0]);
  take(ofType('GB', 'mobile-lvn')[1]);
  take(ofType('US', 'landline')[0]);
  const rest = (country: string) => poolOf(country).filter((entry) => !chosen.has(entry.msisdn));
  // Only an account with more than the default three builds the other countries' pools.
  const queues = chosen.size < count ? STARTER_COUNTRIES.map(rest) : [];
  for (
    let round = 0;
    chosen.size < count && queues.some((queue) => round < queue.length);
    round++
  ) {
    for (const queue of queues) take(queue[round]);
  }
  const others = Object.keys(plans).filter((code) => !STARTER_COUNTRIES.includes(code));
  for (const country of others.sort()) {
    if (chosen.size >= count) break;
    if (!excluded.has(country)) rest(country).forEach(take);
  }
  if (chosen.size < count) {
    throw new RangeError(`numbers.owned: the sandbox has only ${chosen.size} numbers to own`);
  }
  return [...chosen.values()];
}

function buildPool(country: string): PoolNumber[] {
  const plan = plans[country];
  if (!plan) return [];
  const callingCode = plan[0];
  const types = plan[11] as readonly (readonly [string?])[] | undefined;
  const seen = new Set<string>();
  return TYPES.flatMap((spec) => {
    // An empty mobile pattern means "the same as fixed line" (NANP): those numbers are both.
    const pattern = types?.[spec.index]?.[0] || (spec.index === 1 ? types?.[0]?.[0] : undefined);
    if (!pattern) return [];
    const cost = costOf(country, spec);
    const drawn = drawNumbers(country, callingCode, pattern, spec).filter((msisdn) => {
      const fresh = !seen.has(msisdn);
      seen.add(msisdn);
      return fresh;
    });
    return drawn.map((msisdn, position) => ({
      country,
      msisdn,
      type: spec.type,
      features: featuresOf(spec.type, position),
      cost,
    }));
  });
}

/**
 * Parsing `+<calling code><national number>` decides the country the way libphonenumber does, so a
 * number shared by a calling code (+44 for GB, GG, JE, IM; +1 for NANP) lands in one pool only and
 * an msisdn names one number everywhere.
 */
function drawNumbers(country: string, code: string, pattern: string, spec: TypeSpec): string[] {
  const tree = parsePattern(pattern);
  const random = seededRandom(hash(`numbers:${country}:${spec.type}`));
  const found = new Set<string>();
  const limit = spec.wanted * TRIES_PER_NUMBER;
  for (let tries = 0; tries < limit && found.size < spec.wanted; tries += 1) {
    if (tries === EARLY_GIVE_UP && found.size === 0) break;
    const parsed = parsePhoneNumberFromString(`+${code}${generate(tree, random)}`);
    if (!parsed || parsed.country !== (country as CountryCode) || !parsed.isValid()) continue;
    if (spec.accepted.includes(parsed.getType() ?? '')) found.add(parsed.number.slice(1));
  }
  return [...found].sort();
}

/** Mobiles all take SMS and a quarter MMS too; a third of landlines take SMS; toll-free is voice. */
function featuresOf(type: NumberType, position: number): Feature[] {
  if (type === 'mobile-lvn') return position % 4 === 3 ? ['VOICE', 'SMS', 'MMS'] : ['VOICE', 'SMS'];
  if (type === 'landline') return position % 3 === 0 ? ['VOICE', 'SMS'] : ['VOICE'];
  return ['VOICE'];
}

/** One price per country and type, in steps of 5 cents, as a two-place decimal string. */
function costOf(country: string, spec: TypeSpec): string {
  const [low, high] = spec.cents;
  const steps = Math.floor((high - low) / 5) + 1;
  const cents = low + (hash(`cost:${country}:${spec.type}`) % steps) * 5;
  return `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
}

function hash(text: string): number {
  return createHash('sha1').update(text).digest().readUInt32BE(0);
}
