import { scopeDecorator } from '../auth/scopes';

/** The scopes of the account's fields, each with what it lets a caller do. */
export const ACCOUNT_SCOPES = {
  'account:read': 'reads the balance and the settings',
  'billing:write': 'tops the balance up (topUp)',
  'settings:write': "changes the settings, the account's webhooks (updateSettings)",
};

/** `@requiresScopes` on a field of this domain. */
export const RequiresScopes = scopeDecorator(ACCOUNT_SCOPES);
