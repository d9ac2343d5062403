import {
  ERRORS_URL,
  type InvalidParameter,
  problem,
  problemAt,
  type Reply,
  type Route,
  type RouteRequest,
} from '../area';
import { plainAmount } from '../money';
import { type Payload, RawNumber } from '../render';
import { type Accounts } from './accounts';

/** How the Subaccounts and secret-management routes answer: RFC 7807 problems, JSON only. */

export const SUBACCOUNTS_ERRORS = `${ERRORS_URL}/account/subaccounts`;

export type JsonObject = Record<string, unknown>;

export const unauthorized = (traceId: string): Reply =>
  problem(
    401,
    'unauthorized',
    'Invalid credentials supplied',
    'You did not provide correct credentials',
    traceId,
  );

export const invalidApiKey = (key: string, traceId: string): Reply =>
  problem(
    404,
    'invalid-api-key',
    'Invalid API Key',
    `API key '${key}' does not exist, or you do not have access`,
    traceId,
  );

export const validation = (traceId: string, invalid: readonly InvalidParameter[]): Reply =>
  problemAt(
    422,
    `${SUBACCOUNTS_ERRORS}#validation`,
    'Bad Request',
    'The request failed due to validation errors',
    traceId,
    invalid,
  );

/** A route of the newer JSON APIs: Basic credentials only, JSON bodies, problem-details 401. */
export function jsonRoute(method: Route['method'], path: string, handle: Route['handle']): Route {
  return {
    method,
    path,
    authXmlRoot: 'response',
    body: 'json',
    basicOnly: true,
    unauthorized,
    handle,
  };
}

/**
 * The checks every Subaccounts route starts with: the path's api_key must be the account that
 * signed in (404 otherwise, as Vonage hides whether a key exists), and that account must be the
 * provisioned primary (a sub-account has no sub-accounts of its own).
 */
export function primaryOnly(accounts: Accounts, handle: Route['handle']): Route['handle'] {
  return (request) => {
    const key = request.params.api_key ?? '';
    if (key !== request.account) return invalidApiKey(key, request.traceId);
    if (key !== accounts.primaryKey || !accounts.state.provisioned) {
      const detail = `Account ${key} is not provisioned to access Subaccount Provisioning API`;
      return problem(403, 'unprovisioned', 'Authorisation error', detail, request.traceId);
    }
    return handle(request);
  };
}

/** The body as an object, or the one invalid parameter that says why it is not one. */
export function jsonObject({ json }: RouteRequest): JsonObject | InvalidParameter[] {
  if (!json?.ok) {
    return [{ name: 'body', reason: json?.reason ?? 'Send a JSON object' }];
  }
  const { value } = json;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return [{ name: 'body', reason: 'Must be a JSON object' }];
  }
  return value as JsonObject;
}

export const money = (amount: string): RawNumber => new RawNumber(plainAmount(amount));

/** One account as the Subaccounts API shows it; the primary too, under `primary_account`. */
export function accountRecord(accounts: Accounts, key: string): Record<string, Payload> {
  const { state, primaryKey, account } = accounts;
  const sub = state.subaccounts.get(key);
  if (!sub) {
    return {
      api_key: primaryKey,
      name: state.primaryName,
      primary_account_api_key: primaryKey,
      use_primary_account_balance: false,
      created_at: state.primaryCreatedAt,
      suspended: false,
      balance: money(account.balance),
      credit_limit: money(state.primaryCreditLimit),
    };
  }
  const shared = sub.usePrimaryAccountBalance;
  return {
    api_key: sub.apiKey,
    name: sub.name,
    primary_account_api_key: primaryKey,
    use_primary_account_balance: shared,
    created_at: sub.createdAt,
    suspended: sub.suspended,
    balance: shared ? null : money(sub.balance),
    credit_limit: shared ? null : money(sub.creditLimit),
  };
}

/** 8 to 25 characters with a lower case letter, an upper case letter and a digit. */
export function isStrongSecret(secret: string): boolean {
  return (
    secret.length >= 8 &&
    secret.length <= 25 &&
    /[a-z]/.test(secret) &&
    /[A-Z]/.test(secret) &&
    /\d/.test(secret)
  );
}

export const COMPLEXITY = 'Does not meet complexity requirements';
