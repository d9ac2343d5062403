import { randomBytes, randomUUID } from 'node:crypto';
import {
  type Area,
  type InvalidParameter,
  type Reply,
  type Route,
  type RouteRequest,
} from '../area';
import { formatAmount, parseAmount } from '../money';
import { type Accounts, isoSeconds, type Subaccount } from './accounts';
import {
  accountRecord,
  COMPLEXITY,
  invalidApiKey,
  isStrongSecret,
  jsonObject,
  type JsonObject,
  jsonRoute,
  money,
  primaryOnly,
  validation,
} from './subaccounts.shapes';
import { type NumberOwners } from './numbers';
import { transferNumberRoute } from './subaccounts.numbers';
import { transferRoutes } from './subaccounts.transfers';

/**
 * Vonage's Subaccounts API (`/accounts/{api_key}/subaccounts…`, transfers, transfer-number) at the
 * sandbox's own URL. The primary's balance is the Account area's, so a balance transfer shows in
 * get-balance; each sub-account with its own balance keeps it here, in `Accounts.state`.
 */
export function createSubaccountsArea(accounts: Accounts, numbers: NumberOwners): Area {
  const { state } = accounts;

  const list = (): Reply => {
    const own = [...state.subaccounts.values()].filter((sub) => !sub.usePrimaryAccountBalance);
    const sum = (pick: (sub: Subaccount) => string, primary: string) =>
      formatAmount(
        own.reduce((total, sub) => total + parseAmount(pick(sub)), parseAmount(primary)),
      );
    const primary = accountRecord(accounts, accounts.primaryKey);
    return {
      status: 200,
      body: {
        total_balance: money(sum((sub) => sub.balance, accounts.account.balance)),
        total_credit_limit: money(sum((sub) => sub.creditLimit, state.primaryCreditLimit)),
        _embedded: {
          primary_account: primary,
          subaccounts: [...state.subaccounts.keys()].map((key) => accountRecord(accounts, key)),
        },
      },
    };
  };

  const create = (request: RouteRequest): Reply => {
    const body = jsonObject(request);
    if (Array.isArray(body)) return validation(request.traceId, body);
    const invalid = [
      ...nameIssues(body.name, true),
      ...flagIssues(body, 'use_primary_account_balance'),
    ];
    const { secret } = body;
    if (secret !== undefined && (typeof secret !== 'string' || !isStrongSecret(secret))) {
      invalid.push({ name: 'secret', reason: COMPLEXITY });
    }
    if (invalid.length > 0) return validation(request.traceId, invalid);
    const sub: Subaccount = {
      apiKey: accounts.newKey(),
      name: body.name as string,
      usePrimaryAccountBalance: body.use_primary_account_balance !== false,
      createdAt: isoSeconds(),
      suspended: false,
      balance: formatAmount(0n),
      creditLimit: formatAmount(0n),
    };
    const chosen = typeof secret === 'string' ? secret : generatedSecret();
    state.subaccounts.set(sub.apiKey, sub);
    state.secrets.set(sub.apiKey, [{ id: randomUUID(), secret: chosen, createdAt: sub.createdAt }]);
    return { status: 200, body: { ...accountRecord(accounts, sub.apiKey), secret: chosen } };
  };

  const one = (request: RouteRequest): Reply => {
    const key = request.params.subaccount_key ?? '';
    if (!state.subaccounts.has(key)) return invalidApiKey(key, request.traceId);
    return { status: 200, body: accountRecord(accounts, key) };
  };

  const modify = (request: RouteRequest): Reply => {
    const key = request.params.subaccount_key ?? '';
    const sub = state.subaccounts.get(key);
    if (!sub) return invalidApiKey(key, request.traceId);
    const body = jsonObject(request);
    if (Array.isArray(body)) return validation(request.traceId, body);
    const invalid = [
      ...nameIssues(body.name, false),
      ...flagIssues(body, 'suspended'),
      ...flagIssues(body, 'use_primary_account_balance'),
    ];
    // Vonage has no way back: the money a sub-account holds would have nowhere to go.
    if (body.use_primary_account_balance === true && !sub.usePrimaryAccountBalance) {
      const reason = 'Cannot be set back to true once false';
      invalid.push({ name: 'use_primary_account_balance', reason });
    }
    if (invalid.length > 0) return validation(request.traceId, invalid);
    if (typeof body.name === 'string') sub.name = body.name;
    if (typeof body.suspended === 'boolean') sub.suspended = body.suspended;
    if (body.use_primary_account_balance === false) sub.usePrimaryAccountBalance = false;
    return { status: 200, body: accountRecord(accounts, key) };
  };

  const route = (method: Route['method'], path: string, handle: Route['handle']) =>
    jsonRoute(method, path, primaryOnly(accounts, handle));

  return {
    routes: [
      route('GET', '/accounts/:api_key/subaccounts', list),
      route('POST', '/accounts/:api_key/subaccounts', create),
      route('GET', '/accounts/:api_key/subaccounts/:subaccount_key', one),
      route('PATCH', '/accounts/:api_key/subaccounts/:subaccount_key', modify),
      ...[...transferRoutes(accounts), transferNumberRoute(accounts, numbers)].map((entry) => ({
        ...entry,
        handle: primaryOnly(accounts, entry.handle),
      })),
    ],
    reset: () => accounts.reset(),
  };
}

function nameIssues(name: unknown, required: boolean): InvalidParameter[] {
  if (name === undefined) return required ? [{ name: 'name', reason: 'Is required' }] : [];
  if (typeof name !== 'string' || name.trim() === '' || name.length > 80) {
    return [{ name: 'name', reason: 'Must be a string of 1 to 80 characters' }];
  }
  return [];
}

function flagIssues(body: JsonObject, name: string): InvalidParameter[] {
  const value = body[name];
  if (value === undefined || typeof value === 'boolean') return [];
  return [{ name, reason: "Should be either 'true' or 'false'" }];
}

/** Meets the secret rules whatever the random part holds: an upper, a lower and a digit fixed. */
function generatedSecret(): string {
  return `Sa${randomBytes(8).toString('hex')}7`;
}
