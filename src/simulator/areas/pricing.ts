import {
  type Area,
  badRequest,
  type InvalidParameter,
  type Reply,
  type Route,
  type RouteRequest,
} from '../area';
import { SpacingLimiter } from '../limiter';
import { isCountryCode, PRICING_TYPES, type PricingType } from './pricing.data';
import { type MovedPrice, movePrices, type PriceMoves } from './pricing.moves';
import {
  countryPricing,
  fullPricing,
  legacyCountryPricing,
  money,
  prefixPricing,
} from './pricing.shapes';

export interface PricingOptions {
  /** The account's billing currency, which every price is quoted in. Default EUR. */
  currency?: 'EUR' | 'USD';
  /** Pricing API requests allowed per second, evenly spaced. Default 1, as Vonage; 0 lifts it. */
  rateLimitPerSecond?: number;
  /**
   * ISO codes answered without networks or defaultPrice. Default: the territories with no
   * telecom networks (AQ, BV, HM, TF, UM).
   */
  unpriced?: string[];
}

export interface PricingState {
  currency: string;
  rateLimitPerSecond: number;
  /** Answer get-pricing in seed 002's older shape (`mt`, `networks[{code, network, mtPrice}]`). */
  legacyShape: boolean;
  unpriced: string[];
  /** Network prices moved by `movePrices`, per type; every answer applies them. */
  moves: PriceMoves;
  /** Calls of `movePrices` so far: where the next picks start. */
  moveCalls: number;
}

/** One moved price, as the admin endpoint reports it (in the account's currency). */
export interface PriceMove {
  type: PricingType;
  country: string;
  networkCode: string;
  from: string;
  to: string;
}

export interface PricingArea extends Area {
  /** Live state: handlers read it on every request and tests may change it between requests. */
  state: PricingState;
  /**
   * Moves `n` network prices of `type` (default sms) before the next read, as Vonage changing
   * its prices would: deterministic, distinct mobile networks of priced countries.
   */
  movePrices(n: number, type?: PricingType): PriceMove[];
}

const DEFAULT_UNPRICED = ['AQ', 'BV', 'HM', 'TF', 'UM'];
const GROUP = 'pricing';
const TWO_LETTERS = /^[A-Za-z]{2}$/;
const PREFIX = /^\d{1,4}$/;

export function createPricingArea(options: PricingOptions = {}): PricingArea {
  const initial = (): PricingState => ({
    currency: checkCurrency(options.currency ?? 'EUR'),
    rateLimitPerSecond: checkRate(options.rateLimitPerSecond ?? 1),
    legacyShape: false,
    unpriced: (options.unpriced ?? DEFAULT_UNPRICED).map(checkCountryOption),
    moves: new Map(),
    moveCalls: 0,
  });
  const state = initial();
  const limiter = new SpacingLimiter(() => state.rateLimitPerSecond);
  const unpriced = (): ReadonlySet<string> =>
    new Set(state.unpriced.map((code) => code.toUpperCase()));
  const moved = (type: PricingType) => state.moves.get(type);
  const report = (move: MovedPrice): PriceMove => ({
    type: move.type,
    country: move.country,
    networkCode: move.networkCode,
    from: money(move.fromUnits, state.currency),
    to: money(move.toUnits, state.currency),
  });

  /**
   * A valid country the sandbox does not price is still a 200, with only the country's identity
   * and currency: that absence is how a client tells "not priced" from a price.
   */
  const country = ({ params, query }: RouteRequest): Reply => {
    const type = pricingType(params.type);
    const code = query.get('country');
    const invalid = [...typeIssues(type), ...countryIssues(code)];
    if (type === undefined || code === null || invalid.length > 0) return refuse(invalid);
    const upper = code.toUpperCase();
    const priced = !unpriced().has(upper);
    if (state.legacyShape) {
      const legacy = legacyCountryPricing(type, state.currency, upper, priced, moved(type));
      return { status: 200, xmlRoot: 'outbound-country-pricing', ...legacy };
    }
    const serialized = countryPricing(type, state.currency, upper, priced, moved(type));
    return { status: 200, serialized };
  };

  const full = ({ params }: RouteRequest): Reply => {
    const type = pricingType(params.type);
    if (type === undefined) return refuse(typeIssues(type));
    return {
      status: 200,
      serialized: fullPricing(type, state.currency, unpriced(), moved(type)),
    };
  };

  const prefix = ({ params, query }: RouteRequest): Reply => {
    const type = pricingType(params.type);
    const digits = query.get('prefix');
    const invalid = [...typeIssues(type), ...prefixIssues(digits)];
    if (type === undefined || digits === null || invalid.length > 0) return refuse(invalid);
    const serialized = prefixPricing(type, state.currency, unpriced(), digits, moved(type));
    return { status: 200, serialized };
  };

  const route = (path: string, authXmlRoot: string, handle: Route['handle']): Route => ({
    method: 'GET',
    path: `/account/${path}/outbound/:type`,
    authXmlRoot,
    // Pricing's own 401 shape (pricing.yml): `code`, not `error-code`, beside the currency.
    unauthorized: () => ({
      status: 401,
      xmlRoot: authXmlRoot,
      body: { currency: state.currency, code: '401', 'error-code-label': 'authentication failed' },
    }),
    group: GROUP,
    handle,
  });

  return {
    state,
    movePrices: (n, type = 'sms') => {
      if (!Number.isInteger(n) || n < 1) throw new RangeError('move must be an integer >= 1');
      if (!PRICING_TYPES.includes(type)) {
        throw new RangeError(`type must be one of ${PRICING_TYPES.join(', ')}`);
      }
      const sequence = state.moveCalls;
      state.moveCalls += 1;
      return movePrices(state.moves, type, n, unpriced(), sequence).map(report);
    },
    routes: [
      route('get-pricing', 'pricing', country),
      route('get-full-pricing', 'response', full),
      route('get-prefix-pricing', 'response', prefix),
    ],
    limiters: { [GROUP]: limiter },
    reset: () => {
      Object.assign(state, initial());
      limiter.clear();
    },
  };
}

function pricingType(raw: string | undefined): PricingType | undefined {
  return PRICING_TYPES.find((type) => type === raw);
}

function refuse(invalid: readonly InvalidParameter[]): Reply {
  return badRequest('Bad Request', invalid);
}

function typeIssues(type: PricingType | undefined): InvalidParameter[] {
  if (type !== undefined) return [];
  return [{ name: 'type', reason: `Must be one of ${PRICING_TYPES.join(', ')}.` }];
}

function countryIssues(code: string | null): InvalidParameter[] {
  if (!code) return [{ name: 'country', reason: 'Is required.' }];
  if (TWO_LETTERS.test(code) && isCountryCode(code.toUpperCase())) return [];
  const reason = 'Must be a two-letter ISO 3166-1 alpha-2 country code, such as GB.';
  return [{ name: 'country', reason }];
}

function prefixIssues(digits: string | null): InvalidParameter[] {
  if (!digits) return [{ name: 'prefix', reason: 'Is required.' }];
  if (PREFIX.test(digits)) return [];
  return [{ name: 'prefix', reason: 'Must be a dialling prefix of 1 to 4 digits, such as 44.' }];
}

function checkCurrency(currency: string): string {
  if (currency !== 'EUR' && currency !== 'USD') {
    throw new RangeError(`pricing.currency must be EUR or USD, got ${currency}`);
  }
  return currency;
}

function checkRate(rate: number): number {
  if (typeof rate !== 'number' || !Number.isFinite(rate) || rate < 0) {
    throw new RangeError('pricing.rateLimitPerSecond must be a number >= 0 (0: unlimited)');
  }
  return rate;
}

function checkCountryOption(code: string): string {
  const upper = String(code).toUpperCase();
  if (!isCountryCode(upper)) {
    throw new RangeError(`pricing.unpriced: ${code} is not an ISO 3166-1 alpha-2 country code`);
  }
  return upper;
}
