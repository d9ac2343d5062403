import { createHash } from 'node:crypto';
import { type GraphQLResponse } from './gateway';

/** An API_TOKENS entry for `token`: only its SHA-256 is configured. */
export function tokenEntry(name: string, token: string, scopes: string[]): string {
  return `${name}:${createHash('sha256').update(token).digest('hex')}:${scopes.join(' ')}`;
}

/** POSTs an operation to /graphql with extra headers (Authorization, Origin…). */
export async function postGraphql<T = Record<string, unknown>>(
  url: string,
  body: object,
  headers: Record<string, string> = {},
): Promise<GraphQLResponse<T> & { headers: Headers }> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  const parsed = (await response.json()) as Omit<GraphQLResponse<T>, 'status'>;
  return { status: response.status, headers: response.headers, ...parsed };
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** One operation per mutation, each with the scope that field declares. */
export const MUTATIONS: { field: string; scope: string; also?: string[]; query: string }[] = [
  {
    field: 'topUp',
    scope: 'billing:write',
    query: 'mutation { topUp(input: { trx: "00X123456Y7890123Z" }) { __typename } }',
  },
  {
    field: 'updateSettings',
    scope: 'settings:write',
    query: 'mutation { updateSettings(input: { moCallbackUrl: "" }) { __typename } }',
  },
  {
    field: 'buyNumber',
    scope: 'numbers:write',
    query:
      'mutation { buyNumber(input: { country: "GB", msisdn: "447700900000" }) { __typename } }',
  },
  {
    field: 'cancelNumber',
    scope: 'numbers:write',
    query:
      'mutation { cancelNumber(input: { country: "GB", msisdn: "447700900000" }) { __typename } }',
  },
  {
    field: 'updateNumber',
    scope: 'numbers:write',
    query:
      'mutation { updateNumber(input: { country: "GB", msisdn: "447700900000", moHttpUrl: "" }) { __typename } }',
  },
  {
    field: 'transferBalance',
    scope: 'subaccounts:transfer',
    query:
      'mutation { transferBalance(input: { from: "sandbox", to: "cce7333a", amount: "1" }) { __typename } }',
  },
  {
    field: 'transferCredit',
    scope: 'subaccounts:transfer',
    query:
      'mutation { transferCredit(input: { from: "sandbox", to: "cce7333a", amount: "1" }) { __typename } }',
  },
  {
    field: 'createSubaccount',
    scope: 'subaccounts:write',
    query: 'mutation { createSubaccount(input: { name: "Shop" }) { __typename } }',
  },
  {
    field: 'updateSubaccount',
    scope: 'subaccounts:write',
    query: 'mutation { updateSubaccount(input: { apiKey: "cce7333a", name: "B" }) { __typename } }',
  },
  {
    field: 'transferNumber',
    scope: 'subaccounts:write',
    also: ['numbers:write'],
    query:
      'mutation { transferNumber(input: { from: "sandbox", to: "cce7333a", msisdn: "447700900000", country: "GB" }) { __typename } }',
  },
  {
    field: 'createApiSecret',
    scope: 'admin',
    query: 'mutation { createApiSecret(input: { secret: "Abcdefg1" }) { __typename } }',
  },
  {
    field: 'revokeApiSecret',
    scope: 'admin',
    query:
      'mutation { revokeApiSecret(input: { secretId: "5ec7e700-0000-4000-8000-000000000000" }) { __typename } }',
  },
];
