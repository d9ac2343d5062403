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
import { parseAmount } from '../money';
import { type Accounts } from './accounts';
import { findInPool, poolOf, type PoolNumber, startingNumbers } from './numbers.data';
import {
  availableRecord,
  hasFeatures,
  matchesPattern,
  type OwnedNumber,
  ownedRecord,
  pageReply,
  readPaging,
} from './numbers.shapes';
import {
  checkCountry,
  checkOwned,
  checkRate,
  ownedFilterIssues,
  searchIssues,
} from './numbers.checks';
import { updateOwned } from './numbers.update';

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
  /**
   * Every account's numbers by msisdn, in the order they were acquired; `owner` names a
   * sub-account, and a number without one is the primary's.
   */
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
  /** For the Subaccounts area's transfer-number. */
  owners: NumberOwners;
}

export interface NumberOwners {
  /** The api_key that owns the number in that country, or undefined when no account does. */
  ownerOf(msisdn: string, country: string): string | undefined;
  give(msisdn: string, apiKey: string): void;
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

export function createNumbersArea(options: NumbersOptions = {}, accounts: Accounts): NumbersArea {
  const { primaryKey } = accounts;
  const ownerOf = (number: OwnedNumber) => number.owner ?? primaryKey;
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

  /** Only the authenticated account's numbers: a sub-account key lists the sub-account's. */
  const owned = ({ query, account }: RouteRequest): Reply => {
    const paging = readPaging(query);
    const invalid = [...(Array.isArray(paging) ? paging : []), ...ownedFilterIssues(query)];
    if (Array.isArray(paging) || invalid.length > 0) return badRequest('Bad Request', invalid);
    const country = query.get('country')?.toUpperCase();
    const hasApplication = query.get('has_application');
    const applicationId = query.get('application_id');
    const matching = [...state.owned.values()].filter(
      (number) =>
        ownerOf(number) === account &&
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
   * dashboard one say only "method failed". With `target_api_key` the primary buys for one of
   * its sub-accounts and pays for it; any other target (unknown, not its sub-account, or sent by
   * a sub-account) is a 420 "method failed" too: Vonage documents no distinct error for it, and
   * the sandbox guesses the Numbers API's catch-all. A sub-account buying for itself pays from its
   * own balance when it has one.
   */
  const buy = ({ form, account }: RouteRequest): Reply => {
    const target = numberTarget(form);
    if (Array.isArray(target)) return badRequest('Bad Request', target);
    const { country, msisdn } = target;
    if (state.dashboardCountries.map((code) => code.toUpperCase()).includes(country)) {
      return errorCode(420, '420', DASHBOARD_LABEL);
    }
    const owner = actingFor(form, account);
    if (owner === undefined) return methodFailed();
    if (state.owned.has(msisdn)) return methodFailed();
    const entry = findInPool(country, msisdn);
    if (!entry) return methodFailed();
    const payer = owner === account ? account : primaryKey;
    if (!accounts.charge(payer, parseAmount(entry.cost))) return methodFailed();
    const record: OwnedNumber = { ...entry, features: [...entry.features] };
    if (owner !== primaryKey) record.owner = owner;
    state.owned.set(msisdn, record);
    state.purchases += 1;
    return success();
  };

  const cancel = ({ form, account }: RouteRequest): Reply => {
    const target = numberTarget(form);
    if (Array.isArray(target)) return badRequest('Bad Request', target);
    const owner = actingFor(form, account);
    const record = state.owned.get(target.msisdn);
    if (!record || record.country !== target.country || ownerOf(record) !== owner) {
      return methodFailed();
    }
    state.owned.delete(target.msisdn);
    state.cancellations += 1;
    return success();
  };

  /** The account an operation acts for: the caller, or the sub-account its target names. */
  const actingFor = (form: URLSearchParams, account: string): string | undefined => {
    const target = form.get('target_api_key');
    if (target === null || target === account) return account;
    const allowed = account === primaryKey && accounts.state.subaccounts.has(target);
    return allowed ? target : undefined;
  };

  const update = ({ form, account }: RouteRequest): Reply => {
    const target = numberTarget(form);
    if (Array.isArray(target)) return badRequest('Bad Request', target);
    const record = state.owned.get(target.msisdn);
    const mine = record?.country === target.country && ownerOf(record) === account;
    const outcome = updateOwned(mine ? record : undefined, form);
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
    owners: {
      ownerOf: (msisdn, country) => {
        const record = state.owned.get(msisdn);
        return record?.country === country ? ownerOf(record) : undefined;
      },
      give: (msisdn, apiKey) => {
        const record = state.owned.get(msisdn);
        if (!record) return;
        if (apiKey === primaryKey) delete record.owner;
        else record.owner = apiKey;
      },
    },
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

const success = (): Reply => errorCode(200, '200', 'success');
const methodFailed = (): Reply => errorCode(420, '420', 'method failed');
