import {
  IsISO31661Alpha2,
  IsUrl,
  type ValidationOptions,
  MaxLength,
  ValidateIf,
} from 'class-validator';

/** Rules more than one domain's arguments share, each with the message a user reads. */

export const COUNTRY_MESSAGE = 'must be an ISO 3166-1 alpha-2 country code such as "GB" (any case)';

/** An ISO 3166-1 alpha-2 code, any case. */
export function IsCountryCode(options: ValidationOptions = {}): PropertyDecorator {
  const message = options.each ? `each value ${COUNTRY_MESSAGE}` : COUNTRY_MESSAGE;
  return IsISO31661Alpha2({ message, ...options });
}

const WEBHOOK_RULE = { protocols: ['http', 'https'], require_protocol: true, require_tld: false };

const unlessUnset = (_: object, value: unknown) =>
  value !== '' && value !== null && value !== undefined;

/** An absolute http(s) URL of at most 2048 characters; "" (unset) and null pass. */
export function IsWebhookUrl(message: string): PropertyDecorator {
  return (target, property) => {
    ValidateIf(unlessUnset)(target, property);
    MaxLength(2048)(target, property);
    IsUrl(WEBHOOK_RULE, { message })(target, property);
  };
}
