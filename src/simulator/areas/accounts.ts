import { randomBytes } from 'node:crypto';
import { type Keyring } from '../auth';
import { formatAmount, normalizeAmount, parseAmount } from '../money';
import { type AccountState } from './account';

/** A sub-account of the primary. Money is a decimal string with 8 places, as in the Account area. */
export interface Subaccount {
  apiKey: string;
  name: string;
  /** True: no money of its own, it spends the primary's (`balance`/`credit_limit` answer null). */
  usePrimaryAccountBalance: boolean;
  /** `YYYY-MM-DDTHH:MM:SSZ`. */
  createdAt: string;
  suspended: boolean;
  /** Its own balance; kept at 0 while it shares the primary's. */
  balance: string;
  /** 0 or negative: how far below zero its balance may go. */
  creditLimit: string;
}

export interface Secret {
  id: string;
  /** The secret itself, never shown by the API after creation. */
  secret: string;
  createdAt: string;
}

export interface Transfer {
  id: string;
  amount: string;
  from: string;
  to: string;
  reference: string;
  createdAt: string;
}

export interface SubaccountsState {
  /** False: every Subaccounts route answers 403 unprovisioned (the secrets routes still work). */
  provisioned: boolean;
  primaryName: string;
  primaryCreatedAt: string;
  /** The primary's credit limit; its balance is the Account area's, so get-balance shows moves. */
  primaryCreditLimit: string;
  /** By api_key, in creation order. */
  subaccounts: Map<string, Subaccount>;
  /** Active secrets by api_key, the primary's and every sub-account's, oldest first. */
  secrets: Map<string, Secret[]>;
  /** Oldest first. */
  balanceTransfers: Transfer[];
  creditTransfers: Transfer[];
}

/** The accounts of the sandbox: one primary, its sub-accounts, and who may sign in as whom. */
export interface Accounts {
  readonly primaryKey: string;
  readonly state: SubaccountsState;
  /** The primary's balance lives in the Account area's state. */
  readonly account: AccountState;
  readonly keyring: Keyring;
  /** True for the primary and each of its sub-accounts. */
  knows(apiKey: string): boolean;
  /** A fresh 8-hex-digit api_key, unused by any account. */
  newKey(): string;
  /**
   * Takes `cost` (units of 10^-8) from what `payer` spends: its own balance for a sub-account
   * that has one, the primary's otherwise. False, and nothing taken, when the balance is short.
   */
  charge(payer: string, cost: bigint): boolean;
  /** A sub-account's own balance, null for one spending the primary's, undefined for others. */
  ownBalance(apiKey: string): string | null | undefined;
  reset(): void;
}

/**
 * The seed: one sub-account spending the primary's balance, one with its own 25.00 and no credit,
 * one with its own 5.50 and 10.00 of credit that is suspended. Keys, secrets and dates are fixed
 * so tests (and a gateway's tests in another process) can name them.
 */
export const SEEDED_SUBACCOUNTS: readonly (Subaccount & { secret: string })[] = [
  {
    apiKey: 'bbe6222f',
    name: 'Department A (shared balance)',
    usePrimaryAccountBalance: true,
    createdAt: '2024-01-15T09:30:00Z',
    suspended: false,
    balance: '0',
    creditLimit: '0',
    secret: 'SharedSub1Secret',
  },
  {
    apiKey: 'cce7333a',
    name: 'Department B (own balance)',
    usePrimaryAccountBalance: false,
    createdAt: '2024-02-20T14:00:00Z',
    suspended: false,
    balance: '25.00',
    creditLimit: '0',
    secret: 'OwnBalance2Secret',
  },
  {
    apiKey: 'dde8444b',
    name: 'Department C (suspended)',
    usePrimaryAccountBalance: false,
    createdAt: '2024-03-10T11:15:00Z',
    suspended: true,
    balance: '5.50',
    creditLimit: '-10',
    secret: 'Suspended3Secret',
  },
];

const PRIMARY_CREATED_AT = '2023-06-01T08:00:00Z';
/** Seeded secret ids: the primary's ends in 0, the sub-accounts' in 1, 2, 3. */
const seededSecretId = (at: number) => `5ec7e700-0000-4000-8000-${String(at).padStart(12, '0')}`;

export function createAccounts(
  primary: { apiKey: string; apiSecret: string },
  account: AccountState,
): Accounts {
  const primaryKey = primary.apiKey;
  const initial = (): SubaccountsState => ({
    provisioned: true,
    primaryName: 'Primary account',
    primaryCreatedAt: PRIMARY_CREATED_AT,
    primaryCreditLimit: normalizeAmount('-500'),
    subaccounts: new Map(
      SEEDED_SUBACCOUNTS.map(({ secret: _secret, ...seed }) => [
        seed.apiKey,
        {
          ...seed,
          balance: normalizeAmount(seed.balance),
          creditLimit: normalizeAmount(seed.creditLimit),
        },
      ]),
    ),
    secrets: new Map([
      [
        primaryKey,
        [{ id: seededSecretId(0), secret: primary.apiSecret, createdAt: PRIMARY_CREATED_AT }],
      ],
      ...SEEDED_SUBACCOUNTS.map(({ apiKey, secret, createdAt }, at): [string, Secret[]] => [
        apiKey,
        [{ id: seededSecretId(at + 1), secret, createdAt }],
      ]),
    ]),
    balanceTransfers: [],
    creditTransfers: [],
  });
  const state = initial();
  const knows = (apiKey: string) => apiKey === primaryKey || state.subaccounts.has(apiKey);
  const hasSecret = (apiKey: string, secret: string) =>
    (state.secrets.get(apiKey) ?? []).some((entry) => entry.secret === secret);

  return {
    primaryKey,
    state,
    account,
    // The primary's secrets open its sub-accounts too: a client holding only the primary's
    // credentials reads a sub-account's numbers or balance by sending that sub-account's key.
    keyring: {
      accepts: (apiKey, secret) =>
        knows(apiKey) && (hasSecret(apiKey, secret) || hasSecret(primaryKey, secret)),
    },
    knows,
    newKey: () => {
      for (;;) {
        const key = randomBytes(4).toString('hex');
        if (!knows(key)) return key;
      }
    },
    charge: (payer, cost) => {
      const sub = state.subaccounts.get(payer);
      const own = sub && !sub.usePrimaryAccountBalance ? sub : undefined;
      const balance = parseAmount(own ? own.balance : account.balance);
      if (balance < cost) return false;
      if (own) own.balance = formatAmount(balance - cost);
      else account.balance = formatAmount(balance - cost);
      return true;
    },
    ownBalance: (apiKey) => {
      const sub = state.subaccounts.get(apiKey);
      if (!sub) return undefined;
      return sub.usePrimaryAccountBalance ? null : sub.balance;
    },
    reset: () => {
      const fresh = initial();
      refill(state.subaccounts, fresh.subaccounts);
      refill(state.secrets, fresh.secrets);
      state.balanceTransfers.length = 0;
      state.creditTransfers.length = 0;
      const { provisioned, primaryName, primaryCreatedAt, primaryCreditLimit } = fresh;
      Object.assign(state, { provisioned, primaryName, primaryCreatedAt, primaryCreditLimit });
    },
  };
}

/** Refilled in place, so references held by tests stay live. */
function refill<K, V>(target: Map<K, V>, source: ReadonlyMap<K, V>): void {
  target.clear();
  for (const [key, value] of source) target.set(key, value);
}

/** `YYYY-MM-DDTHH:MM:SSZ`, the form every date of these APIs takes. */
export function isoSeconds(at: Date = new Date()): string {
  return `${at.toISOString().slice(0, 19)}Z`;
}
