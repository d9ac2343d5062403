import { scopeDecorator } from '../auth/scopes';

/** The scope of every price field, with what it lets a caller do. */
export const PRICING_SCOPES = {
  'pricing:read': "reads prices, and the account's currency",
};

/** `@requiresScopes` on a field of this domain. */
export const RequiresScopes = scopeDecorator(PRICING_SCOPES);
