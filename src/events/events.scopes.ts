import { scopeDecorator } from '../auth/scopes';
import { ACCOUNT_SCOPES } from '../account';
import { NUMBERS_SCOPES } from '../numbers';

/** The scopes of the events' fields, each with what it lets a caller do. */
export const EVENTS_SCOPES = {
  'messages:read':
    'watches inbound SMS (with numbers:read) and delivery receipts as they arrive (inboundSms, deliveryReceipts)',
};

/**
 * `@requiresScopes` on a field of this domain: its own scope, Numbers' for inbound SMS, and
 * Account's for pointing the account's webhooks at the gateway.
 */
export const RequiresScopes = scopeDecorator({
  ...EVENTS_SCOPES,
  ...NUMBERS_SCOPES,
  ...ACCOUNT_SCOPES,
});
