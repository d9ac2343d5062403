import {
  IsUrl,
  MaxLength,
  ValidateBy,
  ValidateIf,
  type ValidationError,
  type ValidationOptions,
  type ValidatorOptions,
  validateOrReject,
} from 'class-validator';
import { ArgumentValidationError } from 'type-graphql';
import { getAlpha2Codes } from 'i18n-iso-countries';
import { badUserInput } from './errors';

/** Rules more than one domain's arguments share, each with the message a user reads. */

export const COUNTRY_MESSAGE = 'must be an ISO 3166-1 alpha-2 country code such as "GB" (any case)';

/**
 * ISO 3166-1 alpha-2 codes and the user-assigned ones Vonage prices too (XK, Kosovo), from the
 * same data package the sandbox uses: ISO's official list alone would refuse countries Vonage
 * sells to.
 */
const COUNTRIES: ReadonlySet<string> = new Set(Object.keys(getAlpha2Codes()));

/** `value` as the gateway keys a country (upper case), or undefined when it names none. */
function parseCountry(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const code = value.toUpperCase();
  return COUNTRIES.has(code) ? code : undefined;
}

/** A country code Vonage knows, any case. */
export function IsCountryCode(options: ValidationOptions = {}): PropertyDecorator {
  const message = options.each ? `each value ${COUNTRY_MESSAGE}` : COUNTRY_MESSAGE;
  return ValidateBy(
    {
      name: 'isCountryCode',
      validator: { validate: (value: unknown) => parseCountry(value) !== undefined },
    },
    { message, ...options },
  );
}

/**
 * The one way a country code from a caller comes in: upper case, as every cache key, upstream
 * call and answer spells it. Arguments are validated first (IsCountryCode), so this refuses
 * nothing they let through; anything else is BAD_USER_INPUT naming `field`, with the same message.
 */
export function countryCode(value: string, field: string): string {
  const code = parseCountry(value);
  if (code === undefined) throw badUserInput(field, COUNTRY_MESSAGE);
  return code;
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

/** type-graphql's own defaults for class-validator. */
const VALIDATOR_OPTIONS: ValidatorOptions = {
  skipMissingProperties: true,
  forbidUnknownValues: false,
};

const validatable = (value: unknown): value is object =>
  value !== null && typeof value === 'object';

/**
 * Argument validation as type-graphql does it, with class-validator imported once: type-graphql's
 * built-in path resolves the module again for every validated argument of every request.
 */
export async function validateArgument(value: unknown): Promise<void> {
  if (!validatable(value)) return;
  try {
    if (Array.isArray(value)) {
      await Promise.all(
        value.filter(validatable).map((item) => validateOrReject(item, VALIDATOR_OPTIONS)),
      );
    } else {
      await validateOrReject(value, VALIDATOR_OPTIONS);
    }
  } catch (errors) {
    throw new ArgumentValidationError(errors as ValidationError[]);
  }
}
