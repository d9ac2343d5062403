import { addAmounts, normalizeAmount } from '../money';
import { RawNumber } from '../render';
import { type Area, badRequest, errorCode, type Reply, type RouteRequest } from '../area';

export interface AccountOptions {
  /** Decimal string with at most 8 places. */
  balance?: string;
  autoReload?: boolean;
  /** Reference of the payment that enabled auto-reload; `top-up` must quote it as `trx`. */
  reloadTrx?: string;
  /** What each top-up adds: the amount of that original payment. */
  reloadAmount?: string;
}

export interface AccountState {
  balance: string;
  autoReload: boolean;
  reloadTrx: string;
  reloadAmount: string;
  moCallbackUrl: string;
  drCallbackUrl: string;
}

export interface AccountArea extends Area {
  /** Live state: handlers read it on every request and tests may change it between requests. */
  state: AccountState;
}

/** Vonage's per-account throughput limits, reported by `settings`; the sandbox does not enforce them. */
const LIMITS = {
  'max-outbound-request': 30,
  'max-inbound-request': 30,
  'max-calls-per-second': 30,
} as const;

/**
 * A sub-account's own balance (null: it spends the primary's; undefined: not a sub-account). Read
 * per request, so the Accounts made after this area can answer it.
 */
export type SubaccountBalance = (apiKey: string) => string | null | undefined;

export function createAccountArea(
  options: AccountOptions = {},
  subaccountBalance: SubaccountBalance = () => undefined,
): AccountArea {
  const initial = (): AccountState => ({
    balance: normalizeAmount(options.balance ?? '10.17127500'),
    autoReload: options.autoReload ?? true,
    reloadTrx: options.reloadTrx ?? '8ef2447e69604f642ae59363aa5f781b',
    reloadAmount: normalizeAmount(options.reloadAmount ?? '50.00000000'),
    moCallbackUrl: '',
    drCallbackUrl: '',
  });
  const state = initial();

  /** A sub-account has no auto-reload of its own; one that shares sees the primary's balance. */
  const getBalance = ({ account }: RouteRequest): Reply => {
    const own = subaccountBalance(account);
    const balance = own ?? state.balance;
    const autoReload = own === undefined ? state.autoReload : false;
    return {
      status: 200,
      xmlRoot: 'accountBalance',
      body: { value: new RawNumber(normalizeAmount(balance)), autoReload },
    };
  };

  const settings = ({ form }: { form: URLSearchParams }): Reply => {
    state.moCallbackUrl = nextCallbackUrl(state.moCallbackUrl, form.get('moCallBackUrl'));
    state.drCallbackUrl = nextCallbackUrl(state.drCallbackUrl, form.get('drCallBackUrl'));
    return {
      status: 200,
      xmlRoot: 'account-settings',
      body: {
        'mo-callback-url': state.moCallbackUrl,
        'dr-callback-url': state.drCallbackUrl,
        ...LIMITS,
      },
    };
  };

  /**
   * The checks run in the order that tells the client the most: a missing `trx` is a malformed
   * request (400), an account without auto-reload cannot top up at all (HTTP 401), and a wrong
   * `trx` is Vonage's quirk of a failure inside a 2xx (HTTP 200, error-code 420).
   */
  const topUp = ({ form, account }: RouteRequest): Reply => {
    const trx = form.get('trx');
    if (!trx) return badRequest('Bad Request', [{ name: 'trx', reason: 'Is required.' }]);
    const reloads = state.autoReload && subaccountBalance(account) === undefined;
    if (!reloads) return errorCode(401, '401', 'not auto-reload enabled');
    if (trx !== state.reloadTrx) return errorCode(200, '420', 'top-up failed');
    state.balance = addAmounts(state.balance, state.reloadAmount);
    return errorCode(200, '200', 'success');
  };

  return {
    state,
    routes: [
      {
        method: 'GET',
        path: '/account/get-balance',
        authXmlRoot: 'accountBalance',
        handle: getBalance,
      },
      { method: 'POST', path: '/account/settings', authXmlRoot: 'response', handle: settings },
      { method: 'POST', path: '/account/top-up', authXmlRoot: 'response', handle: topUp },
    ],
    reset: () => {
      Object.assign(state, initial());
    },
  };
}

/**
 * Absent leaves the URL unchanged and `""` clears it. Vonage saves a new URL only after a GET to it
 * answers 200 and otherwise just echoes the old value. The sandbox decides that without touching
 * the network: a URL that is not absolute http(s), or whose host is under the reserved `.invalid`
 * TLD (RFC 2606), never answers 200, so it is not saved.
 */
function nextCallbackUrl(current: string, given: string | null): string {
  if (given === null) return current;
  if (given === '') return '';
  return answers200(given) ? given : current;
}

function answers200(candidate: string): boolean {
  let url: URL;
  try {
    url = new URL(candidate);
  } catch {
    return false;
  }
  const host = url.hostname.replace(/\.$/, '');
  const reachable = host !== 'invalid' && !host.endsWith('.invalid');
  return (url.protocol === 'http:' || url.protocol === 'https:') && reachable;
}
