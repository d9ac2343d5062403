import { scopeDecorator } from '../auth/scopes';
import { NUMBERS_SCOPES } from '../numbers';

/** The scopes of the sub-accounts' fields, each with what it lets a caller do. */
export const SUBACCOUNTS_SCOPES = {
  'subaccounts:read': 'reads the sub-accounts, their balances and the transfers between them',
  'subaccounts:write':
    'creates and changes sub-accounts, and moves numbers between them (createSubaccount, updateSubaccount, transferNumber with numbers:write)',
  'subaccounts:transfer':
    'moves balance and credit between the account and its sub-accounts (transferBalance, transferCredit)',
  admin:
    "manages the account's API secrets, and its sub-accounts' (apiSecrets, createApiSecret, revokeApiSecret)",
};

/** `@requiresScopes` on a field of this domain: its own scopes, and Numbers' for their numbers. */
export const RequiresScopes = scopeDecorator({ ...SUBACCOUNTS_SCOPES, ...NUMBERS_SCOPES });
