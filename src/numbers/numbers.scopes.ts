import { scopeDecorator } from '../auth/scopes';
import { PRICING_SCOPES } from '../pricing';

/** The scopes of the numbers' fields, each with what it lets a caller do. */
export const NUMBERS_SCOPES = {
  'numbers:read': 'reads owned and available numbers',
  'numbers:write': 'buys, cancels and updates numbers (buyNumber, cancelNumber, updateNumber)',
};

/** `@requiresScopes` on a field of this domain: its own scopes, and the price of a number's. */
export const RequiresScopes = scopeDecorator({ ...NUMBERS_SCOPES, ...PRICING_SCOPES });
