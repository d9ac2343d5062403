import { createHash } from 'node:crypto';
import { getAlpha2Codes, getName } from 'i18n-iso-countries';
import { getCountries, getCountryCallingCode } from 'libphonenumber-js';
import { all as allOperators } from 'mcc-mnc-list';

/**
 * The sandbox's price list: every ISO 3166-1 country with its real mobile operators (mcc-mnc-list),
 * its dialling prefix (libphonenumber-js) and made-up but stable prices. Nothing here depends on
 * the account, so each type's catalogue is built once, on first use, and shared by every simulator
 * in the process.
 */

export type PricingType = 'sms' | 'sms-transit' | 'voice';
export const PRICING_TYPES: readonly PricingType[] = ['sms', 'sms-transit', 'voice'];

export type NetworkType = 'mobile' | 'landline' | 'landline_tollfree';

/** One network as priced for one type; `units` are 10^-8 EUR. */
export interface PricedNetwork {
  type: NetworkType;
  units: bigint;
  /** Absent on the made-up landline networks of countries that have no mobile operator. */
  mcc?: string;
  mnc?: string;
  networkCode: string;
  networkName: string;
  /** Number prefixes (`447700`) routed to this network; only on some mobile networks. */
  ranges?: readonly number[];
}

export interface PricedCountry {
  code: string;
  name: string;
  dialingPrefix: string;
  /** The landline price, as Vonage's `defaultPrice` is: not what a mobile number costs. */
  defaultUnits: bigint;
  networks: readonly PricedNetwork[];
}

interface Operator {
  mcc: string;
  mnc: string;
  name: string;
}

interface CountryBase {
  code: string;
  name: string;
  dialingPrefix: string;
  operators: readonly Operator[];
}

/** Calling codes libphonenumber-js leaves out (territories with no numbering plan of their own). */
const EXTRA_CALLING_CODES: Readonly<Record<string, string>> = {
  AQ: '672',
  BV: '47',
  GS: '500',
  HM: '672',
  PN: '64',
  TF: '262',
  UM: '1',
};

/** Prices move in steps of 0.00001, like Vonage's (`0.03330000`). */
const STEP = 1000n;

/** [lowest, highest] price in units of 10^-8; landlines sit below every mobile price. */
const BANDS: Readonly<Record<'sms' | 'voice', Readonly<Record<NetworkType, [bigint, bigint]>>>> = {
  sms: {
    mobile: [500_000n, 12_000_000n],
    landline: [100_000n, 490_000n],
    landline_tollfree: [100_000n, 490_000n],
  },
  voice: {
    mobile: [2_000_000n, 45_000_000n],
    landline: [800_000n, 1_990_000n],
    landline_tollfree: [5_000_000n, 60_000_000n],
  },
};

let isoCodes: ReadonlySet<string> | undefined;

/** Upper-case ISO 3166-1 alpha-2 codes, as i18n-iso-countries knows them (XK included). */
export function isCountryCode(code: string): boolean {
  isoCodes ??= new Set(Object.keys(getAlpha2Codes()));
  return isoCodes.has(code);
}

let bases: readonly CountryBase[] | undefined;
const catalogues = new Map<PricingType, readonly PricedCountry[]>();

/**
 * Every ISO country, sorted by code, priced for `type`. Which of them an account sees priced is
 * decided per request, from the state.
 */
export function catalogue(type: PricingType): readonly PricedCountry[] {
  let found = catalogues.get(type);
  if (!found) {
    bases ??= buildBases();
    found = bases.map((base) => priceCountry(type, base));
    catalogues.set(type, found);
  }
  return found;
}

function buildBases(): CountryBase[] {
  const callingCodes = new Map<string, string>(
    getCountries().map((code) => [code, getCountryCallingCode(code)]),
  );
  const operators = operatorsByCountry();
  return Object.keys(getAlpha2Codes())
    .sort()
    .map((code) => ({
      code,
      name: getName(code, 'en') ?? code,
      dialingPrefix: callingCodes.get(code) ?? EXTRA_CALLING_CODES[code] ?? '',
      operators: operators.get(code) ?? [],
    }));
}

/**
 * Operational networks per country, one per mcc+mnc. mcc-mnc-list files some networks under
 * several countries at once (`AU/CC/CX`, `YT/RE`): each of them gets the network.
 */
function operatorsByCountry(): Map<string, Operator[]> {
  const found = new Map<string, Map<string, Operator>>();
  for (const entry of allOperators()) {
    if (entry.status !== 'Operational' || !entry.countryCode || !entry.mcc || !entry.mnc) continue;
    const name = (entry.brand || entry.operator || `${entry.mcc}${entry.mnc}`).trim();
    for (const code of entry.countryCode.split('/')) {
      const networks = found.get(code) ?? new Map<string, Operator>();
      found.set(code, networks);
      const key = `${entry.mcc}${entry.mnc}`;
      if (!networks.has(key)) networks.set(key, { mcc: entry.mcc, mnc: entry.mnc, name });
    }
  }
  const byNetworkCode = (a: Operator, b: Operator) =>
    a.mcc === b.mcc ? a.mnc.localeCompare(b.mnc) : a.mcc.localeCompare(b.mcc);
  return new Map(
    [...found].map(([code, networks]) => [code, [...networks.values()].sort(byNetworkCode)]),
  );
}

function priceCountry(type: PricingType, base: CountryBase): PricedCountry {
  const { code, name, dialingPrefix, operators } = base;
  const mobile = operators.map((operator): PricedNetwork => {
    const networkCode = `${operator.mcc}${operator.mnc}`;
    const ranges = rangesFor(code, networkCode, dialingPrefix);
    return {
      type: 'mobile',
      units: priceUnits(type, code, 'mobile', networkCode),
      mcc: operator.mcc,
      mnc: operator.mnc,
      networkCode,
      networkName: operator.name,
      ...(ranges && { ranges }),
    };
  });
  const fixed = madeUpNetworks(type, base).map((network) => ({
    ...network,
    units: priceUnits(type, code, network.type, network.networkCode),
  }));
  const landline = fixed[0];
  if (!landline) throw new Error(`No landline network for ${code}`);
  return {
    code,
    name,
    dialingPrefix,
    defaultUnits: landline.units,
    networks: [...mobile, ...fixed],
  };
}

/**
 * The landline (and for voice the toll-free) network that Vonage lists beside the operators. Where
 * the country has operators it borrows their lowest MCC with an MNC no operator uses; otherwise
 * it has no MCC/MNC at all and a code like Vonage's own `GB-FIXED`, so clients meet both.
 */
function madeUpNetworks(type: PricingType, base: CountryBase): Omit<PricedNetwork, 'units'>[] {
  const mcc = base.operators[0]?.mcc;
  const kinds: [NetworkType, string, string, string][] = [['landline', '999', 'FIXED', 'Landline']];
  if (type === 'voice') kinds.push(['landline_tollfree', '998', 'TOLLFREE', 'Toll Free']);
  return kinds.map(([networkType, mnc, suffix, label]) => ({
    type: networkType,
    ...(mcc === undefined
      ? { networkCode: `${base.code}-${suffix}` }
      : { mcc, mnc, networkCode: `${mcc}${mnc}` }),
    networkName: `${base.name} ${label}`,
  }));
}

/** sms-transit is the sms price less 10%, so the two stay related as they are at Vonage. */
function priceUnits(
  type: PricingType,
  country: string,
  kind: NetworkType,
  network: string,
): bigint {
  if (type === 'sms-transit') return (priceUnits('sms', country, kind, network) * 9n) / 10n;
  const [low, high] = BANDS[type][kind];
  const steps = (high - low) / STEP + 1n;
  return low + (BigInt(hash(`${type}:${country}:${network}`)) % steps) * STEP;
}

/** About a third of mobile networks carry 1 to 3 consecutive number prefixes. */
function rangesFor(country: string, network: string, prefix: string): number[] | undefined {
  const h = hash(`ranges:${country}:${network}`);
  if (prefix === '' || h % 3 !== 0) return undefined;
  const first = 1000 + ((h >>> 4) % 8990);
  const count = 1 + ((h >>> 2) % 3);
  return Array.from({ length: count }, (_, index) => Number(`${prefix}${first + index}`));
}

function hash(text: string): number {
  return createHash('sha1').update(text).digest().readUInt32BE(0);
}
