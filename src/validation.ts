import { IsUrl, MaxLength, ValidateBy, ValidateIf, type ValidationOptions } from 'class-validator';
import { getAlpha2Codes } from 'i18n-iso-countries';

/** Rules more than one domain's arguments share, each with the message a user reads. */

export const COUNTRY_MESSAGE = 'must be an ISO 3166-1 alpha-2 country code such as "GB" (any case)';

/**
 * ISO 3166-1 alpha-2 codes and the user-assigned ones Vonage prices too (XK, Kosovo), from the
 * same data package the sandbox uses: ISO's official list alone would refuse countries Vonage
 * sells to.
 */
const COUNTRIES: ReadonlySet<string> = new Set(Object.keys(getAlpha2Codes()));

/** A country code Vonage knows, any case. */
export function IsCountryCode(options: ValidationOptions = {}): PropertyDecorator {
  const message = options.each ? `each value ${COUNTRY_MESSAGE}` : COUNTRY_MESSAGE;
  return ValidateBy(
    {
      name: 'isCountryCode',
      validator: {
        validate: (value: unknown) =>
          typeof value === 'string' && COUNTRIES.has(value.toUpperCase()),
      },
    },
    { message, ...options },
  );
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
