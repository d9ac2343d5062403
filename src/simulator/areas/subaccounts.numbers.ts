import {
  type InvalidParameter,
  problemAt,
  type Reply,
  type Route,
  type RouteRequest,
} from '../area';
import { type Accounts } from './accounts';
import { type NumberOwners } from './numbers';
import { jsonObject, jsonRoute, SUBACCOUNTS_ERRORS, validation } from './subaccounts.shapes';

/**
 * `POST /accounts/{api_key}/transfer-number`: a number moves between two accounts of the
 * primary's family (the primary and its sub-accounts, or two sub-accounts). The refusals are the
 * spec's: 403 when the accounts or the owner do not allow it, 404 when no account of the family
 * owns the number, 409 when `to` owns it already.
 */
export function transferNumberRoute(accounts: Accounts, owners: NumberOwners): Route {
  const handle = (request: RouteRequest): Reply => {
    const { traceId } = request;
    const body = jsonObject(request);
    if (Array.isArray(body)) return validation(traceId, body);
    const read = readNumberTransfer(body);
    if (Array.isArray(read)) return validation(traceId, read);
    const { from, to, number, country } = read;
    const what = `number ${number} from account ${from} to ${to}`;
    const refused = (slug: string, status: number, title: string, detail: string) =>
      problemAt(status, `${SUBACCOUNTS_ERRORS}#${slug}`, title, detail, traceId);
    const invalid = (why: string) =>
      refused(
        'invalid-number-transfer',
        403,
        'Invalid Number Transfer',
        `Failed to perform transfer ${what} - ${why}`,
      );
    if (!accounts.knows(from) || !accounts.knows(to)) {
      return invalid(
        'The relationship between these two accounts does not allow for number transfer',
      );
    }
    const owner = owners.ownerOf(number, country);
    if (owner === undefined) {
      const detail = `Could not transfer ${what} - ShortCode not found`;
      return refused('missing-number-transfer', 404, 'Invalid Number Transfer', detail);
    }
    if (owner === to) {
      const detail = `Could not transfer ${what} - ShortCode is already owned by requesting account`;
      return refused('transfer-conflict', 409, 'Transfer Conflict', detail);
    }
    if (owner !== from) return invalid(`The number is not owned by account ${from}`);
    owners.give(number, to);
    return {
      status: 200,
      body: { number, country, from, to, masterAccountId: accounts.primaryKey },
    };
  };
  return jsonRoute('POST', '/accounts/:api_key/transfer-number', handle);
}

interface NumberTransfer {
  from: string;
  to: string;
  number: string;
  country: string;
}

/** `number` may come as digits in a string or as a JSON number: the spec shows both. */
function readNumberTransfer(body: Record<string, unknown>): NumberTransfer | InvalidParameter[] {
  const invalid: InvalidParameter[] = [];
  const text = (name: string, valid: RegExp, reason: string): string => {
    const value = body[name];
    const raw = typeof value === 'number' && name === 'number' ? String(value) : value;
    if (raw === undefined) invalid.push({ name, reason: 'Is required' });
    else if (typeof raw !== 'string' || !valid.test(raw)) invalid.push({ name, reason });
    return typeof raw === 'string' ? raw : '';
  };
  const from = text('from', /^\S+$/, 'Must be an api_key');
  const to = text('to', /^\S+$/, 'Must be an api_key');
  const number = text('number', /^\d{4,15}$/, 'Must be a number in E.164 form, digits only');
  const country = text('country', /^[A-Za-z]{2}$/, 'Must be a two-letter country code');
  if (invalid.length === 0 && from === to) {
    invalid.push({ name: 'to', reason: 'Must be another account than from' });
  }
  if (invalid.length > 0) return invalid;
  return { from, to, number, country: country.toUpperCase() };
}
