import {
  type Area,
  badRequest,
  errorCode,
  type InvalidParameter,
  type Reply,
  type Route,
  type RouteRequest,
} from '../area';
import { SpacingLimiter } from '../limiter';
import { formatAmount, parseAmount } from '../money';
import { type AccountState } from './account';
import {
  FEATURE_COMBINATIONS,
  findInPool,
  NUMBER_TYPES,
  poolOf,
  type PoolNumber,
  startingNumbers,
} from './numbers.data';
import {
  availableRecord,
  hasFeatures,
  matchesPattern,
  type OwnedNumber,
  ownedRecord,
  pageReply,
  readPaging,
} from './numbers.shapes';
import { updateOwned } from './numbers.update';
import { isCountryCode } from './pricing.data';

export interface NumbersOptions {
  /**
   * How many numbers the account owns at the start, taken from the pool in a fixed order: two GB
   * mobiles and a US landline first, then other countries in turn. Default 3.
   */
  owned?: number;
  /** Numbers API requests allowed per second, evenly spaced. Default 0: no limit. */
  rateLimitPerSecond?: number;
  /** Countries whose numbers can only be bought on the Dashboard. Default DASHBOARD_COUNTRIES. */
  dashboardCountries?: string[];
}

export interface NumbersState {
  /** The account's numbers by msisdn, in the order they were acquired. */
  owned: Map<string, OwnedNumber>;
  rateLimitPerSecond: number;
  dashboardCountries: string[];
  /** Successful buys since the start or the last reset. */
  purchases: number;
  /** Successful cancels since the start or the last reset. */
  cancellations: number;
  /** Successful updates since the start or the last reset. */
  updates: number;
}

export interface NumbersArea extends Area {
  /** Live state: handlers read it on every request and tests may change it between requests. */
  state: NumbersState;
}

/** Countries that require a local address, so Vonage sells their numbers on the Dashboard only. */
export const DASHBOARD_COUNTRIES: readonly string[] = ['AU', 'DE', 'ES', 'FR', 'IT', 'JP'];

/** The numbers spec's `response420` example, word for word. */
export const DASHBOARD_LABEL =
  'Numbers from this country can be requested from the Dashboard ' +
  '(https://dashboard.nexmo.com/buy-numbers) as they require a valid local address to be ' +
  'provided before being purchased.';

/** Apps linked to the starting numbers, in turn, so `application_id` has something to tell apart. */
export const STARTING_APP_IDS: readonly string[] = [
  'aaaaaaaa-bbbb-cccc-dddd-0123456789ab',
  '11111111-2222-4333-8444-555555555555',
];

const GROUP = 'numbers';
const LIST_ROOT = 'inbound-numbers';

export function createNumbersArea(
  options: NumbersOptions = {},
  account: AccountState,
): NumbersArea {
  const dashboardCountries = (options.dashboardCountries ?? DASHBOARD_COUNTRIES).map(checkCountry);
  const starting = startingNumbers(checkOwned(options.owned ?? 3), new Set(dashboardCountries));
  const initialOwned = () =>
    new Map(starting.map((entry, at) => [entry.msisdn, webhooks(entry, at)]));
  const initial = (): NumbersState => ({
    owned: initialOwned(),
    rateLimitPerSecond: checkRate(options.rateLimitPerSecond ?? 0),
    dashboardCountries: [...dashboardCountries],
    purchases: 0,
    cancellations: 0,
    updates: 0,
  });
  const state = initial();
  const limiter = new SpacingLimiter(() => state.rateLimitPerSecond);

  const owned = ({ query }: RouteRequest): Reply => {
    const paging = readPaging(query);
    const invalid = [...(Array.isArray(paging) ? paging : []), ...ownedFilterIssues(query)];
    if (Array.isArray(paging) || invalid.length > 0) return badRequest('Bad Request', invalid);
    const country = query.get('country')?.toUpperCase();
    const hasApplication = query.get('has_application');
    const applicationId = query.get('application_id');
    const matching = [...state.owned.values()].filter(
      (number) =>
        (!country || number.country === country) &&
        matchesPattern(number.msisdn, paging) &&
        (hasApplication === null || (number.appId !== undefined) === (hasApplication === 'true')) &&
        (applicationId === null || number.appId === applicationId),
    );
    return pageReply(matching, paging, (total) => total, ownedRecord);
  };

  const search = ({ query }: RouteRequest): Reply => {
    const paging = readPaging(query);
    const invalid = [...(Array.isArray(paging) ? paging : []), ...searchIssues(query)];
    if (Array.isArray(paging) || invalid.length > 0) return badRequest('Bad Request', invalid);
    const type = query.get('type');
    const features = query.get('features');
    const available = poolOf(String(query.get('country')).toUpperCase()).filter(
      (entry) =>
        !state.owned.has(entry.msisdn) &&
        (!type || entry.type === type) &&
        (!features || hasFeatures(entry.features, features)) &&
        matchesPattern(entry.msisdn, paging),
    );
    // The real API sends this count as a string, though the owned list's is a number.
    return pageReply(available, paging, (total) => String(total), availableRecord);
  };

  /**
   * Refusals in the order Vonage's own checks would meet them; all are 420, and all but the
   * dashboard one say only "method failed". `target_api_key` is accepted and ignored here and in
   * cancel: the sandbox has no sub-accounts, so every number belongs to the one account.
   */
  const buy = ({ form }: RouteRequest): Reply => {
    const target = numberTarget(form);
    if (Array.isArray(target)) return badRequest('Bad Request', target);
    const { country, msisdn } = target;
    if (state.dashboardCountries.map((code) => code.toUpperCase()).includes(country)) {
      return errorCode(420, '420', DASHBOARD_LABEL);
    }
    if (state.owned.has(msisdn)) return methodFailed();
    const entry = findInPool(country, msisdn);
    if (!entry) return methodFailed();
    const balance = parseAmount(account.balance);
    const cost = parseAmount(entry.cost);
    if (balance < cost) return methodFailed();
    account.balance = formatAmount(balance - cost);
    state.owned.set(msisdn, { ...entry, features: [...entry.features] });
    state.purchases += 1;
    return success();
  };

  const cancel = ({ form }: RouteRequest): Reply => {
    const target = numberTarget(form);
    if (Array.isArray(target)) return badRequest('Bad Request', target);
    if (state.owned.get(target.msisdn)?.country !== target.country) return methodFailed();
    state.owned.delete(target.msisdn);
    state.cancellations += 1;
    return success();
  };

  const update = ({ form }: RouteRequest): Reply => {
    const target = numberTarget(form);
    if (Array.isArray(target)) return badRequest('Bad Request', target);
    const record = state.owned.get(target.msisdn);
    const outcome = updateOwned(record?.country === target.country ? record : undefined, form);
    if (outcome === 'not owned') return methodFailed();
    if (outcome !== 'updated') return badRequest('Bad Request', outcome);
    state.updates += 1;
    return success();
  };

  const route = (method: Route['method'], path: string, handle: Route['handle']): Route => ({
    method,
    path,
    // The spec's `account-unauthorized` for the two lists; `response` for the operations.
    authXmlRoot: method === 'GET' ? LIST_ROOT : 'response',
    group: GROUP,
    handle,
  });

  return {
    state,
    routes: [
      route('GET', '/account/numbers', owned),
      route('GET', '/number/search', search),
      route('POST', '/number/buy', buy),
      route('POST', '/number/cancel', cancel),
      route('POST', '/number/update', update),
    ],
    limiters: { [GROUP]: limiter },
    reset: () => {
      const fresh = initial();
      state.owned.clear();
      for (const [msisdn, record] of fresh.owned) state.owned.set(msisdn, record);
      Object.assign(state, { ...fresh, owned: state.owned });
      limiter.clear();
    },
  };
}

/**
 * Every third starting number is linked to an application and has an inbound-message webhook, the
 * next one forwards calls to a SIP URI, the third has nothing set: enough for the filters to bite.
 */
function webhooks(entry: PoolNumber, at: number): OwnedNumber {
  const record: OwnedNumber = { ...entry, features: [...entry.features] };
  if (at % 3 === 0) {
    record.appId = STARTING_APP_IDS[(at / 3) % STARTING_APP_IDS.length];
    record.moHttpUrl = 'https://example.com/webhooks/inbound-sms';
  } else if (at % 3 === 1) {
    record.voiceCallbackType = 'sip';
    record.voiceCallbackValue = `sip:${entry.msisdn}@sip.example.com`;
  }
  return record;
}

function numberTarget(
  form: URLSearchParams,
): { country: string; msisdn: string } | InvalidParameter[] {
  const country = form.get('country');
  const msisdn = form.get('msisdn');
  const invalid: InvalidParameter[] = [];
  if (!country) invalid.push({ name: 'country', reason: 'Is required.' });
  if (!msisdn) invalid.push({ name: 'msisdn', reason: 'Is required.' });
  if (!country || !msisdn) return invalid;
  return { country: country.toUpperCase(), msisdn };
}

function ownedFilterIssues(query: URLSearchParams): InvalidParameter[] {
  const invalid = countryIssues(query.get('country'), false);
  const hasApplication = query.get('has_application');
  if (hasApplication !== null && hasApplication !== 'true' && hasApplication !== 'false') {
    invalid.push({ name: 'has_application', reason: 'Must be true or false.' });
  }
  return invalid;
}

function searchIssues(query: URLSearchParams): InvalidParameter[] {
  const invalid = countryIssues(query.get('country'), true);
  const type = query.get('type');
  if (type && !NUMBER_TYPES.some((known) => known === type)) {
    invalid.push({ name: 'type', reason: `Must be one of ${NUMBER_TYPES.join(', ')}.` });
  }
  const features = query.get('features');
  if (features && !FEATURE_COMBINATIONS.includes(features)) {
    const reason = `Must be one of ${FEATURE_COMBINATIONS.join(' | ')}, in that order.`;
    invalid.push({ name: 'features', reason });
  }
  return invalid;
}

function countryIssues(code: string | null, required: boolean): InvalidParameter[] {
  if (!code) return required ? [{ name: 'country', reason: 'Is required.' }] : [];
  if (/^[A-Za-z]{2}$/.test(code) && isCountryCode(code.toUpperCase())) return [];
  const reason = 'Must be a two-letter ISO 3166-1 alpha-2 country code, such as GB.';
  return [{ name: 'country', reason }];
}

const success = (): Reply => errorCode(200, '200', 'success');
const methodFailed = (): Reply => errorCode(420, '420', 'method failed');

function checkOwned(count: number): number {
  if (!Number.isInteger(count) || count < 0) {
    throw new RangeError('numbers.owned must be a whole number >= 0');
  }
  return count;
}

function checkRate(rate: number): number {
  if (typeof rate !== 'number' || !Number.isFinite(rate) || rate < 0) {
    throw new RangeError('numbers.rateLimitPerSecond must be a number >= 0 (0: unlimited)');
  }
  return rate;
}

function checkCountry(code: string): string {
  const upper = String(code).toUpperCase();
  if (!isCountryCode(upper)) {
    throw new RangeError(`numbers.dashboardCountries: ${code} is not an ISO 3166-1 alpha-2 code`);
  }
  return upper;
}
