import { randomUUID } from 'node:crypto';
import {
  type InvalidParameter,
  problemAt,
  type Reply,
  type Route,
  type RouteRequest,
} from '../area';
import { amountOfNumber, formatAmount, parseAmount } from '../money';
import { type Payload } from '../render';
import { type Accounts, isoSeconds, type Transfer } from './accounts';
import {
  jsonObject,
  type JsonObject,
  jsonRoute,
  money,
  SUBACCOUNTS_ERRORS,
  validation,
} from './subaccounts.shapes';

type Kind = 'balance' | 'credit';

const VALID_TRANSFERS = `${SUBACCOUNTS_ERRORS}#valid-transfers`;
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;

/**
 * Balance and credit transfers between the primary and one of its sub-accounts, and their lists.
 * The routes come without the primary-only check, which the Subaccounts area wraps around them.
 */
export function transferRoutes(accounts: Accounts): Route[] {
  const { state, primaryKey } = accounts;
  const ledger = (kind: Kind) =>
    kind === 'balance' ? state.balanceTransfers : state.creditTransfers;

  /** The money of one account: the primary's balance is the Account area's. */
  const fundsOf = (key: string) => {
    const sub = state.subaccounts.get(key);
    return {
      balance: parseAmount(sub ? sub.balance : accounts.account.balance),
      creditLimit: parseAmount(sub ? sub.creditLimit : state.primaryCreditLimit),
      set: (balance: bigint, creditLimit: bigint) => {
        if (sub)
          Object.assign(sub, {
            balance: formatAmount(balance),
            creditLimit: formatAmount(creditLimit),
          });
        else {
          accounts.account.balance = formatAmount(balance);
          state.primaryCreditLimit = formatAmount(creditLimit);
        }
      },
    };
  };

  const transfer =
    (kind: Kind) =>
    (request: RouteRequest): Reply => {
      const { traceId } = request;
      const body = jsonObject(request);
      if (Array.isArray(body)) return validation(traceId, body);
      const read = readTransfer(body);
      if (Array.isArray(read)) return validation(traceId, read);
      const { from, to, amount, reference } = read;
      const refused = (title: string, detail: string) =>
        problemAt(403, VALID_TRANSFERS, title, detail, traceId);
      const subKey = from === primaryKey ? to : to === primaryKey ? from : undefined;
      const sub = subKey === undefined || from === to ? undefined : state.subaccounts.get(subKey);
      if (!sub) {
        const detail = 'Transfers are only allowed between a primary account and its subaccount';
        return refused('Invalid Transfer', detail);
      }
      if (sub.usePrimaryAccountBalance) {
        return refused(
          'Invalid Transfer',
          `Subaccount ${sub.apiKey} uses the primary account balance`,
        );
      }
      if (sub.suspended)
        return refused('Invalid Transfer', `Subaccount ${sub.apiKey} is suspended`);
      const source = fundsOf(from);
      const target = fundsOf(to);
      const units = parseAmount(amount);
      if (kind === 'balance') {
        // The spec's rule: balance_available_for_transfer = |balance - credit_limit| of the source.
        const available = abs(source.balance - source.creditLimit);
        if (units > available) return refused('Transfer amount is invalid', 'Insufficient Balance');
        source.set(source.balance - units, source.creditLimit);
        target.set(target.balance + units, target.creditLimit);
      } else {
        // Credit in use (a balance below zero) stays with the account that spent it.
        const inUse = source.balance < 0n ? -source.balance : 0n;
        const available = -source.creditLimit - inUse;
        if (units > available) return refused('Transfer amount is invalid', 'Insufficient Credit');
        source.set(source.balance, source.creditLimit + units);
        target.set(target.balance, target.creditLimit - units);
      }
      const record: Transfer = {
        id: randomUUID(),
        amount,
        from,
        to,
        reference,
        createdAt: isoSeconds(),
      };
      ledger(kind).push(record);
      return { status: 200, body: transferRecord(kind, record) };
    };

  const list =
    (kind: Kind) =>
    (request: RouteRequest): Reply => {
      const { query } = request;
      const invalid: InvalidParameter[] = [];
      const start = dateParameter(query, 'start_date', true, invalid);
      const end = dateParameter(query, 'end_date', false, invalid);
      if (invalid.length > 0) return validation(request.traceId, invalid);
      const only = query.getAll('subaccount');
      const matching = ledger(kind).filter((entry) => {
        const at = Date.parse(entry.createdAt);
        const involved = only.length === 0 || only.includes(entry.from) || only.includes(entry.to);
        return involved && at >= (start ?? 0) && (end === undefined || at <= end);
      });
      const name = `${kind}_transfers`;
      const items = matching.map((entry) => transferRecord(kind, entry));
      return { status: 200, body: { _embedded: { [name]: items } } };
    };

  return [
    jsonRoute('GET', '/accounts/:api_key/balance-transfers', list('balance')),
    jsonRoute('POST', '/accounts/:api_key/balance-transfers', transfer('balance')),
    jsonRoute('GET', '/accounts/:api_key/credit-transfers', list('credit')),
    jsonRoute('POST', '/accounts/:api_key/credit-transfers', transfer('credit')),
  ];
}

function transferRecord(kind: Kind, entry: Transfer): Record<string, Payload> {
  return {
    [`${kind}_transfer_id`]: entry.id,
    amount: money(entry.amount),
    from: entry.from,
    to: entry.to,
    reference: entry.reference,
    created_at: entry.createdAt,
  };
}

interface TransferInput {
  from: string;
  to: string;
  /** Exact decimal, 8 places. */
  amount: string;
  reference: string;
}

function readTransfer(body: JsonObject): TransferInput | InvalidParameter[] {
  const invalid: InvalidParameter[] = [];
  for (const name of ['from', 'to'] as const) {
    const value = body[name];
    if (value === undefined) invalid.push({ name, reason: 'Is required' });
    else if (typeof value !== 'string' || value === '') {
      invalid.push({ name, reason: 'Must be an api_key' });
    }
  }
  const { amount, reference } = body;
  const exact = typeof amount === 'number' ? amountOfNumber(amount) : undefined;
  if (amount === undefined) invalid.push({ name: 'amount', reason: 'Is required' });
  else if (typeof amount !== 'number') invalid.push({ name: 'amount', reason: 'Must be a number' });
  else if (exact === undefined || parseAmount(exact) <= 0n) {
    const reason = 'Must be a positive number with at most 8 decimal places';
    invalid.push({ name: 'amount', reason });
  }
  if (reference !== undefined && typeof reference !== 'string') {
    invalid.push({ name: 'reference', reason: 'Must be a string' });
  }
  if (invalid.length > 0 || exact === undefined) return invalid;
  const text = (name: 'from' | 'to') => body[name] as string;
  return {
    from: text('from'),
    to: text('to'),
    amount: exact,
    reference: (reference as string) ?? '',
  };
}

function dateParameter(
  query: URLSearchParams,
  name: string,
  required: boolean,
  invalid: InvalidParameter[],
): number | undefined {
  const raw = query.get(name);
  if (raw === null) {
    if (required) invalid.push({ name, reason: 'Is required' });
    return undefined;
  }
  const at = ISO_DATE_TIME.test(raw) ? Date.parse(raw) : Number.NaN;
  if (Number.isNaN(at)) {
    invalid.push({
      name,
      reason: 'Must be an ISO 8601 date and time, such as 2019-07-15T13:11:44Z',
    });
    return undefined;
  }
  return at;
}

const abs = (value: bigint): bigint => (value < 0n ? -value : value);
